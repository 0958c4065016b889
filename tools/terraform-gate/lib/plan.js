'use strict';
/**
 * Reading `terraform show -json` plans: counts for the summary line, and the short listing
 * `--show-plan` prints under it.
 */

/**
 * @typedef {{ create: number, update: number, delete: number }} PlanCounts
 */

/**
 * Counts managed-resource changes in `terraform show -json` output the way Terraform's own
 * "Plan: X to add, Y to change, Z to destroy" line does: a replacement counts as one create
 * and one delete; no-op and read actions are not counted.
 * @param {any} plan
 * @returns {PlanCounts}
 */
function countPlanChanges(plan) {
  const counts = { create: 0, update: 0, delete: 0 };
  for (const change of plan.resource_changes || []) {
    if (change.mode !== 'managed') continue;
    for (const action of /** @type {string[]} */ (change.change.actions)) {
      if (action === 'create' || action === 'update' || action === 'delete') counts[action] += 1;
    }
  }
  return counts;
}

/**
 * @param {PlanCounts} counts
 */
function formatCounts(counts) {
  return `+${counts.create} ~${counts.update} -${counts.delete}`;
}

/**
 * One replace path (`["ingress", 0, "cidr_blocks"]`) as `ingress[0].cidr_blocks`, the way
 * tools/plan-report writes it. Not required from there: the Nx plan target's cache inputs are
 * this tool's files only.
 * @param {Array<string|number>} steps
 */
function formatPath(steps) {
  return steps.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/** Terraform's symbols, by the action list of a resource change. */
const SYMBOLS = {
  create: '+',
  update: '~',
  delete: '-',
  'delete,create': '-/+', // replace, destroy first (the default)
  'create,delete': '+/-', // replace, create_before_destroy
};

// When no attribute forces a replacement, Terraform says why in words.
const REPLACE_REASONS = {
  replace_by_request: 'requested',
  replace_by_triggers: 'replace_triggered_by',
  replace_because_tainted: 'tainted',
};

/**
 * One line per managed resource that is created, updated, replaced or destroyed, in the order
 * of the plan's resource_changes, which is the order `terraform plan` lists them in (by
 * address; the gate's tests compare with Terraform's own text). Imports, forgets, moves and
 * data-source reads are not listed; the counts line still counts imports and forgets.
 * @param {any} plan
 * @returns {string[]} e.g. `+ aws_vpc.main`, `-/+ aws_s3_bucket.logs (replace: bucket)`
 */
function planLines(plan) {
  const lines = [];
  for (const change of plan.resource_changes || []) {
    if (change.mode !== 'managed') continue;
    const actions = /** @type {string[]} */ (change.change.actions).join(',');
    const symbol = SYMBOLS[/** @type {keyof typeof SYMBOLS} */ (actions)];
    if (!symbol) continue;
    let line = `${symbol} ${change.address}`;
    if (change.deposed) line += ` (deposed object ${change.deposed})`;
    if (actions.includes(',')) {
      const paths = (change.change.replace_paths || []).map(formatPath);
      const why = paths.length > 0 ? paths.join(', ') : REPLACE_REASONS[/** @type {keyof typeof REPLACE_REASONS} */ (change.action_reason)];
      if (why) line += ` (replace: ${why})`;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The summary line `terraform plan` ends with, computed from the JSON by Terraform's rules
 * (Terraform 1.11, command/jsonformat/plan.go): replacements count as one add and one destroy;
 * "to import" and "to forget" appear only when there are any.
 * @param {any} plan
 */
function planCountsLine(plan) {
  let add = 0;
  let change = 0;
  let destroy = 0;
  let importing = 0;
  let forget = 0;
  let anything = false;
  for (const resource of plan.resource_changes || []) {
    const actions = /** @type {string[]} */ (resource.change.actions);
    const key = actions.join(',');
    if (resource.mode !== 'managed') continue;
    if (resource.change.importing) importing += 1;
    if (key === 'no-op') {
      if (resource.change.importing || resource.previous_address) anything = true;
      continue;
    }
    anything = true;
    if (key === 'create') add += 1;
    else if (key === 'update') change += 1;
    else if (key === 'delete') destroy += 1;
    else if (key === 'forget') forget += 1;
    else if (key === 'delete,create' || key === 'create,delete') {
      add += 1;
      destroy += 1;
    }
  }
  if (!anything) {
    const outputs = Object.values(plan.output_changes || {}).some(
      (/** @type {any} */ output) => output.actions.join(',') !== 'no-op',
    );
    return outputs ? 'No resource changes; only outputs change.' : 'No changes. Your infrastructure matches the configuration.';
  }
  const parts = [
    ...(importing > 0 ? [`${importing} to import`] : []),
    `${add} to add`,
    `${change} to change`,
    `${destroy} to destroy`,
    ...(forget > 0 ? [`${forget} to forget`] : []),
  ];
  return `Plan: ${parts.join(', ')}.`;
}

// Progress lines `terraform plan` prints before the plan while it reads data sources.
const PROGRESS_LINE = /^\S.*: (Reading\.\.\.|Read complete after .*|Still reading\.\.\. .*|Refreshing state\.\.\..*)$/;
// What the human-readable plan contains in every case (changes, no changes, outputs only).
const PLAN_MARKERS = /^(Terraform will perform the following actions:|No changes\.|Changes to Outputs:)/m;

/**
 * The human-readable plan from what `terraform plan -no-color -out=<file>` printed, without
 * starting the provider once more for `terraform show -no-color <file>` (about 4 s of CPU a
 * stack). plan prints the same rendering as show, with around it: progress lines for data
 * sources read (`data.x: Reading...`) first; the plan's warnings after it; and, unless
 * TF_IN_AUTOMATION is set, a rule and "Saved the plan to: ...". Those are cut, which leaves
 * byte for byte what show prints (the gate's tests compare the two on a stack with a data
 * source and a warning). Returns undefined when the output does not look like that (another
 * Terraform version), so the caller can fall back to `terraform show`.
 * @param {string} stdout
 */
function planTextFromPlanOutput(stdout) {
  const lines = stdout.split('\n');
  let start = 0;
  while (start < lines.length && PROGRESS_LINE.test(lines[start])) start += 1;
  let text = lines.slice(start).join('\n');
  text = text.replace(/\n*─{10,}\n+Saved the plan to: [\s\S]*$/, '');
  const warnings = /\n\n(Warning|Error): /.exec(text);
  if (warnings) text = text.slice(0, warnings.index);
  if (!PLAN_MARKERS.test(text)) return undefined;
  return `${text.replace(/\s+$/, '')}\n`;
}

module.exports = { countPlanChanges, formatCounts, planLines, planCountsLine, planTextFromPlanOutput };
