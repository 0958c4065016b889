/**
 * The policy pack on every stack (libs/policy, docs/policy.md). Environment stacks take their
 * definition's tier; the shared stacks (`registry`, `bootstrap-<account>`) serve every
 * environment, production included, and are held to the production tier.
 */
import { applyPolicy, type PolicyOptions, type Tier } from '@ecs-platform/policy';
import { type App, TerraformStack } from 'cdktf';
import type { PlannedStack } from './stack-plan';
import type { Workspace } from './workspace';

/**
 * How synthesis runs the policy: enforce (default) or report, who gets the reports, the rule
 * pack (suppressions are checked against it), extra suppressions, and what uncovered
 * resource types do (listed by default).
 */
export type StackPolicyOptions = Pick<PolicyOptions, 'mode' | 'onReport' | 'rules' | 'suppressions' | 'uncoveredTypes' | 'acceptedUncoveredTypes'>;

export function stackTier(stack: PlannedStack, workspace: Workspace): Tier {
  if (stack.kind !== 'environment') return 'production';
  return workspace.environments.get(stack.name)?.definition.tier ?? 'production';
}

/** Applies the pack to the stack `planned` just built into `app`. */
export function applyStackPolicy(app: App, planned: PlannedStack, workspace: Workspace, options: StackPolicyOptions = {}): void {
  const stack = app.node.tryFindChild(planned.name);
  if (!(stack instanceof TerraformStack)) throw new Error(`stack "${planned.name}" was not built into the app`);
  applyPolicy(stack, { tier: stackTier(planned, workspace), ...options });
}
