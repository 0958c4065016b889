import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { execLogGroupName, logGroupArn, serviceLogGroupPrefix } from '@ecs-platform/aws-names';
import { accountAdministersKey, logsMayEncryptLogGroups, policyDocument } from '@ecs-platform/iam-policy';
import type { Construct } from 'constructs';

export interface EcsLogKeyProps {
  /** The environment (the cluster's name): the alias is `alias/<name>-ecs`. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
}

/** The key and its alias. */
export interface EcsLogKey {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
}

/**
 * A rotating KMS key for an environment's service logs (`/ecs/<name>/*`) and ECS Exec
 * sessions (`/aws/ecs/exec/<name>`): CloudWatch Logs of this region may use it for those log
 * groups only. Created as `key` and `key-alias` directly in `scope` (a function rather than a
 * construct, so the key sits beside the cluster and services that use it).
 */
export function ecsLogKey(scope: Construct, props: EcsLogKeyProps): EcsLogKey {
  const { name, accountId, region } = props;
  const key = new KmsKey(scope, 'key', {
    description: `Encrypts the ECS service logs and ECS Exec sessions of environment ${name}`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policyDocument([
      accountAdministersKey(accountId),
      logsMayEncryptLogGroups('LogsEncryptEcsLogGroups', region, [
        logGroupArn(region, accountId, `${serviceLogGroupPrefix(name)}*`),
        logGroupArn(region, accountId, execLogGroupName(name)),
      ]),
    ]),
  });
  const alias = new KmsAlias(scope, 'key-alias', { name: `alias/${name}-ecs`, targetKeyId: key.keyId });
  return { key, alias };
}
