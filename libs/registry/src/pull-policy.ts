import { accountRootArn } from '@ecs-platform/aws-names';
import { policyDocument } from '@ecs-platform/iam-policy';

/** What pulling an image needs on the repository, and nothing more (no push, no delete). */
export const PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

/**
 * The repository policy letting other accounts pull, or undefined when no other account
 * pulls. Principals are account roots: the account's own IAM policies then decide which of
 * its roles (the ECS task execution roles) may pull, so the registry does not need to know
 * role names. Same-account pullers need no statement: within one account, an IAM policy
 * alone grants access to a repository.
 */
export function pullPolicy(registryAccountId: string, pullAccounts: readonly string[]): string | undefined {
  const others = [...new Set(pullAccounts)].filter((account) => account !== registryAccountId).sort();
  if (others.length === 0) return undefined;
  return policyDocument([
    {
      Sid: 'AllowPullFromEnvironmentAccounts',
      Effect: 'Allow',
      Principal: { AWS: others.map((account) => accountRootArn(account)) },
      Action: [...PULL_ACTIONS],
    },
  ]);
}
