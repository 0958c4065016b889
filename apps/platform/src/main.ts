/**
 * Command line of the CDKTF app (entry: cli.ts).
 *
 *   synth [--stack <name>]... [--outdir <dir>]   synthesize stacks (default: all, into $CDKTF_OUTDIR or cdktf.out)
 *   validate [<environment.yaml>]...             check definitions without synthesizing (default: all)
 *   list                                         print the stack names, one per line
 *   policy                                       every stack's policy report (docs/policy.md); exit 1 on a violation
 *   addresses [--stack <name>]... | --update      check (or rewrite) the pinned addresses in docs/addresses/
 */
import { formatProblem, loadEnvironmentFile } from '@ecs-platform/environment-definition';
import { formatStackReport, formatTotals, PolicyViolationError, type StackReport, totals } from '@ecs-platform/policy';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkAddresses, formatAddressCheck, isClean, updateAddresses } from './addresses';
import { planStacks } from './stack-plan';
import { synthesize, UnknownStackError } from './synthesize';
import { loadWorkspace } from './workspace';

const USAGE = `usage: synth [--stack <name>]... [--outdir <dir>] | validate [<file>]... | list | policy | addresses [--stack <name>]... | addresses --update`;

export function main(argv: readonly string[], root: string): number {
  const [command = 'synth', ...rest] = argv;
  try {
    switch (command) {
      case 'synth':
        return runSynth(rest, root);
      case 'validate':
        return runValidate(rest, root);
      case 'policy':
        return runPolicy(rest, root);
      case 'addresses':
        return runAddresses(rest, root);
      case 'list':
        for (const stack of planStacks(loadWorkspace(root))) console.log(stack.name);
        return 0;
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnknownStackError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof PolicyViolationError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

class UsageError extends Error {}

function runSynth(args: readonly string[], root: string): number {
  const stacks: string[] = [];
  let outdir = process.env.CDKTF_OUTDIR ?? path.join(root, 'cdktf.out');
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if ((args[i] === '--stack' || args[i] === '--outdir') && value === undefined) {
      throw new UsageError(`${args[i]} needs a value\n${USAGE}`);
    }
    if (args[i] === '--stack') stacks.push(...value.split(',').filter(Boolean));
    else if (args[i] === '--outdir') outdir = value;
    else throw new UsageError(`unknown argument "${args[i]}"\n${USAGE}`);
    i++;
  }
  const result = synthesize({ root, outdir, stacks: stacks.length > 0 ? stacks : undefined });
  for (const problem of result.problems) console.error(formatProblem(problem));
  if (result.invalid.length > 0) {
    console.error(
      `\nNot synthesized (invalid definitions, previous output removed): ${result.invalid.join(', ')}` +
        `\n${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found.`,
    );
  }
  const where = path.relative(process.cwd(), outdir) || '.';
  if (result.synthesized.length > 0) console.log(`Synthesized ${result.synthesized.join(', ')} into ${where}/stacks`);
  return result.problems.length > 0 ? 1 : 0;
}

function runValidate(files: readonly string[], root: string): number {
  let problems = 0;
  if (files.length === 0) {
    const workspace = loadWorkspace(root);
    const all = [...workspace.settingsProblems, ...[...workspace.environmentProblems.values()].flat()];
    for (const problem of all) console.error(formatProblem(problem));
    problems = all.length;
    if (problems === 0) console.log(`${workspace.environments.size} environment definitions are valid`);
  } else {
    for (const file of files) {
      const result = loadEnvironmentFile(path.resolve(file), file);
      if (result.ok) {
        console.log(`${file}: valid`);
        continue;
      }
      for (const problem of result.problems) console.error(formatProblem(problem));
      problems += result.problems.length;
    }
  }
  if (problems > 0) console.error(`${problems} problem${problems === 1 ? '' : 's'} found.`);
  return problems > 0 ? 1 : 0;
}

/** Synthesizes every stack into a scratch directory with the policy in report mode. */
function runPolicy(args: readonly string[], root: string): number {
  if (args.length > 0) throw new UsageError(`policy takes no arguments\n${USAGE}`);
  const reports: StackReport[] = [];
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-policy-'));
  let result;
  try {
    result = synthesize({ root, outdir, policy: { mode: 'report', onReport: (report) => reports.push(report) } });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  for (const problem of result.problems) console.error(formatProblem(problem));
  for (const report of reports) console.log(`${formatStackReport(report)}\n`);
  console.log(formatTotals(reports));
  if (result.invalid.length > 0) console.error(`Not evaluated (invalid definitions): ${result.invalid.join(', ')}`);
  return totals(reports).failed > 0 || result.problems.length > 0 ? 1 : 0;
}

function runAddresses(args: readonly string[], root: string): number {
  let update = false;
  const stacks: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--update') update = true;
    else if (args[i] === '--stack' && args[i + 1] !== undefined) stacks.push(...args[++i].split(',').filter(Boolean));
    else throw new UsageError(`unknown argument "${args[i]}"\n${USAGE}`);
  }
  if (update && stacks.length > 0) throw new UsageError(`addresses --update rewrites every stack's file; it takes no --stack\n${USAGE}`);
  if (update) {
    const result = updateAddresses(root);
    for (const problem of result.problems) console.error(problem);
    if (result.problems.length > 0) return 1;
    for (const name of result.written) console.log(`updated docs/addresses/${name}.txt`);
    for (const name of result.removed) console.log(`removed docs/addresses/${name}.txt`);
    if (result.written.length + result.removed.length === 0) console.log('docs/addresses/ is up to date');
    return 0;
  }
  const check = checkAddresses(root, stacks.length > 0 ? stacks : undefined);
  if (isClean(check)) {
    console.log('Terraform addresses match docs/addresses/');
    return 0;
  }
  console.error(formatAddressCheck(check));
  return 1;
}
