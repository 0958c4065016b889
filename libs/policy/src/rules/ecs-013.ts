/**
 * ECS-013: container images are pinned: a digest (`@sha256:…`) or an explicit tag other than
 * `latest` (docs/design.md decision 5: the registry's tags are immutable, so a tag is a pin).
 * Equivalents: KICS "Image Without Digest"/Hadolint DL3007 (latest tag); AWS ECS best
 * practices guide (images: immutable tags); no Checkov or cdk-nag rule.
 */
import { checkContainers } from '../support/containers';
import { type PolicyRule } from '../types';

/** Why an image reference is not pinned, or undefined when it is. */
export function unpinnedImage(image: unknown): string | undefined {
  if (typeof image !== 'string' || image === '') return 'image is not set';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return `image "${image}" has neither a tag nor a digest`;
  const tag = lastSegment.slice(colon + 1);
  if (tag === 'latest') return `image "${image}" uses the latest tag`;
  return tag === '' ? `image "${image}" has an empty tag` : undefined;
}

export const ecs013: PolicyRule = {
  id: 'ECS-013',
  description: 'Container images are pinned by digest or by a tag other than latest',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['AWS ECS best practices guide: image tags', 'Hadolint DL3007 / KICS image without digest'],
  check: (task) => checkContainers(task, (c) => unpinnedImage(c.image)),
};
