#!/usr/bin/env node
'use strict';
/**
 * Prints where the image workflow pushes one repository's images, from registry/registry.yaml:
 * {accountId, region, registry, repository, imageName, pushRoleArn}.
 *
 *   node tools/ci/image-target.js <repository>
 */
const { imageTarget } = require('./definitions');

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: image-target <repository>\n');
    return 2;
  }
  try {
    process.stdout.write(`${JSON.stringify(imageTarget(argv[0]))}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`image-target: ${/** @type {Error} */ (error).message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { main };
