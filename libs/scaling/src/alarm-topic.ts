import { createHash } from 'node:crypto';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { accountRootArn, alarmTopicName, arn, snsTopicArn } from '@ecs-platform/aws-names';
import { assertValidProps, type PropProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import { accountAdministersKey, policyDocument } from '@ecs-platform/iam-policy';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  type AlarmSubscription,
  alarmEmailProblems,
  alarmSubscriberProblems,
  alarmSubscriptionProblems,
  duplicateSubscriberProblems,
  silenceReasonProblems,
} from './monitoring-checks';

export interface AlarmTopicProps {
  /**
   * Environment name. Only alarms whose names start with `<environment>-` may publish, and it
   * names the topic unless `topicName` does.
   */
  readonly environment: string;
  /** The topic's name; its key alias is `alias/<topicName>`. @default `<environment>-alarms` (alarmTopicName) */
  readonly topicName?: string;
  readonly accountId: string;
  readonly region: string;
  /** Email addresses to subscribe; each must confirm the email SNS sends. @default [] */
  readonly alarmEmails?: readonly string[];
  /** Other subscribers (HTTPS, SQS, Lambda, SMS, or email). @default [] */
  readonly alarmSubscriptions?: readonly AlarmSubscription[];
  /**
   * `production` requires a subscriber; `non-production` accepts none with a `silenceReason`
   * (docs/design.md decision 6).
   * @default 'production'
   */
  readonly tier?: Tier;
  /** Why nobody needs to hear a non-production topic without subscribers; 10 to 500 characters. @default none */
  readonly silenceReason?: string;
  /**
   * Whether alarms publish to the topic. Only then does it need a subscriber: a topic set up
   * before the environment's first service may wait for one.
   * @default true
   */
  readonly hasAlarms?: boolean;
  /** Emit the Terraform output `alarm_subscriptions` (one per stack). @default true */
  readonly outputs?: boolean;
}

/** Every problem of the topic's props: each subscriber, duplicates, silenceReason, production strictness. */
export function alarmTopicProblems(props: Omit<AlarmTopicProps, 'environment' | 'accountId' | 'region'>): PropProblem[] {
  return [
    ...(props.alarmEmails ?? []).flatMap((address, i) => underPath(['alarmEmails', i], alarmEmailProblems(address))),
    ...(props.alarmSubscriptions ?? []).flatMap((subscription, i) => underPath(['alarmSubscriptions', i], alarmSubscriptionProblems(subscription))),
    ...duplicateSubscriberProblems(props.alarmEmails, props.alarmSubscriptions),
    ...(props.silenceReason === undefined ? [] : underPath(['silenceReason'], silenceReasonProblems(props.silenceReason))),
    ...alarmSubscriberProblems(props),
  ];
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
    assertValidProps(this, alarmTopicProblems(props));
    const { environment, accountId, region } = props;
    const topicName = props.topicName ?? alarmTopicName(environment);
    const topicArn = snsTopicArn(region, accountId, topicName);

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
          Principal: { AWS: accountRootArn(accountId) },
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
            ArnLike: { 'aws:SourceArn': arn('cloudwatch', region, accountId, `alarm:${environment}-*`) },
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
      ...(props.alarmEmails ?? []).map((endpoint) => ({ protocol: 'email' as const, endpoint })),
      ...(props.alarmSubscriptions ?? []),
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
