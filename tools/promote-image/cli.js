#!/usr/bin/env node
'use strict';
/**
 * node tools/promote-image/cli.js --environment <env> (--service <name> | --repository <repo>)
 *                                  (--digest sha256:<hex> | --from-environment <env>)
 *                                  [--force --reason "<why>"] [--root <dir>]
 *
 * Pins the image of the selected services of <env> by digest (see index.js). Prints one line
 * per change; prints "already pinned" and changes nothing when the pin is already that digest.
 * An environment with `promotesFrom: <previous>` only takes a digest that <previous> runs;
 * `--force` overrides that, and only together with `--reason` (at least 20 characters), which
 * is printed with the result so that it reaches the pull request a reviewer reads.
 * Exit codes: 0 done (or nothing to do), 1 invalid promotion (file unchanged), 2 bad arguments.
 */
const { promote, checkForce, PromotionError, MIN_REASON_LENGTH } = require('./index');

const USAGE =
  'usage: promote-image --environment <env> (--service <name> | --repository <repo>) (--digest sha256:<hex> | --from-environment <env>) ' +
  `[--force --reason "<why, at least ${MIN_REASON_LENGTH} characters>"] [--root <dir>]`;
const FLAGS = {
  '--environment': 'environment',
  '--service': 'service',
  '--repository': 'repository',
  '--digest': 'digest',
  '--from-environment': 'fromEnvironment',
  '--reason': 'reason',
  '--root': 'root',
};

/**
 * @param {string[]} argv
 * @returns {import('./index').PromoteOptions}
 */
function parseArgs(argv) {
  /** @type {Record<string, any>} */
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--force') {
      options.force = true;
      continue;
    }
    const name = FLAGS[/** @type {keyof typeof FLAGS} */ (argv[i])];
    if (!name) throw new PromotionError(`unknown argument "${argv[i]}"`);
    if (argv[i + 1] === undefined) throw new PromotionError(`${argv[i]} needs a value`);
    options[name] = argv[i + 1];
    i += 1;
  }
  if (!options.environment) throw new PromotionError('--environment is required');
  if (Boolean(options.service) === Boolean(options.repository)) throw new PromotionError('name exactly one of --service and --repository');
  if (Boolean(options.digest) === Boolean(options.fromEnvironment)) throw new PromotionError('give exactly one of --digest and --from-environment');
  checkForce(options);
  return /** @type {import('./index').PromoteOptions} */ (options);
}

/** @param {string[]} argv */
function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`promote-image: ${/** @type {Error} */ (error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const { changes, forced } = promote(options);
    const where = `environments/${options.environment}`;
    if (forced && forced.violation) process.stdout.write(`${where}: forced past the promotion order: ${forced.violation}\n`);
    if (forced) process.stdout.write(`${where}: reason: ${forced.reason}\n`);
    if (changes.length === 0) process.stdout.write(`${where}: already pinned, nothing to change\n`);
    for (const change of changes) {
      process.stdout.write(`${where}: ${change.service} (${change.repository}) ${change.from} -> ${change.to}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof PromotionError)) throw error;
    process.stderr.write(`promote-image: ${error.message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { main, parseArgs };
