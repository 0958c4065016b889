'use strict';
/**
 * The sample nightly cleanup (the `nightly-cleanup` scheduled jobs run it: the service's image
 * with another command). It removes the files in CLEANUP_DIR older than RETENTION_HOURS, logs
 * one JSON line with what it did, and exits: 0 when everything expired is gone, 1 when a file
 * could not be removed or the settings are wrong. A scheduled job is a task that ends; ECS
 * records the exit code, the logs go to the job's log group.
 *
 *   CLEANUP_DIR       the directory to clean (default /tmp, the task's writable scratch
 *                     volume; the root filesystem is read-only)
 *   RETENTION_HOURS   files older than this are removed (default 24)
 */
const fs = require('node:fs');
const path = require('node:path');
const { log, runEntry, wholeNumberSetting } = require('./runtime');

/**
 * Removes the regular files of `dir` last modified before `now - retentionHours`.
 * @param {{ dir: string, retentionHours: number, now?: number }} options
 * @returns {{ removed: number, kept: number, failed: string[] }}
 */
function cleanup({ dir, retentionHours, now = Date.now() }) {
  const cutoff = now - retentionHours * 3600 * 1000;
  let removed = 0;
  let kept = 0;
  /** @type {string[]} */
  const failed = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(dir, entry.name);
    try {
      if (fs.statSync(file).mtimeMs < cutoff) {
        fs.unlinkSync(file);
        removed += 1;
      } else {
        kept += 1;
      }
    } catch {
      failed.push(entry.name);
    }
  }
  return { removed, kept, failed };
}

function start(env = process.env) {
  const retentionHours = wholeNumberSetting(env.RETENTION_HOURS, 24, 'RETENTION_HOURS', 1);
  const dir = env.CLEANUP_DIR || '/tmp';
  const result = cleanup({ dir, retentionHours });
  log({ level: result.failed.length > 0 ? 'error' : 'info', msg: 'cleanup finished', dir, retentionHours, ...result });
  if (result.failed.length > 0) process.exitCode = 1;
}

if (require.main === module) runEntry(() => start());

module.exports = { cleanup, start };
