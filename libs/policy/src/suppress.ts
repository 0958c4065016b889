/**
 * Suppressions: an accepted exception to one rule on one resource, with the reason written
 * next to the code that owns the resource. Stored as construct metadata on the resource, so
 * `git grep "suppress("` finds every one and `npm run policy` lists them with their reasons.
 */
import { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Suppression } from './evaluate';
import { ECS_PLATFORM_RULES } from './pack';

export const SUPPRESSION_METADATA = 'ecs-platform:policy-suppression';

/** A reason must say something: at least this many characters. */
export const MIN_REASON_LENGTH = 20;

/**
 * Accepts a failure of `rule` on `resource` for `reason`. Throws for an unknown rule, an
 * empty or token reason, a second suppression of the same rule, or a construct that is not a
 * Terraform resource (suppressions are per resource, never per subtree).
 */
export function suppress(resource: IConstruct, rule: string, reason: string): void {
  if (!TerraformResource.isTerraformResource(resource)) {
    throw new Error(`suppress(${resource.node.path}, ${rule}): suppressions apply to one Terraform resource, not to ${resource.constructor.name}`);
  }
  if (!ECS_PLATFORM_RULES.some((known) => known.id === rule)) {
    throw new Error(`suppress(${resource.node.path}, ${rule}): unknown rule; rules: ${ECS_PLATFORM_RULES.map((r) => r.id).join(', ')}`);
  }
  const text = (reason ?? '').trim();
  if (text.length < MIN_REASON_LENGTH) {
    throw new Error(`suppress(${resource.node.path}, ${rule}): a suppression needs a written reason (at least ${MIN_REASON_LENGTH} characters), got "${text}"`);
  }
  if (suppressionsOf(resource).some((existing) => existing.rule === rule)) {
    throw new Error(`suppress(${resource.node.path}, ${rule}): already suppressed`);
  }
  resource.node.addMetadata(SUPPRESSION_METADATA, { rule, reason: text } satisfies Suppression);
}

/** The suppressions recorded on a construct. */
export function suppressionsOf(construct: IConstruct): Suppression[] {
  return construct.node.metadata.filter((entry) => entry.type === SUPPRESSION_METADATA).map((entry) => entry.data as Suppression);
}
