import { formatPropPath, InvalidPropsError } from '@ecs-platform/construct-props';
import { Match, Template, testStack } from '@ecs-platform/testing';
import { AlarmTopic, type AlarmTopicProps, subscriptionId } from './alarm-topic';

const base: AlarmTopicProps = {
  environment: 'prod',
  accountId: '456789012345',
  region: 'eu-central-1',
  alarmEmails: ['platform-oncall@acme-corp.com'],
  alarmSubscriptions: [{ protocol: 'https', endpoint: 'https://events.example.com/hooks/alarms' }],
};

function topic(props: Partial<AlarmTopicProps> = {}): Template {
  const stack = testStack();
  new AlarmTopic(stack, 'alarm-topic', { ...base, ...props });
  return Template.fromStack(stack);
}

function problemsOf(props: Partial<AlarmTopicProps>): string[] {
  try {
    topic(props);
  } catch (error) {
    if (error instanceof InvalidPropsError) return error.problems.map((p) => `${formatPropPath(p.path) || '(props)'}: ${p.message}`);
    throw error;
  }
  return [];
}

type Statement = { Sid: string; [key: string]: unknown };
const statements = (policy: string): Statement[] => JSON.parse(policy).Statement;

describe('AlarmTopic', () => {
  it('encrypts the topic with its own rotating key that CloudWatch may use', () => {
    const template = topic();
    template.resourceMatches('aws_sns_topic', 'alarm-topic/topic', {
      name: 'prod-alarms',
      display_name: 'prod alarms',
      kms_master_key_id: template.ref('aws_kms_key', 'alarm-topic/key', 'arn'),
    });
    const key = template.resource('aws_kms_key', 'alarm-topic/key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, description: 'Encrypts the alarm topic prod-alarms' });
    expect(statements(key.policy).find((s) => s.Sid === 'CloudWatchAlarmsPublishEncrypted')).toEqual({
      Sid: 'CloudWatchAlarmsPublishEncrypted',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
    });
    expect(statements(key.policy).find((s) => s.Sid === 'AccountAdministersKey')?.Principal).toEqual({ AWS: 'arn:aws:iam::456789012345:root' });
    template.resourceMatches('aws_kms_alias', 'alarm-topic/key-alias', { name: 'alias/prod-alarms' });
  });

  it("lets only this environment's alarms publish, over TLS", () => {
    const template = topic();
    const policy = template.resource('aws_sns_topic_policy', 'alarm-topic/topic-policy');
    expect(policy.arn).toBe(template.ref('aws_sns_topic', 'alarm-topic/topic', 'arn'));
    expect(statements(policy.policy).find((s) => s.Sid === 'EnvironmentAlarmsPublish')).toEqual({
      Sid: 'EnvironmentAlarmsPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'SNS:Publish',
      Resource: 'arn:aws:sns:eu-central-1:456789012345:prod-alarms',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '456789012345' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:eu-central-1:456789012345:alarm:prod-*' },
      },
    });
    expect(statements(policy.policy).find((s) => s.Sid === 'DenyPublishWithoutTls')).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('takes another topic name for the topic, its key and its alias', () => {
    const template = topic({ topicName: 'prod-pager' });
    template.resourceMatches('aws_sns_topic', 'alarm-topic/topic', { name: 'prod-pager' });
    template.resourceMatches('aws_kms_alias', 'alarm-topic/key-alias', { name: 'alias/prod-pager' });
  });

  it('subscribes every email and subscriber, under ids that survive reordering, and lists them in an output', () => {
    const template = topic();
    const arn = template.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
    expect(template.resources('aws_sns_topic_subscription').map(({ config: { protocol, endpoint, topic_arn } }) => ({ protocol, endpoint, topic_arn }))).toEqual([
      { protocol: 'email', endpoint: 'platform-oncall@acme-corp.com', topic_arn: arn },
      { protocol: 'https', endpoint: 'https://events.example.com/hooks/alarms', topic_arn: arn },
    ]);
    const reordered = topic({ alarmEmails: [], alarmSubscriptions: [...(base.alarmSubscriptions ?? []), { protocol: 'email', endpoint: 'platform-oncall@acme-corp.com' }] });
    const addresses = (t: Template) => t.resources('aws_sns_topic_subscription').map((r) => r.logicalId).sort();
    expect(addresses(reordered)).toEqual(addresses(template));
    template.hasOutput('alarm_subscriptions', {
      value: Match.objectEquals({
        'email:platform-oncall@acme-corp.com': Match.stringLikeRegexp(/\.pending_confirmation}$/),
        'https:https://events.example.com/hooks/alarms': Match.stringLikeRegexp(/\.pending_confirmation}$/),
      }),
    });
  });

  it('names subscriptions by protocol and endpoint, emails without case', () => {
    expect(subscriptionId({ protocol: 'email', endpoint: 'Platform-Oncall@acme-corp.com' })).toBe(subscriptionId({ protocol: 'email', endpoint: 'platform-oncall@acme-corp.com' }));
    expect(subscriptionId({ protocol: 'email', endpoint: 'platform-oncall@acme-corp.com' })).toMatch(/^email-platform-oncall-acme-corp-com-[0-9a-f]{8}$/);
  });

  it('leaves the output out on request', () => {
    expect(topic({ outputs: false }).outputs()).toEqual({});
  });

  describe('tiers', () => {
    const nobody = { alarmEmails: [], alarmSubscriptions: [] };

    it('production (the default) always needs a subscriber, and refuses a silenceReason', () => {
      expect(problemsOf(nobody)).toEqual([
        '(props): production tier needs at least one alarm subscriber (alarmEmails or alarmSubscriptions): alarms nobody receives protect nothing',
      ]);
      expect(problemsOf({ silenceReason: 'a sandbox nobody is on call for' })).toEqual([
        'silenceReason: production tier always needs an alarm subscriber; remove silenceReason',
      ]);
    });

    it('non-production goes without subscribers only with a written reason', () => {
      expect(problemsOf({ ...nobody, tier: 'non-production' })).toEqual([
        '(props): needs an alarm subscriber (alarmEmails or alarmSubscriptions), or a "silenceReason" saying why nobody needs to hear this environment\'s alarms',
      ]);
      const silent = topic({ ...nobody, tier: 'non-production', silenceReason: 'a sandbox nobody is on call for' });
      silent.resourceCountIs('aws_sns_topic_subscription', 0);
      expect(silent.outputs()).toEqual({});
      expect(problemsOf({ tier: 'non-production', silenceReason: 'a sandbox nobody is on call for' })).toEqual([
        'silenceReason: is only for an environment without subscribers; remove it',
      ]);
    });

    it('lets a topic no alarm publishes to yet wait for its subscribers, in any tier', () => {
      expect(problemsOf({ ...nobody, hasAlarms: false })).toEqual([]);
    });
  });

  it('refuses malformed and repeated subscribers and a short silenceReason, all at once', () => {
    expect(
      problemsOf({
        tier: 'non-production',
        alarmEmails: ['ops-at-example.com', 'ops@example.com', 'OPS@example.com'],
        alarmSubscriptions: [
          // A JavaScript caller (or a cast) can pass what the types forbid.
          { protocol: 'http' as 'https', endpoint: 'http://example.com/alarms' },
          { protocol: 'https', endpoint: 'http://example.com/alarms' },
          { protocol: 'sqs', endpoint: 'https://sqs.eu-central-1.amazonaws.com/456789012345/alarms' },
          { protocol: 'sms', endpoint: '015112345678' },
          { protocol: 'email', endpoint: 'ops@example.com' },
        ],
        silenceReason: 'short',
      }),
    ).toEqual([
      'alarmEmails[0]: "ops-at-example.com" must be an email address like ops@example.com',
      'alarmSubscriptions[0].protocol: must be one of "email", "https", "sqs", "lambda", "sms", got the string "http"',
      'alarmSubscriptions[1].endpoint: "http://example.com/alarms" must be an https:// URL for protocol "https"',
      'alarmSubscriptions[2].endpoint: "https://sqs.eu-central-1.amazonaws.com/456789012345/alarms" must be an SQS queue ARN like arn:aws:sqs:eu-west-1:123456789012:alarms for protocol "sqs"',
      'alarmSubscriptions[3].endpoint: "015112345678" must be a phone number in E.164 form like +4915112345678 for protocol "sms"',
      'alarmEmails[2]: "OPS@example.com" is already subscribed by alarmEmails[1]',
      'alarmSubscriptions[4]: "ops@example.com" is already subscribed by alarmEmails[1]',
      'silenceReason: must be at least 10 characters long',
      'silenceReason: is only for an environment without subscribers; remove it',
    ]);
  });
});
