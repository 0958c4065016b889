import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { arn, flowLogGroupName, logGroupArn } from '@ecs-platform/aws-names';
import { assertValidProps } from '@ecs-platform/construct-props';
import { accountAdministersKey, logsMayEncryptLogGroups, policyDocument } from '@ecs-platform/iam-policy';
import { Construct } from 'constructs';
import { checkFlowLogsProps } from './checks';

export interface FlowLogsProps {
  /** Network (environment) name; names the log group, role and key alias. */
  readonly name: string;
  readonly vpcId: string;
  readonly accountId: string;
  readonly region: string;
  /** Days the log group keeps flow log records; a period CloudWatch Logs offers. */
  readonly retentionDays: number;
}

/**
 * Flow logs of ALL traffic (accepted and rejected) into a KMS-encrypted CloudWatch log group,
 * written through a role that may write to that group only.
 *
 * ARNs are composed from the known names (`@ecs-platform/aws-names`) instead of referencing
 * resource attributes, so the policies are readable in the synthesized JSON and the key policy
 * needs no reference to the log group that itself depends on the key.
 */
export class FlowLogs extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly key: KmsKey;
  readonly role: IamRole;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    assertValidProps(this, checkFlowLogsProps(props));
    const { accountId, region, name } = props;
    const logGroupName = flowLogGroupName(name);
    const groupArn = logGroupArn(region, accountId, logGroupName);

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the VPC flow logs of environment ${name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      // CloudWatch Logs of this region may use it, and only for this one log group.
      policy: policyDocument([accountAdministersKey(accountId), logsMayEncryptLogGroups('LogsEncryptFlowLogGroup', region, [groupArn])]),
    });
    new KmsAlias(this, 'key-alias', { name: `alias/${name}-vpc-flow-logs`, targetKeyId: this.key.keyId });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: this.key.arn,
    });

    this.role = new IamRole(this, 'role', {
      name: `${name}-vpc-flow-logs`,
      description: `Lets VPC Flow Logs write to ${logGroupName}`,
      assumeRolePolicy: policyDocument([
        {
          // SourceAccount and SourceArn stop another account's flow log from using this role
          // (confused deputy).
          Sid: 'TrustVpcFlowLogsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': accountId },
            ArnLike: { 'aws:SourceArn': arn('ec2', region, accountId, 'vpc-flow-log/*') },
          },
        },
      ]),
    });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', {
      name: 'write-flow-log-group',
      role: this.role.id,
      policy: policyDocument([
        {
          // The log group exists already (Terraform creates it), so no logs:CreateLogGroup.
          Sid: 'WriteFlowLogGroupOnly',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [groupArn, `${groupArn}:*`],
        },
        {
          // Part of the policy AWS documents for flow logs: delivery looks the group up first.
          // DescribeLogGroups lists groups, so it takes the account's groups, not one.
          Sid: 'FindFlowLogGroup',
          Effect: 'Allow',
          Action: 'logs:DescribeLogGroups',
          Resource: logGroupArn(region, accountId, '*'),
        },
      ]),
    });

    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      tags: { Name: `${name}-vpc` },
      // Delivery starts at once; without the permissions in place the first records fail.
      dependsOn: [rolePolicy],
    });
  }
}
