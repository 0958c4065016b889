#!/usr/bin/env node
'use strict';
/**
 * node tools/promote-image/cli.js --environment <env> (--service <name> | --repository <repo>)
 *                                  (--digest sha256:<hex> | --from-environment <env>) [--root <dir>]
 *
 * Pins the image of the selected services of <env> by digest (see index.js). Prints one line
 * per change; prints "already pinned" and changes nothing when the pin is already that digest.
 * Exit codes: 0 done (or nothing to do), 1 invalid promotion (file unchanged), 2 bad arguments.
 */
const { promote, PromotionError } = require('./index');

const USAGE =
  'usage: promote-image --environment <env> (--service <name> | --repository <repo>) (--digest sha256:<hex> | --from-environment <env>) [--root <dir>]';
const FLAGS = {
  '--environment': 'environment',
  '--service': 'service',
  '--repository': 'repository',
  '--digest': 'digest',
  '--from-environment': 'fromEnvironment',
  '--root': 'root',
};

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = FLAGS[/** @type {keyof typeof FLAGS} */ (argv[i])];
    if (!name) throw new PromotionError(`unknown argument "${argv[i]}"`);
    if (argv[i + 1] === undefined) throw new PromotionError(`${argv[i]} needs a value`);
    options[name] = argv[i + 1];
  }
  if (!options.environment) throw new PromotionError('--environment is required');
  if (Boolean(options.service) === Boolean(options.repository)) throw new PromotionError('name exactly one of --service and --repository');
  if (Boolean(options.digest) === Boolean(options.fromEnvironment)) throw new PromotionError('give exactly one of --digest and --from-environment');
  return options;
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
    const { changes } = promote(options);
    if (changes.length === 0) process.stdout.write(`environments/${options.environment}: already pinned, nothing to change\n`);
    for (const change of changes) {
      process.stdout.write(`environments/${options.environment}: ${change.service} (${change.repository}) ${change.from} -> ${change.to}\n`);
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
