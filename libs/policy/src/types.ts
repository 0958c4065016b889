/**
 * The shapes every rule and report shares. A rule sees one resource of the synthesized stack
 * (its `cdk.tf.json` attributes, snake_case, references as `${aws_x.y.attr}` strings) and the
 * rest of the stack for cross-resource questions, and returns one of three results.
 */

/** Environment tier (docs/design.md decision 6): production is stricter by construction. */
export type Tier = 'production' | 'non-production';

export const TIERS: readonly Tier[] = ['production', 'non-production'];

/** How bad a violation is; every violation stops synthesis, severity orders the review. */
export type Severity = 'high' | 'medium' | 'low';

/** One resource of a synthesized stack. */
export interface ResourceView {
  /** Terraform resource type, `aws_lb`. */
  readonly type: string;
  /** Terraform resource name (CDKTF's friendly unique id), `compute_alb_1A2B3C`. */
  readonly name: string;
  /** Terraform address, `aws_lb.compute_alb_1A2B3C`. */
  readonly address: string;
  /** Construct path, `prod/compute/alb` (from the resource's `//` metadata). */
  readonly path: string;
  /** The resource's attributes as synthesized, without the `//` metadata. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** What a rule may know besides the resource: the stack it is in and its tier. */
export interface RuleContext {
  readonly stackName: string;
  readonly tier: Tier;
  /** Every resource of the stack, in address order. */
  readonly resources: readonly ResourceView[];
  /** The resources of one type. */
  ofType(type: string): readonly ResourceView[];
  /** The resource at a Terraform address, if the stack has it. */
  get(address: string): ResourceView | undefined;
  /** The default aws provider's `default_tags`: what the provider adds to the resources it makes. */
  readonly defaultTags: Readonly<Record<string, string>>;
}

export type RuleResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'non-compliant'; readonly reason: string }
  | { readonly status: 'not-applicable' };

export const compliant = (): RuleResult => ({ status: 'compliant' });
export const nonCompliant = (reason: string): RuleResult => ({ status: 'non-compliant', reason });
export const notApplicable = (): RuleResult => ({ status: 'not-applicable' });

/** Combines the results of several checks of one resource: the first failure wins. */
export function firstFailure(results: readonly RuleResult[]): RuleResult {
  const failed = results.filter((result) => result.status === 'non-compliant');
  if (failed.length > 0) {
    return nonCompliant(failed.map((result) => (result.status === 'non-compliant' ? result.reason : '')).join('; '));
  }
  return results.some((result) => result.status === 'compliant') ? compliant() : notApplicable();
}

/** A policy rule: small, pure, one file per rule under `rules/`. */
export interface PolicyRule {
  /** Stable id, `ECS-001`; suppressions and reports name it. */
  readonly id: string;
  /** One line: what a compliant resource looks like. */
  readonly description: string;
  readonly severity: Severity;
  /** The tiers the rule is enforced in. */
  readonly tiers: readonly Tier[];
  /**
   * The Terraform resource types the rule looks at; the rule "covers" them (the report lists the
   * stack's types no rule covers). `['*']` (ANY_RESOURCE_TYPE) looks at every resource and
   * covers none.
   */
  readonly resourceTypes: readonly string[];
  /** Equivalent checks of well-known scanners (Checkov, cdk-nag, Security Hub). */
  readonly equivalents: readonly string[];
  readonly check: (resource: ResourceView, context: RuleContext) => RuleResult;
}

/** `resourceTypes: [ANY_RESOURCE_TYPE]`: the rule looks at every resource of the stack (and covers no type). */
export const ANY_RESOURCE_TYPE = '*';

/** Whether a rule looks at resources of `type`. */
export function appliesTo(rule: Pick<PolicyRule, 'resourceTypes'>, type: string): boolean {
  return rule.resourceTypes.includes(type) || rule.resourceTypes.includes(ANY_RESOURCE_TYPE);
}

/** The resource types a rule pack covers: every type some rule names (the wildcard names none). */
export function coveredTypes(rules: readonly Pick<PolicyRule, 'resourceTypes'>[]): ReadonlySet<string> {
  return new Set(rules.flatMap((rule) => rule.resourceTypes).filter((type) => type !== ANY_RESOURCE_TYPE));
}
