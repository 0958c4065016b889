/**
 * ARNs, built in one place. Every ARN this product writes is in the `aws` partition: the AWS
 * provider and the tests here cover the commercial regions only (GovCloud and China would need
 * the partition passed through; nothing here assumes more than this module).
 */

/** The partition of every ARN this product writes. */
export const PARTITION = 'aws';

/** `arn:aws:<service>:<region>:<account>:<resource>`; region and account may be empty, as IAM and S3 ARNs have them. */
export function arn(service: string, region: string, accountId: string, resource: string): string {
  return `arn:${PARTITION}:${service}:${region}:${accountId}:${resource}`;
}

/** The account as a principal: IAM of that account decides who in it may act. */
export function accountRootArn(accountId: string): string {
  return arn('iam', '', accountId, 'root');
}

export function iamRoleArn(accountId: string, name: string, path = '/'): string {
  return arn('iam', '', accountId, `role${path}${name}`);
}

export function iamPolicyArn(accountId: string, name: string, path = '/'): string {
  return arn('iam', '', accountId, `policy${path}${name}`);
}

/** An AWS managed policy, `arn:aws:iam::aws:policy/<path><name>`. */
export function awsManagedPolicyArn(nameWithPath: string): string {
  return arn('iam', '', 'aws', `policy/${nameWithPath}`);
}

/** A log group; `name` may end in `*` to cover every group under a prefix. */
export function logGroupArn(region: string, accountId: string, name: string): string {
  return arn('logs', region, accountId, `log-group:${name}`);
}

export function s3BucketArn(bucket: string): string {
  return arn('s3', '', '', bucket);
}

export function ssmParameterArn(region: string, accountId: string, name: string): string {
  return arn('ssm', region, accountId, `parameter${name.startsWith('/') ? '' : '/'}${name}`);
}

export function kmsAliasArn(region: string, accountId: string, alias: string): string {
  return arn('kms', region, accountId, alias.startsWith('alias/') ? alias : `alias/${alias}`);
}

export function ecrRepositoryArn(region: string, accountId: string, repository: string): string {
  return arn('ecr', region, accountId, `repository/${repository}`);
}

export function snsTopicArn(region: string, accountId: string, name: string): string {
  return arn('sns', region, accountId, name);
}

/** Any ECS resource of the account and region: what `aws:SourceArn` of a task role's trust names. */
export function ecsAccountResourcesArn(region: string, accountId: string): string {
  return arn('ecs', region, accountId, '*');
}

/** An SQS queue, `arn:aws:sqs:<region>:<account>:<name>`. */
export function sqsQueueArn(region: string, accountId: string, name: string): string {
  return arn('sqs', region, accountId, name);
}

/** The URL SQS clients address a queue by, `https://sqs.<region>.amazonaws.com/<account>/<name>`. */
export function sqsQueueUrl(region: string, accountId: string, name: string): string {
  return `https://sqs.${region}.amazonaws.com/${accountId}/${name}`;
}

/** Every revision of a task definition family, `arn:aws:ecs:<region>:<account>:task-definition/<family>:*`. */
export function ecsTaskDefinitionFamilyArn(region: string, accountId: string, family: string): string {
  return arn('ecs', region, accountId, `task-definition/${family}:*`);
}

/** An ECS cluster, `arn:aws:ecs:<region>:<account>:cluster/<name>`. */
export function ecsClusterArn(region: string, accountId: string, name: string): string {
  return arn('ecs', region, accountId, `cluster/${name}`);
}

/** An EventBridge Scheduler schedule group, `arn:aws:scheduler:<region>:<account>:schedule-group/<name>`. */
export function scheduleGroupArn(region: string, accountId: string, name: string): string {
  return arn('scheduler', region, accountId, `schedule-group/${name}`);
}

/** The account and region of an ARN, or undefined when `value` is no ARN (or a token). */
export function arnLocation(value: string): { readonly service: string; readonly region: string; readonly accountId: string } | undefined {
  const match = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):/.exec(value);
  return match ? { service: match[1], region: match[2], accountId: match[3] } : undefined;
}
