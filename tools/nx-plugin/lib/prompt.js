'use strict';
/**
 * Questions a generator asks itself, for options that only become required from what it
 * finds (a hosted zone when the account changes, an image pin when nothing else gives one).
 * Options that are always required are prompted by Nx from `x-prompt` in schema.json. Like
 * Nx, it asks only in an interactive terminal, never with --no-interactive or in CI.
 */

/** Whether Nx would prompt (same rule as Nx's own prompts). */
function canPrompt() {
  return process.env.NX_INTERACTIVE === 'true' && Boolean(process.stdout.isTTY) && process.env.CI !== 'true';
}

/**
 * @param {string} message
 * @param {(value: string) => true | string} validate
 * @returns {Promise<string>}
 */
async function ask(message, validate) {
  // enquirer is what Nx prompts with (a dependency of nx).
  const { prompt } = require('enquirer');
  /** @type {{ answer: string }} */
  const { answer } = await prompt({ type: 'input', name: 'answer', message, validate });
  return answer.trim();
}

module.exports = { ask, canPrompt };
