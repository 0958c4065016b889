/**
 * Whole-stack coverage (docs/design.md decision 10): every resource type of a stack is either
 * covered by a rule of the pack (the type is in the rule's `resourceTypes`) or reported as not
 * covered, so that a type added in code, beside the libraries, is visible in the report.
 *
 * By default uncovered types are only listed (`uncoveredTypes: 'list'`). With
 * `uncoveredTypes: 'fail'` the pack gains COVERAGE_RULE, which fails every resource of an
 * uncovered type unless the type is accepted with a reason (`acceptedUncoveredTypes`); its
 * failures stop synthesis and can be suppressed like any rule's.
 */
import { type ResourceView, coveredTypes, compliant, nonCompliant, type PolicyRule, ANY_RESOURCE_TYPE } from './types';

/** `list`: the report lists uncovered types; `fail`: each resource of one is a violation. */
export type UncoveredTypesMode = 'list' | 'fail';

export const COVERAGE_RULE_ID = 'POLICY-001';

/** A resource type of the stack that no rule of the pack covers. */
export interface UncoveredType {
  readonly type: string;
  /** The stack's resources of that type. */
  readonly addresses: readonly string[];
  /** Why the type needs no rule, when the policy accepts it (`acceptedUncoveredTypes`). */
  readonly accepted?: string;
}

/** The stack's resource types no rule of `rules` covers, sorted, with their resources. */
export function uncoveredTypes(
  resources: readonly ResourceView[],
  rules: readonly PolicyRule[],
  accepted: Readonly<Record<string, string>> = {},
): UncoveredType[] {
  const covered = coveredTypes(rules);
  const byType = new Map<string, string[]>();
  for (const resource of resources) {
    if (covered.has(resource.type)) continue;
    byType.set(resource.type, [...(byType.get(resource.type) ?? []), resource.address]);
  }
  return [...byType.keys()].sort().map((type) => ({
    type,
    addresses: byType.get(type) ?? [],
    ...(Object.prototype.hasOwnProperty.call(accepted, type) ? { accepted: accepted[type] } : {}),
  }));
}

/** The rule `uncoveredTypes: 'fail'` adds to a pack: every resource's type is covered, or accepted. */
export function coverageRule(rules: readonly PolicyRule[], accepted: Readonly<Record<string, string>> = {}): PolicyRule {
  const covered = coveredTypes(rules);
  return {
    id: COVERAGE_RULE_ID,
    description: 'Every resource type of the stack is covered by a rule of the pack, or accepted without one (uncoveredTypes: fail)',
    severity: 'medium',
    tiers: ['production', 'non-production'],
    resourceTypes: [ANY_RESOURCE_TYPE],
    equivalents: ['none (coverage of the rule pack itself)'],
    check: (resource) =>
      covered.has(resource.type) || Object.prototype.hasOwnProperty.call(accepted, resource.type)
        ? compliant()
        : nonCompliant(
            `no rule of the pack covers ${resource.type}: add a rule for the type, or accept it with a reason (acceptedUncoveredTypes)`,
          ),
  };
}
