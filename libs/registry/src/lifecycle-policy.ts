import { type LifecycleSettings, resolveLifecycle } from './types';

/** One rule of an ECR lifecycle policy, as ECR's JSON spells it. */
export interface LifecycleRule {
  readonly rulePriority: number;
  readonly description: string;
  readonly selection: {
    readonly tagStatus: 'tagged' | 'untagged' | 'any';
    readonly tagPrefixList?: readonly string[];
    readonly countType: 'imageCountMoreThan' | 'sinceImagePushed';
    readonly countUnit?: 'days';
    readonly countNumber: number;
  };
  readonly action: { readonly type: 'expire' };
}

/**
 * The count a protecting rule allows before it would expire anything: ECR's default quota of
 * images per repository, so the repository cannot hold enough protected images to reach it.
 */
export const PROTECTED_IMAGE_COUNT = 100000;

/**
 * The protected tag prefixes: the declared ones, then every pinned tag not already covered
 * by one of them, sorted so that the policy is deterministic.
 */
export function protectedPrefixes(settings: LifecycleSettings, pinnedTags: readonly string[] = []): string[] {
  const declared = [...resolveLifecycle(settings).protectedTagPrefixes];
  const pinned = [...new Set(pinnedTags)]
    .filter((tag) => !declared.some((prefix) => tag.startsWith(prefix)))
    .sort();
  return [...declared, ...pinned];
}

/**
 * The rules, in priority order.
 *
 * ECR lifecycle rules only expire; there is no "keep" action. What protects an image is
 * ECR's documented evaluation rule: "an image that matches the tagging requirements of a rule
 * cannot be expired by a rule with a lower priority". So:
 *
 * 1. One rule per protected prefix comes first (priorities 1..k). It selects the images
 *    tagged with that prefix and would expire them only beyond PROTECTED_IMAGE_COUNT images,
 *    which never happens. Its purpose is to claim those images so that no later rule can
 *    expire them. One rule per prefix, because a tagPrefixList with several prefixes selects
 *    only images carrying all of them (an AND, not an OR).
 * 2. Untagged images expire `untaggedExpiryDays` after their push. Protected images are
 *    tagged, so this rule never selects them.
 * 3. Last, with the highest priority number as ECR requires for tagStatus "any": images beyond
 *    the newest `keepReleaseImages` expire. It counts every image (ECR lets lower rules see
 *    images that higher rules claimed) but can only expire tagged, unprotected ones: untagged
 *    images are claimed by rule 2 and protected ones by rule 1.
 */
export function lifecycleRules(lifecycle: LifecycleSettings, pinnedTags: readonly string[] = []): LifecycleRule[] {
  const settings = resolveLifecycle(lifecycle);
  const protect = protectedPrefixes(settings, pinnedTags).map(
    (prefix): Omit<LifecycleRule, 'rulePriority'> => ({
      description: `Never expire images tagged ${prefix}*`,
      selection: {
        tagStatus: 'tagged',
        tagPrefixList: [prefix],
        countType: 'imageCountMoreThan',
        countNumber: PROTECTED_IMAGE_COUNT,
      },
      action: { type: 'expire' },
    }),
  );
  const rules: Array<Omit<LifecycleRule, 'rulePriority'>> = [
    ...protect,
    {
      description: `Expire untagged images ${settings.untaggedExpiryDays} days after push`,
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: settings.untaggedExpiryDays },
      action: { type: 'expire' },
    },
    {
      description: `Keep the newest ${settings.keepReleaseImages} images; expire older unprotected ones`,
      selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: settings.keepReleaseImages },
      action: { type: 'expire' },
    },
  ];
  return rules.map((rule, i) => ({ rulePriority: i + 1, ...rule }));
}

/** The lifecycle policy document (JSON) of one repository. */
export function lifecyclePolicy(settings: LifecycleSettings, pinnedTags: readonly string[] = []): string {
  return JSON.stringify({ rules: lifecycleRules(settings, pinnedTags) });
}
