import { ecrRepositoryArn, ecsAccountResourcesArn, logGroupArn } from '@ecs-platform/aws-names';
import { policyDocument, type Statement } from '@ecs-platform/iam-policy';
import type { TaskRolePolicy } from './types';

/**
 * IAM documents of a service, built in code (docs/design.md decision 3) as pure functions, so each rule is
 * tested on its own and the synthesized JSON is reviewable.
 */

/** The pull actions a task execution role needs on each repository it pulls from. */
export const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

/**
 * The ECR repository ARN an image URI pulls from:
 * `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]` ->
 * `arn:aws:ecr:<region>:<account>:repository/<repository>`. The region is the pull region,
 * so a replica is named when the environment pulls from one.
 */
export function repositoryArn(imageUri: string): string {
  const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._/-]+?)(?::[\w.-]+|@sha256:[a-f0-9]{64})$/.exec(imageUri);
  if (!match) throw new Error(`"${imageUri}" is not an ECR image URI pinned by tag or digest`);
  const [, account, region, repository] = match;
  return ecrRepositoryArn(region, account, repository);
}

/**
 * The IAM resource of a secret reference. Secrets Manager `valueFrom` may carry
 * `:json-key:version-stage:version-id` after the secret ARN, which IAM does not know; and a
 * secret ARN without AWS's random six-character suffix matches only with `-??????`.
 */
export function secretResource(valueFrom: string): string {
  if (!valueFrom.startsWith('arn:aws:secretsmanager:')) return valueFrom;
  const secretArn = valueFrom.split(':').slice(0, 7).join(':');
  return /-[A-Za-z0-9]{6}$/.test(secretArn) ? secretArn : `${secretArn}-??????`;
}

const unique = (values: readonly string[]): string[] => [...new Set(values)].sort();

export interface ExecutionRoleInputs {
  /** Image URIs of the task's containers. */
  readonly images: readonly string[];
  readonly logGroupArn: string;
  /** `valueFrom` of every secret of every container. */
  readonly secrets: readonly string[];
  /** Secrets Manager secret ARNs to read exactly, references included (Service.addSecret). @default [] */
  readonly secretArns?: readonly string[];
  readonly secretKmsKeyArns: readonly string[];
}

/**
 * The task execution role's permissions: pull from exactly the task's repositories, write to
 * its log group, read exactly its secrets (docs/design.md decision 8). `ecr:GetAuthorizationToken` has no
 * resource-level permissions, so it is the one action on `*`.
 */
export function executionRoleStatements(inputs: ExecutionRoleInputs): Statement[] {
  const statements: Statement[] = [
    { Sid: 'EcrAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    { Sid: 'PullTaskImages', Effect: 'Allow', Action: [...ECR_PULL_ACTIONS], Resource: unique(inputs.images.map(repositoryArn)) },
    {
      // The log group exists (Terraform creates it), so no logs:CreateLogGroup.
      Sid: 'WriteTaskLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${inputs.logGroupArn}:*`,
    },
  ];
  const secretsManager = unique([
    ...inputs.secrets.filter((arn) => arn.startsWith('arn:aws:secretsmanager:')).map(secretResource),
    ...(inputs.secretArns ?? []),
  ]);
  const parameters = unique(inputs.secrets.filter((arn) => arn.startsWith('arn:aws:ssm:')));
  if (secretsManager.length > 0) {
    statements.push({ Sid: 'ReadTaskSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretsManager });
  }
  if (parameters.length > 0) {
    statements.push({ Sid: 'ReadTaskParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: parameters });
  }
  if (inputs.secretKmsKeyArns.length > 0) {
    statements.push({ Sid: 'DecryptTaskSecrets', Effect: 'Allow', Action: 'kms:Decrypt', Resource: unique(inputs.secretKmsKeyArns) });
  }
  return statements;
}

export interface EcsExecPermissions {
  readonly logGroupArn: string;
  readonly kmsKeyArn: string;
}

/**
 * The task role's permissions: what the definition grants the application, plus what ECS Exec
 * needs inside the task (the SSM agent's channels, session logging, the session key).
 */
export function taskRoleStatements(
  policies: readonly TaskRolePolicy[],
  exec: EcsExecPermissions | undefined,
  where: { readonly accountId: string; readonly region: string },
): Statement[] {
  const statements: Statement[] = policies.map((policy) => ({
    Sid: policy.sid,
    Effect: 'Allow',
    Action: [...policy.actions],
    Resource: [...policy.resources],
  }));
  if (exec) {
    statements.push(
      {
        // The SSM messages API has no resource-level permissions.
        Sid: 'EcsExecChannels',
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: '*',
      },
      // The SSM agent checks that the session log group exists before logging to it; the call
      // lists groups, so it is scoped to this account's log groups, not to one.
      {
        Sid: 'EcsExecFindLogGroup',
        Effect: 'Allow',
        Action: 'logs:DescribeLogGroups',
        Resource: logGroupArn(where.region, where.accountId, '*'),
      },
      {
        Sid: 'EcsExecWriteSessionLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: `${exec.logGroupArn}:*`,
      },
      { Sid: 'EcsExecSessionKey', Effect: 'Allow', Action: 'kms:Decrypt', Resource: exec.kmsKeyArn },
    );
  }
  return statements;
}

/**
 * Trust policy of a task role or task execution role. `aws:SourceAccount` stops another
 * account's ECS from using the role (confused deputy); `aws:SourceArn` narrows the task role to
 * ECS in this region, in the form the ECS guide documents (`arn:aws:ecs:<region>:<account>:*`).
 * The execution role gets only `aws:SourceAccount`: ECS documents the SourceArn condition for
 * task roles, and a condition ECS does not send would stop every task from starting.
 */
export function ecsTasksTrustPolicy(accountId: string, region: string, kind: 'task' | 'execution'): string {
  return policyDocument([
    {
      Sid: 'TrustEcsTasksOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': accountId },
        ...(kind === 'task' ? { ArnLike: { 'aws:SourceArn': ecsAccountResourcesArn(region, accountId) } } : {}),
      },
    },
  ]);
}
