#!/usr/bin/env node
'use strict';
/**
 * Prints the stacks a workflow should plan or deploy, as a JSON array of
 * {stack, kind, accountId, region, planRoleArn, deployRoleArn, production, promotesFrom, wave}
 * in deploy order.
 *
 *   node tools/ci/stack-matrix.js [--projects <json array | a,b>] [--only <stack>] [--github-output]
 *
 * --github-output prints `stacks=<json>` and one `wave-<n>=<json array of stack names>` line per
 * deploy wave instead, ready to append to $GITHUB_OUTPUT (deploy.yml runs one job per wave).
 * --projects takes Nx's answer, e.g. `npx nx show projects --affected --withTarget plan --json`:
 * projects that are not CI stacks (libraries, the bootstrap project, whose stacks an
 * administrator applies: they create the CI roles themselves) are left out and listed on stderr.
 * Without --projects: every stack. --only keeps one stack (workflow_dispatch) and fails if unknown.
 */
const { ciStacks, wavesOf } = require('./definitions');

/** @param {string} value JSON array or comma-separated names */
function parseProjects(value) {
  const text = value.trim();
  if (text.startsWith('[')) return JSON.parse(text).map(String);
  return text.split(',').map((name) => name.trim()).filter(Boolean);
}

/**
 * @param {string[]} argv
 * @param {string} [root]
 * @returns {{ stacks: import('./definitions').CiStack[], skipped: string[] }}
 */
function selectStacks(argv, root) {
  let projects;
  let only;
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--github-output') {
      i -= 1;
      continue;
    }
    if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
    if (argv[i] === '--projects') projects = parseProjects(argv[i + 1]);
    else if (argv[i] === '--only') only = argv[i + 1];
    else throw new Error(`unknown argument "${argv[i]}"`);
  }
  const all = ciStacks(root);
  if (only && !all.some((s) => s.stack === only)) throw new Error(`no stack "${only}"; stacks: ${all.map((s) => s.stack).join(', ')}`);
  const wanted = new Set(only ? [only] : projects || all.map((s) => s.stack));
  const stacks = all.filter((s) => wanted.has(s.stack) && (!projects || projects.includes(s.stack)));
  const skipped = [...wanted].filter((name) => !stacks.some((s) => s.stack === name));
  return { stacks, skipped };
}

function main(argv) {
  try {
    const { stacks, skipped } = selectStacks(argv);
    if (skipped.length > 0) process.stderr.write(`stack-matrix: not CI stacks, skipped: ${skipped.join(', ')}\n`);
    if (argv.includes('--github-output')) {
      const lines = [`stacks=${JSON.stringify(stacks)}`, ...wavesOf(stacks).map((wave, i) => `wave-${i}=${JSON.stringify(wave)}`)];
      process.stdout.write(`${lines.join('\n')}\n`);
    } else {
      process.stdout.write(`${JSON.stringify(stacks)}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`stack-matrix: ${/** @type {Error} */ (error).message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { selectStacks, parseProjects, main };
