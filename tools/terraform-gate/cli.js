#!/usr/bin/env node
'use strict';
/**
 * Command line for the offline Terraform gate (see README.md).
 * Exit codes: 0 every stack passed, 1 a stack failed, 2 bad arguments or machine setup.
 */
const { runGate, GateSetupError, STEPS } = require('./index');

const HELP = `Usage: node tools/terraform-gate/cli.js [options]

Runs terraform init / validate / plan / test offline on CDKTF-synthesized stacks.

Options:
  --out-dir <dir>       CDKTF output dir (default: cdktf.out)
  --stack <a,b>         stacks to check: names, or prefixes ending in * (bootstrap-*);
                        comma-separated, repeatable (default: all)
  --steps <list>        any of ${STEPS.join(',')} (default: all; init always runs;
                        validate is done by plan when both are selected)
  --show-plan           list every planned change under each stack's line
  --work-dir <dir>      work copies, caches and runs/ (default: dist/terraform-gate)
  --plans-dir <dir>     write the plans here instead of <work-dir>/runs/<run>/plans
  --plugin-dir <dir>    provider mirror (default: $TF_PLUGIN_DIR, else one found on disk)
  --concurrency <n>     stacks at once (default: 2)
  --help                show this help

Environment:
  TF_PLUGIN_DIR          provider mirror holding registry.terraform.io/hashicorp/aws
  TF_GATE_MIRROR_SEARCH  off: do not search the filesystem for a mirror

Each run writes <work-dir>/runs/<UTC time>-<commit>/ (run.json, plans/<stack>.json and .txt);
<work-dir>/latest names the newest run.
`;

/** Flags that take a value, mapped to their runGate option. */
const VALUE_FLAGS = {
  '--out-dir': 'outDir',
  '--stack': 'stacks',
  '--steps': 'steps',
  '--work-dir': 'workDir',
  '--plans-dir': 'plansDir',
  '--plugin-dir': 'pluginDir',
  '--concurrency': 'concurrency',
};
const LIST_OPTIONS = new Set(['stacks', 'steps']);

/**
 * Parses argv into runGate options; accepts `--flag value` and `--flag=value`.
 * @param {string[]} argv
 * @returns {{ help: boolean, options: Record<string, any> }}
 */
function parseArgs(argv) {
  /** @type {Record<string, any>} */
  const options = {};
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') {
      help = true;
      continue;
    }
    if (flag === '--show-plan') {
      if (inline !== undefined) throw new GateSetupError('--show-plan takes no value');
      options.showPlan = true;
      continue;
    }
    const name = VALUE_FLAGS[/** @type {keyof typeof VALUE_FLAGS} */ (flag)];
    if (!name) throw new GateSetupError(`Unknown argument ${argv[i]}\n\n${HELP}`);
    const value = inline !== undefined ? inline : argv[++i];
    if (value === undefined || value === '') throw new GateSetupError(`${flag} needs a value`);
    if (LIST_OPTIONS.has(name)) {
      options[name] = [...(options[name] || []), ...value.split(',').map((item) => item.trim()).filter(Boolean)];
    } else if (name === 'concurrency') {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1) throw new GateSetupError('--concurrency needs a whole number >= 1');
      options.concurrency = number;
    } else {
      options[name] = value;
    }
  }
  return { help, options };
}

/**
 * @param {string[]} argv
 * @returns {Promise<number>} exit code
 */
async function main(argv) {
  try {
    const { help, options } = parseArgs(argv);
    if (help) {
      process.stdout.write(HELP);
      return 0;
    }
    const results = await runGate(options);
    return results.every((result) => result.ok) ? 0 : 1;
  } catch (error) {
    if (error instanceof GateSetupError) {
      process.stderr.write(`terraform-gate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`terraform-gate: unexpected error: ${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 2;
    },
  );
}

module.exports = { parseArgs, main };
