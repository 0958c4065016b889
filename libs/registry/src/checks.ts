/**
 * The rules the registry's input must follow, as pure functions: EcrRegistry's constructor
 * calls them, and the registry definition's loader (libs/environment-definition) calls the
 * same ones, so both paths give the same message.
 */
import { type PropPath, type PropProblem, propProblem, underPath } from '@ecs-platform/construct-props';
import type { EcrRegistryProps } from './props';
import type { RegistryRepository } from './repositories';
import type { AccountSettings, ImageReference, LifecycleSettings } from './types';

/** ECR repository names: lowercase path components separated by `/`. */
export const REPOSITORY_NAME_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/** What ECR accepts in a lifecycle rule, and what keeps a policy meaningful. */
export const LIFECYCLE_LIMITS = {
  untaggedExpiryDays: { min: 1, max: 3650, unit: 'days' },
  keepReleaseImages: { min: 1, max: 10000, unit: 'images' },
} as const;

const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/** 2 to 256 characters of lowercase path components (`team/worker`). */
export function checkRepositoryName(name: string, path: PropPath = []): PropProblem[] {
  if (name.length < 2) return [propProblem(path, 'must be at least 2 characters long')];
  if (name.length > 256) return [propProblem(path, 'must be at most 256 characters long')];
  if (!REPOSITORY_NAME_PATTERN.test(name)) {
    return [propProblem(path, `"${name}" must be an ECR repository name (lowercase letters, digits, . _ - and /)`)];
  }
  return [];
}

/** The given fields within LIFECYCLE_LIMITS; protected prefixes the start of a tag, none twice (ECR rejects repeats). */
export function checkLifecycle(settings: LifecycleSettings): PropProblem[] {
  const problems: PropProblem[] = [];
  for (const field of ['untaggedExpiryDays', 'keepReleaseImages'] as const) {
    const value = settings[field];
    if (value === undefined) continue;
    const { min, max, unit } = LIFECYCLE_LIMITS[field];
    if (!Number.isInteger(value)) problems.push(propProblem([field], `must be a whole number, got ${value}`));
    else if (value < min || value > max) problems.push(propProblem([field], `must be between ${min} and ${max} ${unit}, got ${value}`));
  }
  const prefixes = settings.protectedTagPrefixes ?? [];
  prefixes.forEach((prefix, i) => {
    const path = ['protectedTagPrefixes', i];
    if (!TAG_PATTERN.test(prefix)) problems.push(propProblem(path, `"${prefix}" must be the start of a Docker tag (letters, digits, _ . -)`));
    else if (prefixes.indexOf(prefix) !== i) problems.push(propProblem(path, `"${prefix}" is listed twice`));
  });
  return problems;
}

/** At least one repository, each name valid and unique, each lifecycle valid. Paths start at `repositories`. */
export function checkRepositories(repositories: readonly Pick<RegistryRepository, 'name' | 'lifecycle'>[]): PropProblem[] {
  if (repositories.length === 0) return [propProblem(['repositories'], 'must list at least 1, got 0')];
  const problems: PropProblem[] = [];
  const first = new Map<string, number>();
  repositories.forEach((repo, i) => {
    problems.push(...checkRepositoryName(repo.name, ['repositories', i, 'name']));
    problems.push(...underPath(['repositories', i, 'lifecycle'], checkLifecycle(repo.lifecycle ?? {})));
    const earlier = first.get(repo.name);
    if (earlier !== undefined) problems.push(propProblem(['repositories', i, 'name'], `"${repo.name}" is already the name of repositories[${earlier}]`));
    else first.set(repo.name, i);
  });
  return problems;
}

/** Replication goes to other regions, each once. Paths are indexes into `regions`. */
export function checkReplicationRegions(homeRegion: string, regions: readonly string[]): PropProblem[] {
  const problems: PropProblem[] = [];
  regions.forEach((name, i) => {
    if (name === homeRegion) problems.push(propProblem([i], `"${name}" is the registry's own region; list only other regions`));
    else if (regions.indexOf(name) !== i) problems.push(propProblem([i], `"${name}" is listed twice`));
  });
  return problems;
}

/**
 * Replication and enhanced scanning use account-wide ECR settings, which writing replaces:
 * whoever asks for them says who owns them.
 */
export function checkAccountSettings(props: {
  readonly replicationRegions: readonly string[];
  readonly enhancedScanning?: boolean;
  readonly accountSettings?: AccountSettings;
}): PropProblem[] {
  const replicating = props.replicationRegions.length > 0;
  if (props.accountSettings !== undefined || (!replicating && !props.enhancedScanning)) return [];
  const needs = [...(replicating ? ['replication'] : []), ...(props.enhancedScanning ? ['enhanced scanning'] : [])].join(' and ');
  return [
    propProblem(
      [],
      `needs "accountSettings": ${needs} use account-wide ECR settings (one per account and region); "managed" lets this stack replace them, "external" leaves them to whoever manages them now`,
    ),
  ];
}

/** Every rule of EcrRegistry's props, all problems at once. */
export function checkEcrRegistryProps(props: EcrRegistryProps): PropProblem[] {
  const replicationRegions = (props.replicas ?? []).map((replica) => replica.region);
  return [
    ...checkRepositories(props.repositories),
    ...checkReplicationRegions(props.region, replicationRegions).map((problem) => ({
      path: ['replicas', ...problem.path, 'region'],
      message: problem.message,
    })),
    ...checkAccountSettings({ ...props, replicationRegions }),
  ];
}

/** A valid repository name and exactly one pin: an immutable tag (never `latest`) or a digest. */
export function checkImageReference(image: ImageReference): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!REPOSITORY_NAME_PATTERN.test(image.repository)) {
    problems.push(propProblem(['repository'], `"${image.repository}" must be an ECR repository name (lowercase letters, digits, . _ - and /)`));
  }
  if (image.tag !== undefined && !TAG_PATTERN.test(image.tag)) {
    problems.push(propProblem(['tag'], `"${image.tag}" must be a Docker tag (letters, digits, _ . -, at most 128)`));
  }
  if (image.digest !== undefined && !DIGEST_PATTERN.test(image.digest)) {
    problems.push(propProblem(['digest'], `"${image.digest}" must be "sha256:" followed by 64 lowercase hex digits`));
  }
  if (image.tag === undefined && image.digest === undefined) {
    problems.push(propProblem([], 'is not pinned: give an immutable "tag" or a "digest"'));
  } else if (image.tag !== undefined && image.digest !== undefined) {
    problems.push(propProblem([], 'gives both "tag" and "digest"; pin by exactly one'));
  }
  if (image.tag?.toLowerCase() === 'latest') {
    problems.push(propProblem(['tag'], '"latest" is not a pin: it moves with every push; use an immutable release tag or a digest'));
  }
  return problems;
}
