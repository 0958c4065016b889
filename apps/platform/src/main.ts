/**
 * Command line of the CDKTF app (entry: cli.ts).
 *
 *   synth [--stack <name>]... [--outdir <dir>]   synthesize stacks (default: all, into $CDKTF_OUTDIR or cdktf.out)
 *   validate [<environment.yaml>]...             check definitions without synthesizing (default: all)
 *   list                                         print the stack names, one per line
 *   policy                                       every stack's policy report (docs/policy.md); exit 1 on a violation
 *   addresses [--stack <name>]... [--synthesized <outdir>] | --update
 *                                                check (or rewrite) the pinned addresses in docs/addresses/;
 *                                                --synthesized reads stacks already synthesized there
 */
import { formatProblem } from '@ecs-platform/environment-definition';
import { formatStackReport, formatTotals, PolicyViolationError, type StackReport, totals } from '@ecs-platform/policy';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkAddresses, formatAddressCheck, isClean, updateAddresses } from './addresses';
import { planStacks } from './stack-plan';
import { synthesize, UnknownStackError } from './synthesize';
import { configureTokenStackTraces } from './token-stack-traces';
import { runValidate } from './validate';
import { loadWorkspace } from './workspace';

const USAGE = `usage: synth [--stack <name>]... [--outdir <dir>] | validate [<file>]... | list | policy | addresses [--stack <name>]... [--synthesized <outdir>] | addresses --update`;

export function main(argv: readonly string[], root: string): number {
  const [command = 'synth', ...rest] = argv;
  // Off unless PLATFORM_TOKEN_STACK_TRACES=1 (token-stack-traces.ts): the output is the same.
  configureTokenStackTraces(process.env);
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
  // The CDKTF CLI runs this app for `cdktf synth`, `diff <stack>` and `deploy <stack>` alike,
  // always for every stack, and then picks one: a non-zero exit would stop every stack. So under
  // the CLI (which sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS) an invalid stack is written as
  // a blocked stack whose plan fails with its problems, and the problems go to stdout, which the
  // CLI shows (it shows stderr only when the app fails).
  const underCdktfCli = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
  const result = synthesize({
    root,
    outdir,
    stacks: stacks.length > 0 ? stacks : undefined,
    invalidStacks: underCdktfCli ? 'blocked' : 'remove',
    // A worker per core when there are enough stacks (PLATFORM_SYNTH_WORKERS, synth-workers.ts).
    workers: true,
  });
  const report = underCdktfCli ? console.log : console.error;
  for (const problem of result.problems) report(formatProblem(problem));
  for (const failure of result.failures) report(failure.message);
  if (result.invalid.length > 0) {
    const count = result.problems.length + result.failures.length;
    report(
      `\nNot synthesized: ${result.invalid.join(', ')}` +
        (underCdktfCli ? ' (each written as a blocked stack whose plan fails with these problems)' : ' (previous output removed)') +
        `\n${count} problem${count === 1 ? '' : 's'} found.`,
    );
  }
  const where = path.relative(process.cwd(), outdir) || '.';
  if (result.synthesized.length > 0) console.log(`Synthesized ${result.synthesized.join(', ')} into ${where}/stacks`);
  return result.invalid.length > 0 && !underCdktfCli ? 1 : 0;
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
  for (const failure of result.failures) console.error(failure.message);
  for (const report of reports) console.log(`${formatStackReport(report)}\n`);
  console.log(formatTotals(reports));
  if (result.invalid.length > 0) console.error(`Not evaluated (invalid): ${result.invalid.join(', ')}`);
  return totals(reports).failed > 0 || result.invalid.length > 0 ? 1 : 0;
}

function runAddresses(args: readonly string[], root: string): number {
  let update = false;
  let synthesizedIn: string | undefined;
  const stacks: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--update') update = true;
    else if (args[i] === '--stack' && args[i + 1] !== undefined) stacks.push(...args[++i].split(',').filter(Boolean));
    else if (args[i] === '--synthesized' && args[i + 1] !== undefined) synthesizedIn = args[++i];
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
  const check = checkAddresses(root, stacks.length > 0 ? stacks : undefined, { synthesizedIn });
  if (isClean(check)) {
    console.log('Terraform addresses match docs/addresses/');
    return 0;
  }
  console.error(formatAddressCheck(check));
  return 1;
}
