import type { EnvironmentDefinition } from './definition';
import type { FileProblem, Locator } from './load';
import { closest, type FieldPath, list, object, type Schema, string, withDefault } from './schema';

/** Project-wide settings (`apps/platform/platform.yaml`), shared by every stack. */
export interface PlatformSettings {
  /** Short project name: the state key prefix and the Project tag. */
  readonly project: string;
  /** Source repository, for the Repository tag, for example github.com/acme/ecs-platform. */
  readonly repository: string;
  readonly bootstrap: BootstrapSettings;
}

export interface BootstrapSettings {
  /**
   * Accounts whose bootstrap stack keeps its own state in the bucket it created (after the
   * one-time migration described in the README). @default [] (local state)
   */
  readonly remoteStateAccounts: readonly string[];
  /**
   * Accounts that already have GitHub's OIDC identity provider
   * (token.actions.githubusercontent.com). IAM allows one provider per URL and account, so their
   * bootstrap stack uses that one instead of creating it. @default [] (every bootstrap stack creates it)
   */
  readonly existingGithubOidcProviderAccounts: readonly string[];
}

const accountList = withDefault(list(string({ pattern: /^\d{12}$/, patternHint: 'must be exactly 12 digits' })), () => []);

export const platformSchema: Schema<PlatformSettings> = object({
  project: string({
    pattern: /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/,
    patternHint: 'must be 3 to 32 lowercase letters, digits and hyphens, starting with a letter',
  }),
  repository: string({
    pattern: /^github\.com\/[\w.-]+\/[\w.-]+$/,
    patternHint: 'must look like github.com/<owner>/<repo> (the GitHub OIDC roles trust that repository)',
  }),
  bootstrap: withDefault(
    object({ remoteStateAccounts: accountList, existingGithubOidcProviderAccounts: accountList }),
    () => ({ remoteStateAccounts: [], existingGithubOidcProviderAccounts: [] }),
  ),
});

/** An environment with the file it came from, for messages that span several files. */
export interface LocatedEnvironment {
  readonly file: string;
  readonly definition: EnvironmentDefinition;
  /** Lines of the file's fields. @default none: problems name the file only */
  readonly locate?: Locator;
}

/** Any definition with its file and locator (environments, the registry, the platform settings). */
export interface LocatedFile {
  readonly file: string;
  readonly locate?: Locator;
}

/** A problem at `fieldPath` of `at`, optionally pointing at the value it conflicts with. */
export function problemAt(
  at: LocatedFile,
  fieldPath: FieldPath,
  message: string,
  related?: { readonly at: LocatedFile; readonly path: FieldPath },
): FileProblem {
  return {
    file: at.file,
    path: fieldPath,
    message,
    ...(at.locate?.(fieldPath) ?? {}),
    ...(related ? { related: { file: related.at.file, path: related.path, ...(related.at.locate?.(related.path) ?? {}) } } : {}),
  };
}

export interface CrossEnvironmentOptions {
  /**
   * Every environment of the workspace, the invalid ones included: `promotesFrom` may name an
   * environment whose own definition has problems (those are reported on it). @default the given environments
   */
  readonly allNames?: readonly string[];
  /**
   * Names no environment may take, with why: other stacks (`registry`, `bootstrap`) and Nx
   * projects, whose names the environment's stack and project would collide with. @default none
   */
  readonly reservedNames?: ReadonlyMap<string, string>;
}

/**
 * Checks that span environments:
 * - every environment of one account shares that account's state bucket and lock table (one
 *   bootstrap stack per account creates them), and a bucket name, global in S3, belongs to one
 *   account only;
 * - `promotesFrom` names another environment, and following it never loops (the deploy order
 *   is derived from it);
 * - in one account no environment name is another's name followed by a hyphen: IAM scopes of
 *   the deploy roles are `<environment>-*`, so `dev` would reach `dev-eu`'s roles;
 * - no environment takes a reserved name.
 */
export function checkAcrossEnvironments(
  environments: readonly LocatedEnvironment[],
  options: CrossEnvironmentOptions = {},
): FileProblem[] {
  const problems: FileProblem[] = [];
  const backendByAccount = new Map<string, LocatedEnvironment>();
  const accountByBucket = new Map<string, LocatedEnvironment>();
  for (const env of environments) {
    const { accountId, stateBackend } = env.definition;
    const first = backendByAccount.get(accountId);
    if (!first) backendByAccount.set(accountId, env);
    else {
      for (const field of ['bucket', 'lockTable', 'region'] as const) {
        if (stateBackend[field] !== first.definition.stateBackend[field]) {
          problems.push(
            problemAt(
              env,
              ['stateBackend', field],
              `"${stateBackend[field]}" differs from "${first.definition.stateBackend[field]}" of environment ${first.definition.name}; environments of account ${accountId} share one state backend`,
              { at: first, path: ['stateBackend', field] },
            ),
          );
        }
      }
    }
    const owner = accountByBucket.get(stateBackend.bucket);
    if (!owner) accountByBucket.set(stateBackend.bucket, env);
    else if (owner.definition.accountId !== accountId) {
      problems.push(
        problemAt(
          env,
          ['stateBackend', 'bucket'],
          `"${stateBackend.bucket}" is already the state bucket of account ${owner.definition.accountId}; S3 bucket names are global`,
          { at: owner, path: ['stateBackend', 'bucket'] },
        ),
      );
    }
  }
  problems.push(
    ...checkPromotion(environments, options.allNames ?? environments.map((env) => env.definition.name)),
    ...checkNamePrefixes(environments),
    ...checkReservedNames(environments, options),
  );
  return problems;
}

function checkPromotion(environments: readonly LocatedEnvironment[], names: readonly string[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const byName = new Map(environments.map((env) => [env.definition.name, env]));
  for (const env of environments) {
    const from = env.definition.promotesFrom;
    if (from === undefined) continue;
    if (from === env.definition.name) {
      problems.push(problemAt(env, ['promotesFrom'], `names the environment itself; name the environment whose images reach ${from} first`));
      continue;
    }
    if (!names.includes(from)) {
      const suggestion = closest(from, names.filter((name) => name !== env.definition.name));
      problems.push(
        problemAt(
          env,
          ['promotesFrom'],
          `"${from}" is not an environment of this workspace` +
            (suggestion ? ` (did you mean "${suggestion}"?)` : `; environments: ${names.join(', ')}`),
        ),
      );
      continue;
    }
    // Follow the chain; a loop means no environment could ever deploy first.
    const seen = [env.definition.name];
    for (let next = byName.get(from); next; next = next.definition.promotesFrom ? byName.get(next.definition.promotesFrom) : undefined) {
      if (seen.includes(next.definition.name)) {
        problems.push(
          problemAt(env, ['promotesFrom'], `makes a loop (${[...seen, next.definition.name].join(' -> ')}); one environment must come first and promote from none`),
        );
        break;
      }
      seen.push(next.definition.name);
    }
  }
  return problems;
}

function checkNamePrefixes(environments: readonly LocatedEnvironment[]): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const env of environments) {
    for (const other of environments) {
      if (other === env || other.definition.accountId !== env.definition.accountId) continue;
      if (env.definition.name.startsWith(`${other.definition.name}-`)) {
        problems.push(
          problemAt(
            env,
            ['name'],
            `starts with "${other.definition.name}-", the name of environment ${other.definition.name} in the same account ${env.definition.accountId}: ` +
              `the deploy role of ${other.definition.name} may change IAM roles named "${other.definition.name}-*", which would include this environment's; choose another name or account`,
            { at: other, path: ['name'] },
          ),
        );
      }
    }
  }
  return problems;
}

function checkReservedNames(environments: readonly LocatedEnvironment[], options: CrossEnvironmentOptions): FileProblem[] {
  const reserved = options.reservedNames ?? new Map<string, string>();
  return environments.flatMap((env) => {
    const problem = reservedNameProblem(env, env.definition.name, reserved);
    return problem ? [problem] : [];
  });
}

/** The problem of an environment (folder) `name` that another stack or project already has. */
export function reservedNameProblem(at: LocatedFile, name: string, reserved: ReadonlyMap<string, string>): FileProblem | undefined {
  const why = reserved.get(name);
  return why ? problemAt(at, ['name'], `"${name}" is taken: ${why}; rename the folder and the name`) : undefined;
}
