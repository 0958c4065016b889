#!/usr/bin/env node
'use strict';
/**
 * node tools/plan-report/cli.js [--out <file>] [--title <text>] [--footer <text>] [--limit <n>]
 *                                [--dir <plans dir>] [--expect <a,b>] [<name>=<plan.json>]...
 *
 * Plans come from `<name>=<file>` arguments and from `--dir`, where every `<name>.json` is the
 * plan of environment <name> (the layout of `terraform-gate --plans-dir` and of the workflow's
 * downloaded artifacts). `--expect` lists environments that must appear: one without a plan is
 * reported as failed, so a broken plan job is visible in the comment.
 * Exit codes: 0 written, 2 bad arguments.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadEnvironment, renderReport } = require('./index');

const USAGE = 'usage: plan-report [--out <file>] [--title <t>] [--footer <t>] [--limit <n>] [--dir <dir>] [--expect <a,b>] [<name>=<plan.json>]...';

class UsageError extends Error {}

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = { plans: /** @type {Array<[string, string]>} */ ([]), expect: /** @type {string[]} */ ([]), limit: undefined, out: undefined, title: undefined, footer: undefined, dir: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      if (arg === '--expect') options.expect.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
      else if (arg === '--limit') options.limit = positiveInteger(value);
      else if (['--out', '--title', '--footer', '--dir'].includes(arg)) options[arg.slice(2)] = value;
      else throw new UsageError(`unknown option ${arg}`);
    } else {
      const at = arg.indexOf('=');
      if (at < 1) throw new UsageError(`expected <name>=<plan.json>, got "${arg}"`);
      options.plans.push([arg.slice(0, at), arg.slice(at + 1)]);
    }
  }
  return options;
}

/** @param {string} value */
function positiveInteger(value) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1000) throw new UsageError('--limit needs a whole number >= 1000');
  return number;
}

/**
 * Environments in the order given: `name=file` arguments, then --dir files by name, then
 * expected ones with no plan at all.
 * @param {ReturnType<typeof parseArgs>} options
 */
function collectPlans(options) {
  const files = new Map(options.plans);
  if (options.dir && fs.existsSync(options.dir)) {
    for (const entry of fs.readdirSync(options.dir).sort()) {
      if (entry.endsWith('.json') && !files.has(entry.slice(0, -5))) files.set(entry.slice(0, -5), path.join(options.dir, entry));
    }
  }
  for (const name of options.expect) if (!files.has(name)) files.set(name, path.join(options.dir || '.', `${name}.json`));
  return [...files].map(([name, file]) => loadEnvironment(name, file));
}

/** @param {string[]} argv */
function main(argv) {
  try {
    const options = parseArgs(argv);
    const environments = collectPlans(options);
    if (environments.length === 0) throw new UsageError('no plans given');
    const report = renderReport(environments, { limit: options.limit, title: options.title, footer: options.footer });
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

module.exports = { main, parseArgs };
