/**
 * Enforcement at synthesis. `applyPolicy(stack, { tier })` adds a CDKTF aspect to the stack.
 *
 * Why the aspect evaluates the synthesized JSON rather than construct properties: a
 * construct's config holds tokens and camelCase, and other aspects or overrides may still
 * change it. So the aspect, when it visits the stack, registers a validation; CDKTF runs
 * validations after every aspect, just before it writes `cdk.tf.json`, and the validation
 * evaluates `stack.toTerraform()`: exactly the JSON that is written (snake_case attributes,
 * references resolved to `${aws_x.y.attr}` strings, escape-hatch overrides applied). While it
 * walks the tree, the aspect records each resource's suppressions by Terraform address.
 */
import { Aspects, type IAspect, TerraformResource, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { evaluateStack, type StackReport, type Suppression, violations } from './evaluate';
import { ECS_PLATFORM_RULES } from './pack';
import { formatViolations } from './report';
import type { SynthesizedStack } from './stack-view';
import { suppressionsOf } from './suppress';
import type { PolicyRule, Tier } from './types';

export interface PolicyOptions {
  /** The stack's environment tier; selects which rules apply. */
  readonly tier: Tier;
  /** @default ECS_PLATFORM_RULES */
  readonly rules?: readonly PolicyRule[];
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
  private readonly suppressions = new Map<string, Suppression[]>();
  private registered = false;
  /** The last evaluation of the stack. */
  report?: StackReport;

  constructor(
    private readonly stack: TerraformStack,
    private readonly options: PolicyOptions,
  ) {}

  visit(node: IConstruct): void {
    if (node === this.stack && !this.registered) {
      this.registered = true;
      this.stack.node.addValidation({ validate: () => this.validate() });
    }
    if (TerraformResource.isTerraformResource(node)) {
      const found = suppressionsOf(node);
      if (found.length > 0) this.suppressions.set(`${node.terraformResourceType}.${node.friendlyUniqueId}`, found);
    }
  }

  private validate(): string[] {
    const report = evaluateStack(this.stack.toTerraform() as SynthesizedStack, {
      stackName: this.stack.node.id,
      tier: this.options.tier,
      rules: this.options.rules ?? ECS_PLATFORM_RULES,
      suppressions: this.suppressions,
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
