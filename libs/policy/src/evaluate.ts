/**
 * Runs a rule pack over one synthesized stack. Pure: the same stack JSON, tier and
 * suppressions give the same report.
 */
import { backendViews, defaultTagsOf, resourcesOf, ruleContext, type SynthesizedStack } from './stack-view';
import type { PolicyRule, ResourceView, Tier } from './types';

/** An accepted exception: this resource may fail this rule, for this reason. */
export interface Suppression {
  readonly rule: string;
  readonly reason: string;
}

export interface Finding {
  readonly address: string;
  readonly path: string;
  readonly reason: string;
}

export interface SuppressedFinding extends Finding {
  /** Why the failure is accepted (the suppression's reason). */
  readonly justification: string;
}

export interface RuleReport {
  readonly rule: PolicyRule;
  /** False when the rule does not apply to the stack's tier (nothing was checked). */
  readonly enforced: boolean;
  readonly passed: readonly string[];
  readonly failed: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Resources of the rule's types the rule found nothing to check in. */
  readonly notApplicable: number;
}

export interface StackReport {
  readonly stack: string;
  readonly tier: Tier;
  readonly rules: readonly RuleReport[];
  /** Suppressions that matched no failure: stale, or for a rule not enforced in this tier. */
  readonly unusedSuppressions: readonly (Suppression & { readonly address: string })[];
}

export interface EvaluateOptions {
  readonly stackName: string;
  readonly tier: Tier;
  readonly rules: readonly PolicyRule[];
  /** Suppressions by resource address. @default none */
  readonly suppressions?: ReadonlyMap<string, readonly Suppression[]>;
  /** The provider's default tags. @default read from the stack by evaluateStack, none otherwise */
  readonly defaultTags?: Readonly<Record<string, string>>;
}

export function evaluateStack(stack: SynthesizedStack, options: EvaluateOptions): StackReport {
  return evaluateResources([...resourcesOf(stack), ...backendViews(stack)], { ...options, defaultTags: options.defaultTags ?? defaultTagsOf(stack) });
}

export function evaluateResources(resources: readonly ResourceView[], options: EvaluateOptions): StackReport {
  const context = ruleContext(options.stackName, options.tier, resources, options.defaultTags);
  const suppressions = options.suppressions ?? new Map<string, readonly Suppression[]>();
  const used = new Set<string>();
  const rules = options.rules.map((rule): RuleReport => {
    const enforced = rule.tiers.includes(options.tier);
    const passed: string[] = [];
    const failed: Finding[] = [];
    const suppressed: SuppressedFinding[] = [];
    let notApplicable = 0;
    for (const resource of enforced ? resources.filter((r) => rule.resourceTypes.includes(r.type)) : []) {
      const result = rule.check(resource, context);
      if (result.status === 'compliant') passed.push(resource.address);
      else if (result.status === 'not-applicable') notApplicable++;
      else {
        const finding = { address: resource.address, path: resource.path, reason: result.reason };
        const suppression = (suppressions.get(resource.address) ?? []).find((s) => s.rule === rule.id);
        if (suppression) {
          used.add(`${resource.address}\u0000${rule.id}`);
          suppressed.push({ ...finding, justification: suppression.reason });
        } else failed.push(finding);
      }
    }
    return { rule, enforced, passed, failed, suppressed, notApplicable };
  });
  const unusedSuppressions = [...suppressions].flatMap(([address, list]) =>
    list.filter((s) => !used.has(`${address}\u0000${s.rule}`)).map((s) => ({ ...s, address })),
  );
  return { stack: options.stackName, tier: options.tier, rules, unusedSuppressions };
}

/** Every unsuppressed failure of a report. */
export function violations(report: StackReport): (Finding & { readonly rule: PolicyRule })[] {
  return report.rules.flatMap((rule) => rule.failed.map((finding) => ({ ...finding, rule: rule.rule })));
}
