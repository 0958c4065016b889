import type { EnvironmentDefinition } from './definition';
import type { FileProblem } from './load';
import { object, type Schema, string, withDefault, list } from './schema';

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
}

export const platformSchema: Schema<PlatformSettings> = object({
  project: string({
    pattern: /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/,
    patternHint: 'must be 3 to 32 lowercase letters, digits and hyphens, starting with a letter',
  }),
  repository: string({
    pattern: /^[\w.-]+\/[\w.-]+\/[\w.-]+$/,
    patternHint: 'must look like github.com/<owner>/<repo>',
  }),
  bootstrap: withDefault(
    object({
      remoteStateAccounts: withDefault(list(string({ pattern: /^\d{12}$/, patternHint: 'must be exactly 12 digits' })), () => []),
    }),
    () => ({ remoteStateAccounts: [] }),
  ),
});

/** An environment with the file it came from, for messages that span several files. */
export interface LocatedEnvironment {
  readonly file: string;
  readonly definition: EnvironmentDefinition;
}

/**
 * Checks that span environments. Every environment of one account shares that account's
 * state bucket and lock table (one bootstrap stack per account creates them), and a bucket
 * name, global in S3, belongs to one account only.
 */
export function checkAcrossEnvironments(environments: readonly LocatedEnvironment[]): FileProblem[] {
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
          problems.push({
            file: env.file,
            path: ['stateBackend', field],
            message: `"${stateBackend[field]}" differs from "${first.definition.stateBackend[field]}" in ${first.file}; environments of account ${accountId} share one state backend`,
          });
        }
      }
    }
    const owner = accountByBucket.get(stateBackend.bucket);
    if (!owner) accountByBucket.set(stateBackend.bucket, env);
    else if (owner.definition.accountId !== accountId) {
      problems.push({
        file: env.file,
        path: ['stateBackend', 'bucket'],
        message: `"${stateBackend.bucket}" is already the state bucket of account ${owner.definition.accountId} (${owner.file}); S3 bucket names are global`,
      });
    }
  }
  return problems;
}
