/**
 * Suppressions: an accepted exception to one or several rules, on one resource or on every
 * resource under a construct (a subtree, e.g. a whole environment-app construct), with the
 * reason written next to the code that owns it. Stored as construct metadata, so
 * `git grep "suppress("` finds every one and `npm run policy` lists what each waived.
 *
 * Rule ids are checked when the stack is evaluated, against the rule pack the policy was
 * given (PolicyOptions.rules): a custom pack's rules can be suppressed, and an id the pack
 * does not have is an error naming the pack's rules. A suppression that waives nothing is
 * reported as unused.
 */
import { TerraformResource, TerraformStack, Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Suppression, SuppressionTarget } from './evaluate';

export const SUPPRESSION_METADATA = 'ecs-platform:policy-suppression';

/** A reason must say something: at least this many characters. */
export const MIN_REASON_LENGTH = 20;

/** What `suppress` records on a construct. */
export interface DeclaredSuppression {
  readonly rules: readonly string[];
  readonly reason: string;
}

/** A suppression given to the policy rather than declared in code (PolicyOptions.suppressions). */
export interface SuppressionSpec {
  /**
   * A Terraform address (`aws_lb.compute_load-balancer_5DD27DA4`): that resource; or a
   * construct path as reports print it (`prod/compute/load-balancer`): that construct and
   * every resource below it.
   */
  readonly target: string;
  readonly rules: string | readonly string[];
  readonly reason: string;
}

const ADDRESS = /^[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+$/;

/**
 * Accepts failures of `rules` (one id or several) on `scope` for `reason`. `scope` is a
 * Terraform resource (that resource only) or any construct inside a stack (every resource
 * below it, including ones added later). Throws for an empty or token reason shorter than
 * MIN_REASON_LENGTH, no rules, a rule already suppressed on the same construct, and the app or
 * a whole stack as the scope.
 */
export function suppress(scope: IConstruct, rules: string | readonly string[], reason: string): void {
  const ids = ruleList(rules);
  const label = `suppress(${scope.node.path || '<app>'}, ${ids.join(', ') || '<no rule>'})`;
  if (scope.node.scope === undefined || TerraformStack.isStack(scope)) {
    throw new Error(
      `${label}: name a resource or a construct inside the stack, not the ${scope.node.scope === undefined ? 'app' : 'whole stack'}: a stack-wide suppression would waive the rules for everything the stack will ever hold`,
    );
  }
  checkRules(label, ids);
  const text = checkReason(label, reason);
  const again = ids.filter((id) => suppressionsOf(scope).some((existing) => existing.rules.includes(id)));
  if (again.length > 0) throw new Error(`${label}: ${again.join(', ')} already suppressed on this construct`);
  scope.node.addMetadata(SUPPRESSION_METADATA, { rules: ids, reason: text } satisfies DeclaredSuppression);
}

/** The suppressions declared on one construct (not its children). */
export function suppressionsOf(construct: IConstruct): DeclaredSuppression[] {
  return construct.node.metadata.filter((entry) => entry.type === SUPPRESSION_METADATA).map((entry) => entry.data as DeclaredSuppression);
}

/** Every suppression declared in the stack's tree, each with its target. */
export function collectSuppressions(stack: IConstruct): Suppression[] {
  return stack.node.findAll().flatMap((node) =>
    suppressionsOf(node).map((declared) => ({
      target: targetOf(node),
      rules: declared.rules,
      reason: declared.reason,
      origin: node.node.path,
    })),
  );
}

/** A SuppressionSpec as evaluate takes it; throws for a malformed target, rules or reason. */
export function suppressionFromSpec(spec: SuppressionSpec): Suppression {
  const ids = ruleList(spec.rules);
  const label = `suppression of ${spec.target} (${ids.join(', ') || '<no rule>'})`;
  checkRules(label, ids);
  const reason = checkReason(label, spec.reason);
  let target: SuppressionTarget;
  if (ADDRESS.test(spec.target)) target = { kind: 'resource', address: spec.target };
  else if (/^[^/\s]+(\/[^/\s]+)+$/.test(spec.target)) target = { kind: 'subtree', path: spec.target };
  else {
    throw new Error(
      `${label}: the target must be a Terraform address ("aws_lb.name") or a construct path below the stack ("prod/compute/load-balancer"), got "${spec.target}"`,
    );
  }
  return { target, rules: ids, reason, origin: `PolicyOptions.suppressions ${spec.target}` };
}

function targetOf(node: IConstruct): SuppressionTarget {
  return TerraformResource.isTerraformResource(node)
    ? { kind: 'resource', address: `${node.terraformResourceType}.${node.friendlyUniqueId}` }
    : { kind: 'subtree', path: node.node.path };
}

function ruleList(rules: string | readonly string[]): string[] {
  return typeof rules === 'string' ? [rules] : [...(rules ?? [])];
}

function checkRules(label: string, ids: readonly string[]): void {
  if (ids.length === 0) throw new Error(`${label}: name at least one rule`);
  const bad = ids.filter((id) => typeof id !== 'string' || id.trim() === '' || id !== id.trim());
  if (bad.length > 0) throw new Error(`${label}: rule ids must be non-empty, without spaces; got ${bad.map((id) => JSON.stringify(id)).join(', ')}`);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) throw new Error(`${label}: ${[...new Set(repeated)].join(', ')} named twice`);
}

function checkReason(label: string, reason: string): string {
  const text = typeof reason === 'string' && !Token.isUnresolved(reason) ? reason.trim() : '';
  if (text.length < MIN_REASON_LENGTH) {
    throw new Error(`${label}: a suppression needs a written reason (at least ${MIN_REASON_LENGTH} characters, not a token), got "${text}"`);
  }
  return text;
}
