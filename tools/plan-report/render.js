'use strict';
/**
 * Renders plan summaries of one or more environments as one GitHub Markdown comment.
 *
 * Budget: GitHub rejects comments over 65,536 characters. The essentials (counts, destroys,
 * replacements, security-sensitive changes) always come first; the full resource lists are
 * folded in <details> and are the part that gets cut, with a note, when the comment would not fit.
 */
const { SENSITIVE_CATEGORIES } = require('./summarize');

/** Hidden marker the workflow finds its own comment by, to update it instead of adding one. */
const MARKER = '<!-- ecs-platform-plan-report -->';
const GITHUB_COMMENT_LIMIT = 65536;
// Below the hard limit: leaves room for the workflow's own footer (run link) and for
// characters GitHub counts differently than JavaScript's UTF-16 length.
const DEFAULT_LIMIT = 65000;

const KIND_LABEL = { create: 'create', update: 'update', replace: 'replace', delete: 'destroy' };
const KIND_ICON = { create: '🟢', update: '🟡', replace: '🟠', delete: '🔴' };

/**
 * @typedef {object} EnvironmentReport
 * @property {string} name
 * @property {import('./summarize').PlanSummary} [summary]  absent when there is no plan
 * @property {string} [error]                              why there is no plan
 */

/**
 * @param {EnvironmentReport[]} environments
 * @param {{ limit?: number, title?: string, footer?: string }} [options]
 * @returns {string}
 */
function renderReport(environments, options = {}) {
  const limit = options.limit || DEFAULT_LIMIT;
  const head = [MARKER, `## ${options.title || 'Terraform plan'}`, '', ...summaryTable(environments), ''].join('\n');
  const footer = options.footer ? `\n---\n${options.footer}\n` : '';
  const essentials = environments.map((env) => essentialSection(env).join('\n'));
  let budget = limit - head.length - footer.length - essentials.reduce((sum, text) => sum + text.length + 1, 0);
  if (budget < 0) return fitLines([head, ...essentials].join('\n').split('\n'), limit - footer.length) + footer;

  const parts = [head];
  environments.forEach((env, i) => {
    parts.push(essentials[i]);
    const share = Math.floor(budget / (environments.length - i));
    const details = detailsSection(env, share);
    budget -= details.length;
    if (details) parts.push(details);
  });
  return parts.join('\n') + footer;
}

/** @param {EnvironmentReport[]} environments */
function summaryTable(environments) {
  const rows = environments.map((env) => {
    if (!env.summary) return `| ${code(env.name)} | ❌ no plan | | | |`;
    const { add, change, replace, destroy } = env.summary.counts;
    const mark = (n, icon) => (n > 0 ? `${icon} **${n}**` : '0');
    return `| ${code(env.name)} | ${mark(add, '🟢')} | ${mark(change, '🟡')} | ${mark(replace, '🟠')} | ${mark(destroy, '🔴')} |`;
  });
  return ['| Environment | Add | Change | Replace | Destroy |', '|---|---:|---:|---:|---:|', ...rows];
}

/**
 * Heading, destroys and replacements, security-sensitive changes: never cut.
 * @param {EnvironmentReport} env
 * @returns {string[]}
 */
function essentialSection(env) {
  const lines = [`### ${env.name}`, ''];
  if (!env.summary) return [...lines, `❌ No plan: ${env.error || 'the plan job produced no plan'}.`, ''];
  const { changes } = env.summary;
  if (changes.length === 0) return [...lines, 'No changes. The infrastructure matches the configuration.', ''];
  const destructive = changes.filter((change) => change.kind === 'delete' || change.kind === 'replace');
  if (destructive.length > 0) {
    lines.push(`> [!CAUTION]`, `> **${destructive.length} destroy${destructive.length === 1 ? '' : 's'} or replacement${destructive.length === 1 ? '' : 's'}**`, '');
    lines.push(...destructive.map(destructiveLine), '');
  }
  const sensitive = changes.filter((change) => change.category);
  if (sensitive.length > 0) {
    lines.push('**Security-sensitive changes** (review these closely)', '');
    for (const { name } of SENSITIVE_CATEGORIES) {
      const inCategory = sensitive.filter((change) => change.category === name);
      if (inCategory.length === 0) continue;
      lines.push(`- ${name}: ${inCategory.map((change) => `${KIND_LABEL[change.kind]} ${code(change.address)}`).join(', ')}`);
    }
    lines.push('');
  }
  return lines;
}

/** @param {import('./summarize').ResourceChange} change */
function destructiveLine(change) {
  const head = `- ${KIND_ICON[change.kind]} **${KIND_LABEL[change.kind]}** ${code(change.address)}`;
  if (change.kind !== 'replace') return head;
  if (change.replacePaths.length > 0) return `${head}, forced by ${change.replacePaths.map(code).join(', ')}`;
  return change.reason ? `${head} (${change.reason.replace(/_/g, ' ')})` : head;
}

/**
 * The full resource list, folded; cut to `budget` characters with a note when it does not fit.
 * Returns '' when there is nothing to list or not even the note fits.
 * @param {EnvironmentReport} env
 * @param {number} budget
 */
function detailsSection(env, budget) {
  if (!env.summary || env.summary.changes.length === 0) return '';
  const { changes } = env.summary;
  const open = `<details><summary>All ${changes.length} resource change${changes.length === 1 ? '' : 's'} in ${env.name}</summary>\n\n| Action | Resource |\n|---|---|`;
  const close = '\n</details>\n';
  const rows = changes.map((change) => `| ${KIND_ICON[change.kind]} ${KIND_LABEL[change.kind]} | ${code(change.address)} |`);
  const full = `${open}\n${rows.join('\n')}${close}`;
  if (full.length <= budget) return full;
  const note = (shown) =>
    `\n\n⚠️ Truncated: ${changes.length - shown} more change${changes.length - shown === 1 ? '' : 's'} not shown (GitHub comment size limit). The full plan JSON is in the workflow run's artifacts.`;
  let used = open.length + close.length + note(0).length + 8;
  let shown = 0;
  while (shown < rows.length && used + rows[shown].length + 1 <= budget) used += rows[shown++].length + 1;
  if (used > budget) return '';
  return `${open}\n${rows.slice(0, shown).join('\n')}${note(shown)}${close}`;
}

/**
 * Last resort when even the essentials do not fit: whole lines up to the limit, then a note.
 * @param {string[]} lines
 * @param {number} limit
 */
function fitLines(lines, limit) {
  const note = '\n\n⚠️ Truncated: the report is longer than a GitHub comment allows. The full plan JSON is in the workflow run\'s artifacts.\n';
  let text = '';
  for (const line of lines) {
    if (text.length + line.length + 1 + note.length > limit) break;
    text += `${line}\n`;
  }
  return text + note;
}

/** Inline code that survives any address: backticks inside are replaced. */
function code(text) {
  return `\`${String(text).replace(/`/g, "'")}\``;
}

module.exports = { renderReport, MARKER, GITHUB_COMMENT_LIMIT, DEFAULT_LIMIT };
