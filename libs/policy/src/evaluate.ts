/**
 * Runs a rule pack over one synthesized stack. Pure: the same stack JSON, tier, pack and
 * suppressions give the same report.
 */
import { COVERAGE_RULE_ID, coverageRule, type UncoveredType, type UncoveredTypesMode, uncoveredTypes } from './coverage';
import { backendViews, defaultTagsOf, resourcesOf, ruleContext, type SynthesizedStack } from './stack-view';
import { MIN_REASON_LENGTH } from './suppress';
import { appliesTo, type PolicyRule, type ResourceView, type Tier } from './types';

/** What a suppression names: one resource, or every resource under a construct path. */
export type SuppressionTarget =
  | { readonly kind: 'resource'; /** Terraform address, `aws_s3_bucket.logs_1A2B3C4D`. */ readonly address: string }
  | { readonly kind: 'subtree'; /** Construct path, `prod/app`: the construct and everything below it. */ readonly path: string };

/** An accepted exception: these rules may fail on the target, for this reason. */
export interface Suppression {
  readonly target: SuppressionTarget;
  /** Rule ids of the stack's rule pack. */
  readonly rules: readonly string[];
  readonly reason: string;
  /** Where it was declared, for messages: the construct path `suppress` was given, or `PolicyOptions.suppressions`. */
  readonly origin?: string;
}

export interface Finding {
  readonly address: string;
  readonly path: string;
  readonly reason: string;
}

export interface SuppressedFinding extends Finding {
  /** Why the failure is accepted (the suppression's reason). */
  readonly justification: string;
  /** The suppression's target, as `describeTarget` prints it. */
  readonly suppressedBy: string;
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

/** A suppression's rule that waived nothing in the stack: stale, or for a rule not enforced in this tier. */
export interface UnusedSuppression {
  readonly rule: string;
  readonly reason: string;
  readonly target: SuppressionTarget;
  readonly origin?: string;
}

export interface StackReport {
  readonly stack: string;
  readonly tier: Tier;
  readonly rules: readonly RuleReport[];
  readonly unusedSuppressions: readonly UnusedSuppression[];
  /**
   * The stack's resource types no rule of the pack covers (docs/design.md decision 10), with
   * their resources; accepted ones carry their reason.
   */
  readonly uncoveredTypes: readonly UncoveredType[];
  /** `list`: uncovered types are only listed; `fail`: the pack's COVERAGE_RULE fails their resources. */
  readonly uncoveredTypesMode: UncoveredTypesMode;
}

export interface EvaluateOptions {
  readonly stackName: string;
  readonly tier: Tier;
  /** The rule pack; suppressions are checked against it. */
  readonly rules: readonly PolicyRule[];
  /** Suppressions of resources and construct subtrees. @default none */
  readonly suppressions?: readonly Suppression[];
  /** The provider's default tags. @default read from the stack by evaluateStack, none otherwise */
  readonly defaultTags?: Readonly<Record<string, string>>;
  /** What an uncovered resource type does: listed only, or a violation (COVERAGE_RULE). @default 'list' */
  readonly uncoveredTypes?: UncoveredTypesMode;
  /** Resource types reviewed as needing no rule, each with why; never a violation. @default none */
  readonly acceptedUncoveredTypes?: Readonly<Record<string, string>>;
}

/** A suppression names a rule the stack's pack does not have, or is malformed. */
export class SuppressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuppressionError';
  }
}

/** How reports print a suppression's target: the address, or `<path> (subtree)`. */
export function describeTarget(target: SuppressionTarget): string {
  return target.kind === 'resource' ? target.address : `${target.path} (subtree)`;
}

export function evaluateStack(stack: SynthesizedStack, options: EvaluateOptions): StackReport {
  return evaluateResources([...resourcesOf(stack), ...backendViews(stack)], { ...options, defaultTags: options.defaultTags ?? defaultTagsOf(stack) });
}

export function evaluateResources(resources: readonly ResourceView[], options: EvaluateOptions): StackReport {
  const mode = options.uncoveredTypes ?? 'list';
  const accepted = options.acceptedUncoveredTypes ?? {};
  const unexplained = Object.entries(accepted).filter(([, reason]) => typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH);
  if (unexplained.length > 0) {
    throw new SuppressionError(
      `Policy: acceptedUncoveredTypes needs a written reason (at least ${MIN_REASON_LENGTH} characters) for ${unexplained.map(([type]) => type).join(', ')}`,
    );
  }
  const pack = mode === 'fail' ? [...options.rules, coverageRule(options.rules, accepted)] : options.rules;
  const suppressions = options.suppressions ?? [];
  checkSuppressions(options.stackName, suppressions, pack);
  const context = ruleContext(options.stackName, options.tier, resources, options.defaultTags);
  const used = new Set<string>();
  const rules = pack.map((rule): RuleReport => {
    const enforced = rule.tiers.includes(options.tier);
    const passed: string[] = [];
    const failed: Finding[] = [];
    const suppressed: SuppressedFinding[] = [];
    let notApplicable = 0;
    for (const resource of enforced ? resources.filter((r) => appliesTo(rule, r.type)) : []) {
      const result = rule.check(resource, context);
      if (result.status === 'compliant') passed.push(resource.address);
      else if (result.status === 'not-applicable') notApplicable++;
      else {
        const finding = { address: resource.address, path: resource.path, reason: result.reason };
        const match = matchingSuppression(suppressions, rule.id, resource);
        if (match === undefined) failed.push(finding);
        else {
          used.add(`${match}\u0000${rule.id}`);
          const suppression = suppressions[match];
          suppressed.push({ ...finding, justification: suppression.reason, suppressedBy: describeTarget(suppression.target) });
        }
      }
    }
    return { rule, enforced, passed, failed, suppressed, notApplicable };
  });
  const unusedSuppressions = suppressions.flatMap((suppression, index) =>
    suppression.rules
      .filter((rule) => !used.has(`${index}\u0000${rule}`))
      .map((rule) => ({ rule, reason: suppression.reason, target: suppression.target, ...(suppression.origin ? { origin: suppression.origin } : {}) })),
  );
  return {
    stack: options.stackName,
    tier: options.tier,
    rules,
    unusedSuppressions,
    uncoveredTypes: uncoveredTypes(resources, options.rules, accepted),
    uncoveredTypesMode: mode,
  };
}

/** Whether a suppression's target holds the resource. */
function targets(target: SuppressionTarget, resource: ResourceView): boolean {
  return target.kind === 'resource' ? target.address === resource.address : resource.path === target.path || resource.path.startsWith(`${target.path}/`);
}

/**
 * The index of the suppression that waives `rule` on `resource`, if any: one naming the
 * resource wins over a subtree, and a deeper subtree over a wider one.
 */
function matchingSuppression(suppressions: readonly Suppression[], rule: string, resource: ResourceView): number | undefined {
  let best: number | undefined;
  let bestRank = -1;
  suppressions.forEach((suppression, index) => {
    if (!suppression.rules.includes(rule) || !targets(suppression.target, resource)) return;
    const rank = suppression.target.kind === 'resource' ? Number.MAX_SAFE_INTEGER : suppression.target.path.length;
    if (rank > bestRank) {
      best = index;
      bestRank = rank;
    }
  });
  return best;
}

/** Every suppression names rules of the pack (the coverage rule is always a known id). */
function checkSuppressions(stackName: string, suppressions: readonly Suppression[], pack: readonly PolicyRule[]): void {
  const known = new Set([...pack.map((rule) => rule.id), COVERAGE_RULE_ID]);
  const problems = suppressions.flatMap((suppression) =>
    suppression.rules
      .filter((rule) => !known.has(rule))
      .map((rule) => `  suppress(${suppression.origin ?? describeTarget(suppression.target)}, ${rule}): unknown rule "${rule}"`),
  );
  if (problems.length === 0) return;
  const ids = pack.map((rule) => rule.id).filter((id) => id !== COVERAGE_RULE_ID);
  throw new SuppressionError(
    [`Policy: stack "${stackName}" has suppressions of rules its rule pack does not have:`, ...problems, `The pack's rules: ${ids.join(', ')}`].join('\n'),
  );
}

/** Every unsuppressed failure of a report. */
export function violations(report: StackReport): (Finding & { readonly rule: PolicyRule })[] {
  return report.rules.flatMap((rule) => rule.failed.map((finding) => ({ ...finding, rule: rule.rule })));
}
