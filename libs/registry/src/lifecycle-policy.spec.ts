import { lifecyclePolicy, type LifecycleRule, lifecycleRules, PROTECTED_IMAGE_COUNT, protectedPrefixes } from './lifecycle-policy';
import type { LifecycleSettings } from './types';

const settings: LifecycleSettings = { untaggedExpiryDays: 14, keepReleaseImages: 5, protectedTagPrefixes: ['release-', 'hotfix-'] };

interface Image {
  readonly id: string;
  readonly tags: readonly string[];
  /** Days since push. */
  readonly age: number;
}

/**
 * ECR's documented evaluation, reduced to what the policy uses: rules run from the lowest
 * priority number; a rule selects images by tag status (tagPrefixList: every listed prefix
 * must match one of the image's tags); it counts every selected image, also those a higher
 * rule claimed, but can only expire images no higher rule's tag selection matched.
 */
function simulate(rules: readonly LifecycleRule[], images: readonly Image[]): Set<string> {
  const expired = new Set<string>();
  const claimed = new Set<string>();
  const selects = (rule: LifecycleRule, image: Image): boolean => {
    const { tagStatus, tagPrefixList = [] } = rule.selection;
    if (tagStatus === 'any') return true;
    if (tagStatus === 'untagged') return image.tags.length === 0;
    return image.tags.length > 0 && tagPrefixList.every((prefix) => image.tags.some((tag) => tag.startsWith(prefix)));
  };
  for (const rule of [...rules].sort((a, b) => a.rulePriority - b.rulePriority)) {
    const selected = images.filter((image) => selects(rule, image)).sort((a, b) => a.age - b.age);
    const { countType, countNumber } = rule.selection;
    const matching = countType === 'imageCountMoreThan' ? selected.slice(countNumber) : selected.filter((image) => image.age > countNumber);
    for (const image of matching) if (!claimed.has(image.id)) expired.add(image.id);
    for (const image of selected) claimed.add(image.id);
  }
  return expired;
}

describe('lifecycleRules', () => {
  const rules = lifecycleRules(settings, ['2026.11.24-5d3e9a1', 'release-7']);

  it('generates valid ECR lifecycle JSON: unique priorities, the "any" rule last, well-formed selections', () => {
    const policy = JSON.parse(lifecyclePolicy(settings, ['2026.11.24-5d3e9a1'])) as { rules: LifecycleRule[] };
    const priorities = policy.rules.map((rule) => rule.rulePriority);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(priorities.every((p) => Number.isInteger(p) && p >= 1)).toBe(true);
    const anyRules = policy.rules.filter((rule) => rule.selection.tagStatus === 'any');
    expect(anyRules).toHaveLength(1);
    expect(anyRules[0].rulePriority).toBe(Math.max(...priorities));
    expect(policy.rules.filter((rule) => rule.selection.tagStatus === 'untagged')).toHaveLength(1);
    for (const { selection, action } of policy.rules) {
      expect(action).toEqual({ type: 'expire' });
      expect(selection.countNumber).toBeGreaterThanOrEqual(1);
      if (selection.tagStatus === 'tagged') expect(selection.tagPrefixList?.length).toBe(1);
      else expect(selection.tagPrefixList).toBeUndefined();
      expect(selection.countUnit === 'days').toBe(selection.countType === 'sinceImagePushed');
    }
    // Every tagged rule selects a different prefix set (ECR rejects repeats).
    const prefixSets = policy.rules.flatMap((rule) => (rule.selection.tagPrefixList ? [rule.selection.tagPrefixList.join(',')] : []));
    expect(new Set(prefixSets).size).toBe(prefixSets.length);
  });

  it('puts one protecting rule per prefix first, then untagged expiry, then keep-newest', () => {
    expect(rules.map((rule) => [rule.rulePriority, rule.selection])).toEqual([
      [1, { tagStatus: 'tagged', tagPrefixList: ['release-'], countType: 'imageCountMoreThan', countNumber: PROTECTED_IMAGE_COUNT }],
      [2, { tagStatus: 'tagged', tagPrefixList: ['hotfix-'], countType: 'imageCountMoreThan', countNumber: PROTECTED_IMAGE_COUNT }],
      [3, { tagStatus: 'tagged', tagPrefixList: ['2026.11.24-5d3e9a1'], countType: 'imageCountMoreThan', countNumber: PROTECTED_IMAGE_COUNT }],
      [4, { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 }],
      [5, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5 }],
    ]);
  });

  it('protects pinned tags unless a declared prefix already covers them, without duplicates', () => {
    expect(protectedPrefixes(settings, ['b', 'release-3', 'a', 'b'])).toEqual(['release-', 'hotfix-', 'a', 'b']);
    expect(protectedPrefixes({ ...settings, protectedTagPrefixes: [] })).toEqual([]);
  });

  it('never expires protected images, however many newer images there are', () => {
    const images: Image[] = [
      { id: 'old-release', tags: ['release-1'], age: 900 },
      { id: 'old-hotfix', tags: ['hotfix-1', 'build-1'], age: 800 },
      { id: 'running-dev', tags: ['2026.11.24-5d3e9a1'], age: 700 },
      ...Array.from({ length: 40 }, (_, i) => ({ id: `build-${i}`, tags: [`build-${i}`], age: i })),
      { id: 'untagged-new', tags: [], age: 3 },
      { id: 'untagged-old', tags: [], age: 30 },
    ];
    const expired = simulate(rules, images);
    expect(expired.has('old-release')).toBe(false);
    expect(expired.has('old-hotfix')).toBe(false);
    expect(expired.has('running-dev')).toBe(false);
    // Untagged: only those older than untaggedExpiryDays.
    expect(expired.has('untagged-old')).toBe(true);
    expect(expired.has('untagged-new')).toBe(false);
    // Keep-newest counts every image (5 newest overall: build-0..3 and untagged-new).
    expect([...expired].filter((id) => id.startsWith('build-')).sort()).toEqual(
      Array.from({ length: 36 }, (_, i) => `build-${i + 4}`).sort(),
    );
  });

  it('would expire protected images if the keep-newest rule came first (why the order matters)', () => {
    const reversed = rules.map((rule) => ({ ...rule, rulePriority: rule.selection.tagStatus === 'any' ? 0 : rule.rulePriority }));
    const images: Image[] = [
      { id: 'old-release', tags: ['release-1'], age: 900 },
      ...Array.from({ length: 10 }, (_, i) => ({ id: `build-${i}`, tags: [`build-${i}`], age: i })),
    ];
    expect(simulate(reversed, images).has('old-release')).toBe(true);
    expect(simulate(rules, images).has('old-release')).toBe(false);
  });
});
