import { createHash } from 'node:crypto';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { AlarmSubscription, MonitoringDefinition } from '@ecs-platform/environment-definition';
import { accountAdministersKey, policyDocument } from '@ecs-platform/iam-policy';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { alarmTopicName } from './names';

export interface AlarmTopicProps {
  /** Environment name; names the topic (`<environment>-alarms`) and its key alias. */
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** The definition's `monitoring` block. @default no subscriber */
  readonly monitoring?: MonitoringDefinition;
  /** Emit the Terraform output `alarm_subscriptions` (one per stack). @default true */
  readonly outputs?: boolean;
}

/**
 * The environment's alarm topic: SNS, encrypted with its own customer managed KMS key.
 *
 * CloudWatch alarms cannot publish to a topic encrypted with the AWS managed key
 * `alias/aws/sns` (its policy cannot be edited to let CloudWatch use it), so the topic gets a
 * key whose policy lets `cloudwatch.amazonaws.com` call kms:GenerateDataKey* and kms:Decrypt.
 * The topic policy lets only this account's alarms of this environment publish, over TLS.
 * ARNs are composed from the known names, so the policies read plainly in the synthesized JSON.
 */
export class AlarmTopic extends Construct {
  readonly key: KmsKey;
  readonly topic: SnsTopic;
  readonly subscriptions: readonly SnsTopicSubscription[];

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const { environment, accountId, region } = props;
    const topicName = alarmTopicName(environment);
    const topicArn = `arn:aws:sns:${region}:${accountId}:${topicName}`;

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the alarm topic ${topicName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        accountAdministersKey(accountId),
        {
          // What a CloudWatch alarm needs to publish to an encrypted topic. No condition: the
          // documented form; kms:CallerAccount, for one, makes the publish fail.
          Sid: 'CloudWatchAlarmsPublishEncrypted',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: '*',
        },
      ]),
    });
    new KmsAlias(this, 'key-alias', { name: `alias/${topicName}`, targetKeyId: this.key.keyId });

    this.topic = new SnsTopic(this, 'topic', {
      name: topicName,
      displayName: `${environment} alarms`,
      kmsMasterKeyId: this.key.arn,
    });

    new SnsTopicPolicy(this, 'topic-policy', {
      arn: this.topic.arn,
      policy: policyDocument([
        {
          // The owner keeps managing the topic and its subscriptions.
          Sid: 'AccountManagesTopic',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: [
            'SNS:GetTopicAttributes',
            'SNS:SetTopicAttributes',
            'SNS:AddPermission',
            'SNS:RemovePermission',
            'SNS:DeleteTopic',
            'SNS:Subscribe',
            'SNS:ListSubscriptionsByTopic',
            'SNS:Publish',
          ],
          Resource: topicArn,
        },
        {
          // Only alarms of this account and this environment (their names start with it).
          Sid: 'EnvironmentAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'SNS:Publish',
          Resource: topicArn,
          Condition: {
            StringEquals: { 'aws:SourceAccount': accountId },
            ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${region}:${accountId}:alarm:${environment}-*` },
          },
        },
        {
          Sid: 'DenyPublishWithoutTls',
          Effect: 'Deny',
          Principal: '*',
          Action: 'SNS:Publish',
          Resource: topicArn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });

    const subscribers: AlarmSubscription[] = [
      ...(props.monitoring?.alarmEmails ?? []).map((endpoint) => ({ protocol: 'email' as const, endpoint })),
      ...(props.monitoring?.alarmSubscriptions ?? []),
    ];
    this.subscriptions = subscribers.map(
      (subscriber) =>
        new SnsTopicSubscription(this, subscriptionId(subscriber), {
          topicArn: this.topic.arn,
          protocol: subscriber.protocol,
          endpoint: subscriber.endpoint,
        }),
    );
    if (this.subscriptions.length > 0 && (props.outputs ?? true)) {
      // E-mail (and some HTTPS) subscriptions deliver nothing until their owner confirms them;
      // after an apply, `terraform output alarm_subscriptions` shows which still wait.
      new TerraformOutput(this, 'alarm_subscriptions', {
        description: 'Alarm topic subscriber -> true while its subscription still waits for confirmation',
        value: Object.fromEntries(subscribers.map((subscriber, i) => [`${subscriber.protocol}:${subscriber.endpoint}`, this.subscriptions[i].pendingConfirmation])),
      }).overrideLogicalId('alarm_subscriptions');
    }
  }
}

/**
 * A construct id per subscriber that survives reordering the list: the protocol, a readable
 * part of the endpoint and a hash of all of it (docs/design.md decision 7, stable addresses).
 */
export function subscriptionId(subscriber: AlarmSubscription): string {
  const endpoint = subscriber.protocol === 'email' ? subscriber.endpoint.toLowerCase() : subscriber.endpoint;
  const readable = endpoint
    .replace(/^https:\/\/|^arn:aws:/, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 32)
    .replace(/-$/, '');
  const hash = createHash('sha256').update(`${subscriber.protocol}:${endpoint}`).digest('hex').slice(0, 8);
  return `${subscriber.protocol}-${readable}-${hash}`;
}
