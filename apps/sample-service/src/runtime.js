'use strict';
/** What the service and the worker share: JSON log lines and settings read from the environment. */

/** Writes one JSON log line to stdout (CloudWatch Logs keeps one event per line). @param {Record<string, unknown>} entry */
function log(entry) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

/**
 * A whole-number setting: the fallback when unset or empty, an error naming the variable when
 * it is not a whole number of at least `min`.
 * @param {string|undefined} value @param {number} fallback @param {string} name @param {number} [min]
 */
function wholeNumberSetting(value, fallback, name, min = 0) {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new Error(`${name} must be a ${min > 0 ? 'positive ' : ''}whole number, got "${value}"`);
  }
  return number;
}

/**
 * Runs a process entry; a start-up error (bad settings) becomes one JSON error line and exit
 * code 1, so it reads like every other log line in CloudWatch. @param {() => unknown} start
 */
function runEntry(start) {
  try {
    start();
  } catch (error) {
    log({ level: 'error', msg: 'cannot start', error: /** @type {Error} */ (error).message });
    process.exitCode = 1;
  }
}

module.exports = { log, runEntry, wholeNumberSetting };
