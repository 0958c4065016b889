#!/usr/bin/env node
'use strict';
/**
 * node tools/plan-report/cli.js [--out <file>] [--title <text>] [--footer <text>] [--limit <n>]
 *                                [--dir <folder>] [--gate-run latest|<folder>] [--work-dir <dir>]
 *                                [--expect <a,b>] [--missing-reason <text>] [<name>=<plan.json>]...
 *
 * Plans come from `<name>=<file>` arguments and from one folder:
 * - a terraform-gate run folder (`--dir <work-dir>/runs/<run>` or its `plans/` folder, or
 *   `--gate-run latest|<folder>`): exactly the stacks its run.json lists, and the footer names
 *   the run's commit and time, so plans of different runs can never be mixed;
 * - any other folder (`--dir`, e.g. the workflow's downloaded artifacts): every `<name>.json`
 *   in it is the plan of environment <name>.
 * `--expect` lists environments that must appear: one without a plan is reported as failed,
 * so a broken plan job is visible in the comment. `--missing-reason` says why expected plans
 * are missing when the workflow knows (a pull request from a fork gets no AWS credentials).
 * Exit codes: 0 written, 2 bad arguments.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadEnvironment, renderReport } = require('./index');
const runs = require('../terraform-gate/lib/runs');

const USAGE =
  'usage: plan-report [--out <file>] [--title <t>] [--footer <t>] [--limit <n>] [--dir <dir>] ' +
  '[--gate-run latest|<run folder>] [--work-dir <gate work dir>] [--expect <a,b>] [--missing-reason <text>] [<name>=<plan.json>]...';
/** The gate's default --work-dir, where `--gate-run latest` looks. */
const GATE_WORK_DIR = path.join('dist', 'terraform-gate');

class UsageError extends Error {}

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = {
    plans: /** @type {Array<[string, string]>} */ ([]),
    expect: /** @type {string[]} */ ([]),
    limit: /** @type {number|undefined} */ (undefined),
    out: /** @type {string|undefined} */ (undefined),
    title: /** @type {string|undefined} */ (undefined),
    footer: /** @type {string|undefined} */ (undefined),
    dir: /** @type {string|undefined} */ (undefined),
    'gate-run': /** @type {string|undefined} */ (undefined),
    'work-dir': /** @type {string|undefined} */ (undefined),
    'missing-reason': /** @type {string|undefined} */ (undefined),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      if (arg === '--expect') options.expect.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
      else if (arg === '--limit') options.limit = positiveInteger(value);
      else if (['--out', '--title', '--footer', '--dir', '--gate-run', '--work-dir', '--missing-reason'].includes(arg)) {
        options[/** @type {'out'|'title'|'footer'|'dir'|'gate-run'|'work-dir'|'missing-reason'} */ (arg.slice(2))] = value;
      } else throw new UsageError(`unknown option ${arg}`);
    } else {
      const at = arg.indexOf('=');
      if (at < 1) throw new UsageError(`expected <name>=<plan.json>, got "${arg}"`);
      options.plans.push([arg.slice(0, at), arg.slice(at + 1)]);
    }
  }
  if (options.dir && options['gate-run']) throw new UsageError('give --dir or --gate-run, not both');
  return options;
}

/** @param {string} value */
function positiveInteger(value) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1000) throw new UsageError('--limit needs a whole number >= 1000');
  return number;
}

/**
 * The gate run folder to read, if any: `--gate-run`, or a `--dir` that is (inside) one.
 * @param {ReturnType<typeof parseArgs>} options
 * @returns {string|undefined}
 */
function gateRunDir(options) {
  const requested = options['gate-run'];
  if (requested === 'latest') {
    const workDir = options['work-dir'] || GATE_WORK_DIR;
    const dir = runs.latestRunDir(workDir);
    if (!dir) throw new UsageError(`no gate run in ${workDir} (${runs.LATEST_FILE} missing): run node tools/terraform-gate/cli.js first`);
    if (!runs.runDirOf(dir)) throw new UsageError(`${path.join(workDir, runs.LATEST_FILE)} points at ${dir}, which has no ${runs.RUN_FILE}`);
    return dir;
  }
  if (requested) {
    const dir = runs.runDirOf(requested);
    if (!dir) throw new UsageError(`${requested} is not a terraform-gate run folder (no ${runs.RUN_FILE})`);
    return dir;
  }
  if (!options.dir) return undefined;
  if (!fs.existsSync(options.dir)) {
    // The gate's old default plans folder is gone: it now writes each run to a folder of its
    // own. Any other missing folder (no artifacts downloaded) means "no plans", as before.
    const gateWorkDir = path.dirname(path.resolve(options.dir));
    if (path.basename(options.dir) === 'plans' && fs.existsSync(path.join(gateWorkDir, runs.LATEST_FILE))) {
      throw new UsageError(`${options.dir} does not exist; terraform-gate writes each run to ${path.join(gateWorkDir, runs.RUNS_DIR)}/<run>/: use --gate-run latest`);
    }
    return undefined;
  }
  return runs.runDirOf(options.dir);
}

/**
 * `Offline plans of commit abc1234 (uncommitted changes), 2026-12-02 10:00 UTC`.
 * @param {import('../terraform-gate/lib/runs').RunRecord} record
 */
function runFooter(record) {
  const what = record.commit
    ? `commit ${record.commit}${record.dirty ? ' (uncommitted changes)' : ''}`
    : 'a working tree outside git';
  const when = record.startedAt ? `, ${record.startedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  return `Offline plans of ${what}${when}`;
}

/**
 * Environments in the order given: `name=file` arguments, then the folder's (the run's stacks
 * in run.json order, or a plain folder's files by name), then expected ones with no plan.
 * @param {ReturnType<typeof parseArgs>} options
 * @returns {{ environments: import('./render').EnvironmentReport[], footer?: string }}
 */
function collectPlans(options) {
  /** @type {Map<string, import('./render').EnvironmentReport|string>} */
  const entries = new Map(options.plans);
  const runDir = gateRunDir(options);
  let footer;
  if (runDir) {
    const record = runs.readRunRecord(runDir);
    footer = runFooter(record);
    for (const [name, stack] of Object.entries(record.stacks || {})) {
      if (entries.has(name)) continue;
      if (stack.planFile) entries.set(name, path.resolve(runDir, stack.planFile));
      else if (!stack.ok) entries.set(name, { name, error: `the gate failed at ${stack.failedStep || 'an early step'}; no plan` });
      else entries.set(name, { name, error: 'the gate ran without the plan step' });
    }
    for (const name of options.expect) {
      if (!entries.has(name)) entries.set(name, { name, error: `not in this gate run (${path.basename(runDir)})` });
    }
  } else {
    if (options.dir && fs.existsSync(options.dir)) {
      for (const entry of fs.readdirSync(options.dir).sort()) {
        if (entry.endsWith('.json') && !entries.has(entry.slice(0, -5))) entries.set(entry.slice(0, -5), path.join(options.dir, entry));
      }
    }
    for (const name of options.expect) {
      if (entries.has(name)) continue;
      const file = path.join(options.dir || '.', `${name}.json`);
      // Without the file, the workflow's reason (if it gave one) says more than "missing".
      entries.set(name, options['missing-reason'] && !fs.existsSync(file) ? { name, error: options['missing-reason'] } : file);
    }
  }
  const environments = [...entries].map(([name, entry]) => (typeof entry === 'string' ? loadEnvironment(name, entry) : entry));
  return { environments, footer };
}

/** @param {string[]} argv */
function main(argv) {
  try {
    const options = parseArgs(argv);
    const { environments, footer: runLine } = collectPlans(options);
    if (environments.length === 0) throw new UsageError('no plans given');
    const footer = [runLine, options.footer].filter(Boolean).join('\n\n') || undefined;
    const report = renderReport(environments, { limit: options.limit, title: options.title, footer });
    if (options.out) fs.writeFileSync(options.out, report);
    else process.stdout.write(report);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`plan-report: ${error.message}\n${USAGE}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { main, parseArgs, runFooter };
