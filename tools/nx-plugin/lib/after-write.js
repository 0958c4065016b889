'use strict';
/**
 * The generators' post-write step (the callback Nx runs after writing the files, and skips on
 * --dry-run): `node tools/synth/cli.js addresses --update`, which rewrites the pinned Terraform
 * addresses (docs/addresses/<stack>.txt) of the new or changed stacks, so that `npm test`
 * passes without any other edit. Should it fail, the definitions the generator wrote are put
 * back as they were, so nothing stays half-done.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { logger } = require('@nx/devkit');

/**
 * @typedef {object} Written
 * @property {string} file      workspace path
 * @property {string | null} before  the previous text; null when the generator created the file
 */

/**
 * @param {string} root workspace root (tree.root)
 * @param {Written[]} written
 * @returns {() => void}
 */
function updateAddresses(root, written) {
  return () => {
    const result = spawnSync(process.execPath, [path.join(root, 'tools/synth/cli.js'), 'addresses', '--update'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PLATFORM_WORKSPACE_ROOT: root },
    });
    if (result.status === 0) {
      for (const line of result.stdout.trim().split('\n').filter(Boolean)) logger.info(line);
      return;
    }
    for (const { file, before } of written) {
      const target = path.join(root, file);
      if (before === null) {
        fs.rmSync(target, { force: true });
        const dir = path.dirname(target);
        if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
      } else fs.writeFileSync(target, before);
    }
    throw new Error(
      `node tools/synth/cli.js addresses --update failed, so ${written.map((w) => w.file).join(' and ')} ${written.length === 1 ? 'was' : 'were'} put back as before:\n` +
        `${(result.stderr || result.stdout || `exit ${result.status}`).trim()}`,
    );
  };
}

module.exports = { updateAddresses };
