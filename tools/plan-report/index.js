'use strict';
/**
 * Plan report: turns `terraform show -json` plans of one or more environments into one GitHub
 * Markdown comment (see README.md). Used by .github/workflows/pull-request.yml.
 */
const fs = require('node:fs');
const path = require('node:path');
const { summarizePlan } = require('./summarize');
const { renderReport, MARKER, GITHUB_COMMENT_LIMIT, DEFAULT_LIMIT } = require('./render');

/**
 * Loads one environment's plan; a missing or unreadable file becomes an environment without a
 * plan (shown as such in the report) rather than an error that hides the other environments.
 * @param {string} name
 * @param {string} file
 * @returns {import('./render').EnvironmentReport}
 */
function loadEnvironment(name, file) {
  if (!fs.existsSync(file)) return { name, error: `no plan file (${path.basename(file)} missing: did the plan job fail?)` };
  try {
    return { name, summary: summarizePlan(JSON.parse(fs.readFileSync(file, 'utf8'))) };
  } catch (error) {
    return { name, error: `unreadable plan ${path.basename(file)}: ${/** @type {Error} */ (error).message}` };
  }
}

module.exports = { loadEnvironment, summarizePlan, renderReport, MARKER, GITHUB_COMMENT_LIMIT, DEFAULT_LIMIT };
