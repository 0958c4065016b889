/**
 * The registry definition: one YAML file (`registry/registry.yaml`) describing the shared ECR
 * registry that every environment pulls its images from. Images are built once and promoted
 * by digest (docs/design.md decision 5), so the registry lives in one account and region, outside any
 * environment, and environments only name repositories in it.
 */
import type { PropPath, PropProblem } from '@ecs-platform/construct-props';
import {
  type AccountSettings,
  checkAccountSettings,
  checkLifecycle,
  checkReplicationRegions,
  checkRepositories,
  checkRepositoryName,
  DEFAULT_LIFECYCLE,
  type LifecycleSettings,
  type RegistryEncryption,
} from '@ecs-platform/image-registry';
import { containerImages } from './compute-schema';
import type { StateBackendDefinition } from './definition';
import { accountId, operatorArn, region, RESERVED_TAG_KEYS, roleArn, stateBackend, tagMap } from './environment-schema';
import { type FileProblem, loadDefinitionFile, type LoadResult, type Locator } from './load';
import { type LocatedEnvironment, problemAt } from './platform';
import {
  boolean,
  closest,
  type FieldPath,
  integer,
  list,
  object,
  oneOf,
  refine,
  type Report,
  type Schema,
  string,
  withDefault,
  optional,
} from './schema';

/** Where the registry definition lives, relative to the workspace root. */
export const REGISTRY_FILE = 'registry/registry.yaml';

/** The registry library's own types and defaults, which this definition uses too. */
export { DEFAULT_LIFECYCLE, type LifecycleSettings, type RegistryEncryption };

export interface RegistryDefinition {
  /** The 12-digit account holding the registry; may be the account of an environment. */
  readonly accountId: string;
  /** The region images are pushed to. */
  readonly region: string;
  /** Must equal the state backend of the environments in the same account (one bootstrap stack per account). */
  readonly stateBackend: StateBackendDefinition;
  /** Role Terraform assumes to deploy the registry. @default none: the caller's credentials are used */
  readonly deployRoleArn?: string;
  /** Roles or users that may assume the deploy role by hand, besides the account's administrators. @default [] */
  readonly operators?: readonly string[];
  /** Extra tags on every registry resource. @default {} */
  readonly tags: Readonly<Record<string, string>>;
  /** Regions every repository is replicated to, for disaster recovery and same-region pulls. @default [] */
  readonly replicationRegions: readonly string[];
  /** Turns on registry-level enhanced scanning (Amazon Inspector, continuous). @default false: basic scan on push */
  readonly enhancedScanning: boolean;
  /** @default "customer-managed-key": one KMS key per region, with yearly rotation */
  readonly encryption: RegistryEncryption;
  /**
   * Who owns the account-wide ECR settings of the registry's region: the replication
   * configuration and the registry scanning configuration exist once per account and region.
   * `managed`: this stack writes them, replacing whatever the account had (set by hand or by
   * another tool). `external`: they are managed elsewhere; the stack writes neither, and
   * docs/registry.md says what they must contain. Required as soon as `replicationRegions` or
   * `enhancedScanning` needs one of them. @default none (nothing account-wide is written)
   */
  readonly accountSettings?: AccountSettings;
  /** The repositories; environments may only name these. */
  readonly repositories: readonly RepositoryDefinition[];
}

export interface RepositoryDefinition {
  /** ECR repository name, for example `sample-service`. */
  readonly name: string;
  /** Every field filled in. @default { untaggedExpiryDays: 14, keepReleaseImages: 30, protectedTagPrefixes: [] } */
  readonly lifecycle: Required<LifecycleSettings>;
  /**
   * Where the image workflow builds this repository's image from (docs/ci-cd.md); a repository
   * whose context has no Dockerfile gets no build. @default { context: "apps/<name>", dockerfile: "Dockerfile" }
   */
  readonly build?: ImageBuild;
}

export interface ImageBuild {
  /** Build context, relative to the repository root. @default "apps/<repository name>" */
  readonly context?: string;
  /** Dockerfile, relative to the context. @default "Dockerfile" */
  readonly dockerfile?: string;
  /** Platform the image is built for; it must match the tasks' CPU architecture. @default "linux/amd64" */
  readonly platform?: 'linux/amd64' | 'linux/arm64';
}

/** Reports a registry check's problems, their paths moved under `prefix`. */
function reportAll(report: Report, problems: readonly PropProblem[], prefix: PropPath = []): void {
  for (const problem of problems) report([...prefix, ...problem.path] as FieldPath, problem.message);
}

// The registry's rules are the registry library's checks (libs/registry checks.ts), the same
// functions EcrRegistry's constructor calls; here they run on the parsed fields.
const repositoryName: Schema<string> = {
  parse(value, path, report) {
    const name = string().parse(value, path, report);
    if (name === undefined) return undefined;
    const problems = checkRepositoryName(name);
    reportAll(report, problems, path);
    return problems.length === 0 ? name : undefined;
  },
};

const lifecycle = object(
  {
    untaggedExpiryDays: withDefault(integer(), () => DEFAULT_LIFECYCLE.untaggedExpiryDays),
    keepReleaseImages: withDefault(integer(), () => DEFAULT_LIFECYCLE.keepReleaseImages),
    protectedTagPrefixes: withDefault(list(string()), () => [...DEFAULT_LIFECYCLE.protectedTagPrefixes]),
  },
  [
    // One refinement per field, so that a problem in one never hides another's.
    refine(['untaggedExpiryDays'], ({ untaggedExpiryDays }, report) => reportAll(report, checkLifecycle({ untaggedExpiryDays }))),
    refine(['keepReleaseImages'], ({ keepReleaseImages }, report) => reportAll(report, checkLifecycle({ keepReleaseImages }))),
    refine(['protectedTagPrefixes'], ({ protectedTagPrefixes }, report) => reportAll(report, checkLifecycle({ protectedTagPrefixes }))),
  ],
);

const relativePath = string({
  pattern: /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/-]+$/,
  patternHint: 'must be a path inside the repository, relative to its root, without ".."',
});

const build = object({
  context: optional(relativePath),
  dockerfile: optional(relativePath),
  platform: optional(oneOf(['linux/amd64', 'linux/arm64'] as const)),
});

const repository = object({
  name: repositoryName,
  lifecycle: withDefault(lifecycle, () => ({ ...DEFAULT_LIFECYCLE })),
  build: optional(build),
});

/** The schema of `registry/registry.yaml`. */
export const registrySchema: Schema<RegistryDefinition> = object(
  {
    accountId,
    region,
    stateBackend,
    deployRoleArn: optional(roleArn),
    operators: optional(list(operatorArn, { minItems: 1 })),
    tags: withDefault(tagMap, () => ({})),
    replicationRegions: withDefault(list(region), () => []),
    enhancedScanning: withDefault(boolean(), () => false),
    encryption: withDefault(oneOf(['customer-managed-key', 'aws-managed-key'] as const), () => 'customer-managed-key' as const),
    accountSettings: optional(oneOf(['managed', 'external'] as const)),
    // At least one, names unique: checkRepositories below.
    repositories: list(repository),
  },
  [
    refine(['region', 'replicationRegions'], ({ region: home, replicationRegions }, report) =>
      reportAll(report, checkReplicationRegions(home, replicationRegions), ['replicationRegions']),
    ),
    // Names and lifecycles were checked field by field already; this adds what needs them all.
    refine(['repositories'], ({ repositories }, report) => reportAll(report, checkRepositories(repositories))),
    refine(['accountId', 'deployRoleArn'], ({ accountId: account, deployRoleArn }, report) => {
      if (deployRoleArn && !deployRoleArn.startsWith(`arn:aws:iam::${account}:`)) {
        report(['deployRoleArn'], `belongs to another account than accountId ${account}`);
      }
    }),
    refine(['replicationRegions', 'enhancedScanning', 'accountSettings'], (value, report) => reportAll(report, checkAccountSettings(value))),
    refine(['tags'], ({ tags }, report) => {
      for (const key of Object.keys(tags)) {
        if ((RESERVED_TAG_KEYS as readonly string[]).includes(key)) {
          report(['tags', key], 'is set by the platform on every resource and cannot be overridden');
        }
      }
    }),
  ],
);

/** The registry with the file it came from. */
export interface LocatedRegistry {
  readonly file: string;
  readonly definition: RegistryDefinition;
  /** Lines of the file's fields. @default none: problems name the file only */
  readonly locate?: Locator;
}

/** Loads and validates the registry definition. */
export function loadRegistryFile(file: string, displayFile = file): LoadResult<RegistryDefinition> {
  return loadDefinitionFile(file, displayFile, registrySchema);
}

export interface RegistryCheckResult {
  /** Problems in environment files (for example a repository the registry does not declare). */
  readonly environmentProblems: FileProblem[];
  /** Problems in the registry file (for example a state backend that differs from its account's). */
  readonly registryProblems: FileProblem[];
}

/**
 * Checks between the registry and the environments: every repository a service names is
 * declared, and the registry shares its account's state backend (the bootstrap stack of the
 * account creates one bucket and one lock table).
 */
export function checkRegistryAgainstEnvironments(
  registry: LocatedRegistry,
  environments: readonly LocatedEnvironment[],
): RegistryCheckResult {
  const environmentProblems: FileProblem[] = [];
  const registryProblems: FileProblem[] = [];
  const declared = registry.definition.repositories.map((repo) => repo.name);
  for (const env of environments) {
    containerImages(env.definition).forEach(({ path: imagePath, image }) => {
      const name = image.repository;
      if (declared.includes(name)) return;
      const suggestion = closest(name, declared);
      environmentProblems.push(
        problemAt(
          env,
          [...imagePath, 'repository'],
          `"${name}" is not a repository of the registry` +
            (suggestion ? `; did you mean "${suggestion}"?` : `; it declares ${declared.map((n) => `"${n}"`).join(', ')}`),
          { at: registry, path: ['repositories'] },
        ),
      );
    });
  }
  const { accountId: account, stateBackend: backend } = registry.definition;
  const sameAccount = environments.find((env) => env.definition.accountId === account);
  if (sameAccount) {
    for (const field of ['bucket', 'lockTable', 'region'] as const) {
      if (backend[field] !== sameAccount.definition.stateBackend[field]) {
        registryProblems.push(
          problemAt(
            registry,
            ['stateBackend', field],
            `"${backend[field]}" differs from "${sameAccount.definition.stateBackend[field]}" of environment ${sameAccount.definition.name}; stacks of account ${account} share one state backend`,
            { at: sameAccount, path: ['stateBackend', field] },
          ),
        );
      }
    }
  }
  const owner = environments.find((env) => env.definition.stateBackend.bucket === backend.bucket && env.definition.accountId !== account);
  if (owner) {
    registryProblems.push(
      problemAt(
        registry,
        ['stateBackend', 'bucket'],
        `"${backend.bucket}" is already the state bucket of account ${owner.definition.accountId}; S3 bucket names are global`,
        { at: owner, path: ['stateBackend', 'bucket'] },
      ),
    );
  }
  return { environmentProblems, registryProblems };
}
