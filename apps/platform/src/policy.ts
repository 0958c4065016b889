/**
 * The policy pack on every stack (libs/policy, docs/policy.md). Environment stacks take their
 * definition's tier; the shared stacks (`registry`, `bootstrap-<account>`) serve every
 * environment, production included, and are held to the production tier.
 */
import { applyPolicy, ECS_PLATFORM_RULES, type PolicyOptions, type SuppressionSpec, type Tier } from '@ecs-platform/policy';
import { type App, TerraformStack } from 'cdktf';
import type { PlannedStack } from './stack-plan';
import type { Workspace } from './workspace';

/**
 * How synthesis runs the policy: enforce (default) or report, who gets the reports, the rule
 * pack (suppressions are checked against it), extra suppressions, and what uncovered
 * resource types do (listed by default).
 */
export type StackPolicyOptions = Pick<PolicyOptions, 'mode' | 'onReport' | 'rules' | 'suppressions' | 'uncoveredTypes' | 'acceptedUncoveredTypes'>;

/**
 * Findings the app accepts until the code that owns the resource is fixed, each with why and
 * what removes it. `npm run policy` prints every finding they waive with the reason, and notes
 * one as unused once it waives nothing: then delete it (docs/policy.md, current suppressions).
 */
export function interimSuppressions(stack: PlannedStack, tier: Tier): SuppressionSpec[] {
  if (stack.kind !== 'environment' || tier !== 'production') return [];
  return [
    {
      target: `${stack.name}/compute/load-balancer`,
      rules: ['ALB-008'],
      reason:
        'No WAF yet: the production environment app is to add a WAFv2 web ACL (AWS managed rule groups) and associate it with the public load balancer (issue 14, point 2); until then requests reach the tasks unfiltered. Delete this once the association exists.',
    },
  ];
}

export function stackTier(stack: PlannedStack, workspace: Workspace): Tier {
  if (stack.kind !== 'environment') return 'production';
  return workspace.environments.get(stack.name)?.definition.tier ?? 'production';
}

/** Applies the pack to the stack `planned` just built into `app`. */
export function applyStackPolicy(app: App, planned: PlannedStack, workspace: Workspace, options: StackPolicyOptions = {}): void {
  const stack = app.node.tryFindChild(planned.name);
  if (!(stack instanceof TerraformStack)) throw new Error(`stack "${planned.name}" was not built into the app`);
  const tier = stackTier(planned, workspace);
  // Only for rules of the pack in use: a custom pack without them has nothing to waive.
  const ids = new Set((options.rules ?? ECS_PLATFORM_RULES).map((rule) => rule.id));
  const interim = interimSuppressions(planned, tier)
    .map((spec) => ({ ...spec, rules: [spec.rules].flat().filter((id) => ids.has(id)) }))
    .filter((spec) => spec.rules.length > 0);
  applyPolicy(stack, { tier, ...options, suppressions: [...interim, ...(options.suppressions ?? [])] });
}
