'use strict';

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

module.exports = { countPlanChanges, formatCounts };
