/**
 * Enforcement at synthesis. `applyPolicy(stack, { tier })` adds a CDKTF aspect to the stack.
 *
 * Why the aspect evaluates the synthesized JSON rather than construct properties: a
 * construct's config holds tokens and camelCase, and other aspects or overrides may still
 * change it. So the aspect, when it visits the stack, registers a validation; CDKTF runs
 * validations after every aspect, just before it writes `cdk.tf.json`, and the validation
 * evaluates `stack.toTerraform()`: exactly the JSON that is written (snake_case attributes,
 * references resolved to `${aws_x.y.attr}` strings, escape-hatch overrides applied). The same
 * validation collects the suppressions declared anywhere in the stack's tree (on resources
 * and on subtrees), adds those of the options, and checks them against the rule pack given.
 */
import { Aspects, type IAspect, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { UncoveredTypesMode } from './coverage';
import { evaluateStack, type StackReport, violations } from './evaluate';
import { ECS_PLATFORM_RULES } from './pack';
import { formatViolations } from './report';
import type { SynthesizedStack } from './stack-view';
import { collectSuppressions, suppressionFromSpec, type SuppressionSpec } from './suppress';
import type { PolicyRule, Tier } from './types';

export interface PolicyOptions {
  /** The stack's environment tier; selects which rules apply. */
  readonly tier: Tier;
  /** The rule pack; suppressions are checked against it. @default ECS_PLATFORM_RULES */
  readonly rules?: readonly PolicyRule[];
  /**
   * Suppressions given here rather than with `suppress()` in code: a Terraform address or a
   * construct path (a subtree), the rules and the reason. @default none
   */
  readonly suppressions?: readonly SuppressionSpec[];
  /**
   * Resource types no rule of the pack covers: `list` reports them; `fail` makes each of their
   * resources a violation of POLICY-001 (docs/policy.md#coverage). @default 'list'
   */
  readonly uncoveredTypes?: UncoveredTypesMode;
  /** Types reviewed as needing no rule of their own, each with why: listed as accepted, never failed. @default none */
  readonly acceptedUncoveredTypes?: Readonly<Record<string, string>>;
  /**
   * `enforce`: a violation stops synthesis with a PolicyViolationError.
   * `report`: nothing stops; `onReport` receives the result (npm run policy).
   * @default 'enforce'
   */
  readonly mode?: 'enforce' | 'report';
  /** Receives the stack's report once evaluated (both modes). */
  readonly onReport?: (report: StackReport) => void;
}

/** Synthesis stopped: the stack violates rules that are not suppressed. */
export class PolicyViolationError extends Error {
  constructor(readonly report: StackReport) {
    super(formatViolations(report));
    this.name = 'PolicyViolationError';
  }
}

export class PolicyAspect implements IAspect {
  private registered = false;
  /** The last evaluation of the stack. */
  report?: StackReport;

  constructor(
    private readonly stack: TerraformStack,
    private readonly options: PolicyOptions,
  ) {
    // Malformed suppressions in the options fail here, where the policy is applied.
    for (const spec of options.suppressions ?? []) suppressionFromSpec(spec);
  }

  visit(node: IConstruct): void {
    if (node === this.stack && !this.registered) {
      this.registered = true;
      this.stack.node.addValidation({ validate: () => this.validate() });
    }
  }

  private validate(): string[] {
    const report = evaluateStack(this.stack.toTerraform() as SynthesizedStack, {
      stackName: this.stack.node.id,
      tier: this.options.tier,
      rules: this.options.rules ?? ECS_PLATFORM_RULES,
      suppressions: [...collectSuppressions(this.stack), ...(this.options.suppressions ?? []).map(suppressionFromSpec)],
      uncoveredTypes: this.options.uncoveredTypes,
      acceptedUncoveredTypes: this.options.acceptedUncoveredTypes,
    });
    this.report = report;
    this.options.onReport?.(report);
    // Thrown rather than returned: CDKTF would prefix returned messages with the construct
    // path and wrap them in a generic error; a typed error lets the CLI print it as it is.
    if ((this.options.mode ?? 'enforce') === 'enforce' && violations(report).length > 0) throw new PolicyViolationError(report);
    return [];
  }
}

/** Applies the rule pack to a stack as an aspect; see PolicyAspect. */
export function applyPolicy(stack: TerraformStack, options: PolicyOptions): PolicyAspect {
  const aspect = new PolicyAspect(stack, options);
  Aspects.of(stack).add(aspect);
  return aspect;
}
