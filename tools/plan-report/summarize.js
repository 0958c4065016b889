'use strict';
/**
 * Reads `terraform show -json` plan output into what a reviewer needs to see: counts per kind
 * of change, the destroys and replacements (with the attributes that force a replacement),
 * and changes to security-sensitive resources. Values are never read, so nothing secret can
 * reach a pull-request comment.
 */

/** @typedef {'create'|'update'|'replace'|'delete'} ChangeKind */

/**
 * @typedef {object} ResourceChange
 * @property {string} address
 * @property {string} type
 * @property {ChangeKind} kind
 * @property {string[]} replacePaths  attributes that force the replacement, as `a.b[0].c`
 * @property {string} [reason]        Terraform's action_reason, when it gives one
 * @property {string} [category]      'Security groups' | 'IAM' | 'KMS' | 'Bucket policies'
 */

/**
 * @typedef {object} PlanSummary
 * @property {{ add: number, change: number, replace: number, destroy: number }} counts
 * @property {ResourceChange[]} changes   every managed resource that changes, in plan order
 */

/** Resource types whose changes are called out, by category (checked in order). */
const SENSITIVE_CATEGORIES = [
  { name: 'Security groups', test: (type) => /^aws_(default_)?security_group/.test(type) || /^aws_vpc_security_group_/.test(type) },
  { name: 'IAM', test: (type) => type.startsWith('aws_iam_') },
  { name: 'KMS', test: (type) => type.startsWith('aws_kms_') },
  { name: 'Bucket policies', test: (type) => type === 'aws_s3_bucket_policy' },
];

/**
 * The kind of change of Terraform's action list, or undefined for no-op and read.
 * A replacement is ["delete","create"] or ["create","delete"] (create_before_destroy).
 * @param {string[]} actions
 * @returns {ChangeKind|undefined}
 */
function changeKind(actions) {
  if (actions.includes('create') && actions.includes('delete')) return 'replace';
  if (actions.length !== 1) return undefined;
  const [action] = actions;
  return action === 'create' || action === 'update' || action === 'delete' ? action : undefined;
}

/**
 * One replace path (`[["ingress", 0, "cidr_blocks"]]` element) as `ingress[0].cidr_blocks`.
 * @param {Array<string|number>} path
 */
function formatPath(path) {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/** @param {string} type */
function categoryOf(type) {
  const match = SENSITIVE_CATEGORIES.find((category) => category.test(type));
  return match ? match.name : undefined;
}

/**
 * @param {any} plan parsed `terraform show -json` output
 * @returns {PlanSummary}
 */
function summarizePlan(plan) {
  if (!plan || typeof plan !== 'object' || !('format_version' in plan)) {
    throw new Error('not a terraform show -json plan (no format_version)');
  }
  const counts = { add: 0, change: 0, replace: 0, destroy: 0 };
  /** @type {ResourceChange[]} */
  const changes = [];
  for (const resource of plan.resource_changes || []) {
    if (resource.mode !== 'managed') continue;
    const kind = changeKind(resource.change.actions);
    if (!kind) continue;
    counts[COUNT_OF[kind]] += 1;
    changes.push({
      address: resource.address,
      type: resource.type,
      kind,
      replacePaths: (resource.change.replace_paths || []).map(formatPath),
      ...(resource.action_reason ? { reason: resource.action_reason } : {}),
      ...(categoryOf(resource.type) ? { category: categoryOf(resource.type) } : {}),
    });
  }
  return { counts, changes };
}

/** @type {Record<ChangeKind, 'add'|'change'|'replace'|'destroy'>} */
const COUNT_OF = { create: 'add', update: 'change', replace: 'replace', delete: 'destroy' };

module.exports = { summarizePlan, changeKind, formatPath, categoryOf, SENSITIVE_CATEGORIES };
