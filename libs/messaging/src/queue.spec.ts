import { formatPropPath, InvalidPropsError } from '@ecs-platform/construct-props';
import { Match, Template, testStack } from '@ecs-platform/testing';
import { TerraformOutput } from 'cdktf';
import { ECS_PLATFORM_RULES, evaluateStack, violations } from '@ecs-platform/policy';
import {
  deadLetterRetentionProblems,
  queueArnProblems,
  queueNameOfArn,
  queueSettingsProblems,
} from './checks';
import { DeadLetterQueue, existingWorkQueue, WorkQueue, type WorkQueueProps } from './queue';

/** The problems an InvalidPropsError lists, as `path: message` lines. */
function problemsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof InvalidPropsError) return error.problems.map((p) => `${formatPropPath(p.path) || '(props)'}: ${p.message}`);
    throw error;
  }
  throw new Error('expected InvalidPropsError');
}

function workQueue(overrides: Partial<WorkQueueProps> = {}) {
  const stack = testStack();
  const queue = new WorkQueue(stack, 'orders', { queueName: 'prod-order-worker', ...overrides });
  return { stack, queue, template: () => Template.fromStack(stack) };
}

const TLS_ONLY = (resource: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyWithoutTls', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: resource, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  });

describe('WorkQueue', () => {
  it('makes an encrypted queue with long polling that redrives to its dead-letter queue after 5 receives', () => {
    const { template: synth } = workQueue();
    const template = synth();
    const dlqArn = template.ref('aws_sqs_queue', 'orders/dead-letter-queue/queue', 'arn');
    template.resourceMatches('aws_sqs_queue', 'orders/queue', Match.objectEquals({
      name: 'prod-order-worker',
      visibility_timeout_seconds: 30,
      message_retention_seconds: 345600,
      receive_wait_time_seconds: 20,
      redrive_policy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }),
      sqs_managed_sse_enabled: true,
    }));
    template.resourceMatches('aws_sqs_queue', 'orders/dead-letter-queue/queue', Match.objectEquals({
      name: 'prod-order-worker-dlq',
      message_retention_seconds: 1209600,
      sqs_managed_sse_enabled: true,
    }));
  });

  it('refuses requests without TLS on both queues, and lets only its own queue redrive to the dead-letter queue', () => {
    const template = workQueue().template();
    template.resourceMatches('aws_sqs_queue_policy', 'orders/queue-policy', {
      queue_url: template.ref('aws_sqs_queue', 'orders/queue', 'url'),
      policy: TLS_ONLY(template.ref('aws_sqs_queue', 'orders/queue', 'arn')),
    });
    template.resourceMatches('aws_sqs_queue_policy', 'orders/dead-letter-queue/queue-policy', {
      policy: TLS_ONLY(template.ref('aws_sqs_queue', 'orders/dead-letter-queue/queue', 'arn')),
    });
    template.resourceMatches('aws_sqs_queue_redrive_allow_policy', 'orders/dead-letter-queue/redrive-allow-policy', {
      queue_url: template.ref('aws_sqs_queue', 'orders/dead-letter-queue/queue', 'url'),
      redrive_allow_policy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [template.ref('aws_sqs_queue', 'orders/queue', 'arn')] }),
    });
  });

  it('takes the settings it is given, and a customer managed key for both queues', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const template = workQueue({
      visibilityTimeout: 120,
      messageRetentionPeriod: 86400,
      receiveMessageWaitTime: 5,
      maxReceiveCount: 3,
      deadLetterRetentionPeriod: 604800,
      kmsKeyArn: key,
    }).template();
    template.resourceMatches('aws_sqs_queue', 'orders/queue', {
      visibility_timeout_seconds: 120,
      message_retention_seconds: 86400,
      receive_wait_time_seconds: 5,
      kms_master_key_id: key,
      kms_data_key_reuse_period_seconds: 300,
      sqs_managed_sse_enabled: Match.absent(),
    });
    template.resourceMatches('aws_sqs_queue', 'orders/dead-letter-queue/queue', { message_retention_seconds: 604800, kms_master_key_id: key });
    expect(JSON.parse(template.resource('aws_sqs_queue', 'orders/queue').redrive_policy)).toMatchObject({ maxReceiveCount: 3 });
  });

  it('gives its consumers the name, ARN and URL of the queue and of the dead-letter queue', () => {
    const { stack, queue, template: synth } = workQueue();
    const handles = { name: queue.queueName, arn: queue.queueArn, url: queue.queueUrl, dlq: queue.deadLetterQueue.queueName };
    for (const [name, value] of Object.entries(handles)) new TerraformOutput(stack, name, { value });
    const template = synth();
    expect(Object.fromEntries(Object.entries(template.outputs()).map(([name, output]) => [name, output.value]))).toEqual({
      name: template.ref('aws_sqs_queue', 'orders/queue', 'name'),
      arn: template.ref('aws_sqs_queue', 'orders/queue', 'arn'),
      url: template.ref('aws_sqs_queue', 'orders/queue', 'url'),
      dlq: template.ref('aws_sqs_queue', 'orders/dead-letter-queue/queue', 'name'),
    });
    expect(queue.kmsKeyArn).toBeUndefined();
  });

  it('passes the policy pack: SQS-001 (encryption), SQS-002 (dead-letter queue) and SQS-003 (TLS only)', () => {
    const report = evaluateStack(workQueue().template().json, { stackName: 'test', tier: 'production', rules: ECS_PLATFORM_RULES });
    expect(violations(report).map((finding) => `${finding.rule.id} ${finding.address}`)).toEqual([]);
    const passed = report.rules.filter((rule) => rule.passed.length > 0).map((rule) => rule.rule.id);
    expect(passed).toEqual(expect.arrayContaining(['SQS-001', 'SQS-002', 'SQS-003']));
  });

  it('refuses every bad setting at once, with the prop and the range', () => {
    expect(
      problemsOf(() =>
        workQueue({
          queueName: 'prod orders',
          visibilityTimeout: 43201,
          messageRetentionPeriod: 30,
          receiveMessageWaitTime: 21,
          maxReceiveCount: 0,
          deadLetterRetentionPeriod: 1.5,
          kmsKeyArn: 'alias/orders',
        }),
      ),
    ).toEqual([
      'queueName: "prod orders" must be 1 to 80 letters, digits, hyphens and underscores (an SQS queue name)',
      'visibilityTimeout: must be between 0 and 43200 s, got 43201',
      'messageRetentionPeriod: must be between 60 and 1209600 s, got 30',
      'receiveMessageWaitTime: must be between 0 and 20 s, got 21',
      'maxReceiveCount: must be between 1 and 1000, got 0',
      'deadLetterRetentionPeriod: must be a whole number, got number 1.5',
      'kmsKeyArn: "alias/orders" must be a KMS key ARN like arn:aws:kms:eu-west-1:123456789012:key/<uuid> (not an alias: SQS consumers need kms:Decrypt on the key itself)',
    ]);
  });

  it('refuses a dead-letter queue that keeps messages no longer than the queue', () => {
    expect(problemsOf(() => workQueue({ messageRetentionPeriod: 1209600 }))).toEqual([
      'messageRetentionPeriod: the dead-letter queue keeps messages 1209600 s, not longer than the queue (1209600 s): a dead letter keeps its original enqueue time and would expire before anyone looks at it',
    ]);
    expect(problemsOf(() => workQueue({ deadLetterRetentionPeriod: 345600 }))).toEqual([
      'deadLetterRetentionPeriod: the dead-letter queue keeps messages 345600 s, not longer than the queue (345600 s): a dead letter keeps its original enqueue time and would expire before anyone looks at it',
    ]);
  });

  it('refuses a name whose dead-letter queue name would be too long', () => {
    expect(problemsOf(() => workQueue({ queueName: 'q'.repeat(77) }))).toEqual([
      'queueName: must be at most 76 characters long, so that "<queueName>-dlq" is a queue name too',
    ]);
  });
});

describe('DeadLetterQueue', () => {
  it('refuses every source queue unless told, and keeps messages 14 days', () => {
    const stack = testStack();
    new DeadLetterQueue(stack, 'failed', { queueName: 'prod-cleanup-failed-invocations' });
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_sqs_queue', 'failed/queue', Match.objectEquals({
      name: 'prod-cleanup-failed-invocations',
      message_retention_seconds: 1209600,
      sqs_managed_sse_enabled: true,
    }));
    template.resourceMatches('aws_sqs_queue_redrive_allow_policy', 'failed/redrive-allow-policy', { redrive_allow_policy: '{"redrivePermission":"denyAll"}' });
  });

  it('refuses a bad retention and more than 10 source queues', () => {
    const stack = testStack();
    const sources = Array.from({ length: 11 }, (_, i) => `arn:aws:sqs:eu-west-1:123456789012:q${i}`);
    expect(problemsOf(() => new DeadLetterQueue(stack, 'failed', { queueName: 'x', messageRetentionPeriod: 1209601, sourceQueueArns: sources }))).toEqual([
      'messageRetentionPeriod: must be between 60 and 1209600 s, got 1209601',
      'sourceQueueArns: must list at most 10, got 11',
    ]);
  });
});

describe('an existing queue', () => {
  const where = { accountId: '123456789012', region: 'eu-west-1' };

  it('is addressed by the name and URL its ARN gives', () => {
    expect(existingWorkQueue('arn:aws:sqs:eu-west-1:123456789012:orders', where, { deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq' })).toEqual({
      queueName: 'orders',
      queueArn: 'arn:aws:sqs:eu-west-1:123456789012:orders',
      queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders',
      deadLetterQueue: { queueName: 'orders-dlq', queueArn: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq', queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq' },
    });
    expect(queueNameOfArn('${aws_sqs_queue.q.arn}')).toBeUndefined();
  });

  it('must be an SQS queue ARN of the environment\'s account and region, and not FIFO', () => {
    expect(queueArnProblems('arn:aws:sqs:eu-west-1:210987654321:orders', where).map((p) => p.message)).toEqual([
      "the queue belongs to account 210987654321, not to this environment's account 123456789012 (copied from another environment?)",
    ]);
    expect(queueArnProblems('arn:aws:sqs:us-east-1:123456789012:orders', where).map((p) => p.message)).toEqual([
      "the queue is in us-east-1, not in this environment's region eu-west-1",
    ]);
    expect(queueArnProblems('arn:aws:sqs:eu-west-1:123456789012:orders.fifo', where).map((p) => p.message)).toEqual([
      '"arn:aws:sqs:eu-west-1:123456789012:orders.fifo" must be an SQS queue ARN like arn:aws:sqs:eu-west-1:123456789012:orders (FIFO queues are not supported: their scaling metrics and ordering need a design of their own)',
    ]);
    expect(queueArnProblems('https://sqs.eu-west-1.amazonaws.com/123456789012/orders', where).map((p) => p.message)).toEqual([
      '"https://sqs.eu-west-1.amazonaws.com/123456789012/orders" must be an SQS queue ARN like arn:aws:sqs:eu-west-1:123456789012:orders',
    ]);
    expect(() => existingWorkQueue('arn:aws:sqs:us-east-1:123456789012:orders', where)).toThrow(
      "existing queue arn:aws:sqs:us-east-1:123456789012:orders: arn: the queue is in us-east-1, not in this environment's region eu-west-1",
    );
  });
});

describe('the checks the loader shares', () => {
  it('read the defaults when a setting is left out', () => {
    expect(deadLetterRetentionProblems({})).toEqual([]);
    expect(queueSettingsProblems({ messageRetentionPeriod: 1209599 })).toEqual([]);
  });
});
