import { problemsAfter, validateChanged } from './test-fixtures';

// services[].queue: a worker bound to an SQS queue (docs/service-patterns.md). Every rule's message, exactly.
const KEY = 'arn:aws:kms:eu-central-1:456789012345:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function queueWorker(queue: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'order-worker',
    kind: 'worker',
    image: { repository: 'sample-service', tag: '1.2.3' },
    command: ['node', 'src/worker.js'],
    cpu: 256,
    memory: 512,
    desiredCount: 1,
    minCount: 0,
    maxCount: 6,
    containerHealthCheck: { command: ['CMD-SHELL', 'test -f /tmp/heartbeat'] },
    queue,
    ...overrides,
  };
}

const withWorker = (queue: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
  problemsAfter((d) => d.services.push(queueWorker(queue, overrides)));

describe('services[].queue', () => {
  it('accepts a created queue with every setting, and an existing one with its dead-letter queue and key', () => {
    const created = validateChanged((d) =>
      d.services.push(
        queueWorker({
          create: { visibilityTimeout: 60, messageRetentionPeriod: 86400, receiveMessageWaitTime: 10, maxReceiveCount: 3, deadLetterRetentionPeriod: 1209600 },
          kmsKeyArn: KEY,
          acceptableLatency: 300,
          secondsPerMessage: 2,
          maxMessageAge: 900,
        }),
      ),
    );
    expect(created.ok ? [] : created.problems).toEqual([]);
    const existing = validateChanged((d) =>
      d.services.push(
        queueWorker({
          arn: 'arn:aws:sqs:eu-central-1:456789012345:orders',
          deadLetterQueueArn: 'arn:aws:sqs:eu-central-1:456789012345:orders-dlq',
          targetBacklogPerTask: 50,
        }),
      ),
    );
    expect(existing.ok ? existing.value.services[1].queue : existing.problems).toEqual({
      arn: 'arn:aws:sqs:eu-central-1:456789012345:orders',
      deadLetterQueueArn: 'arn:aws:sqs:eu-central-1:456789012345:orders-dlq',
      targetBacklogPerTask: 50,
    });
  });

  it('needs exactly one of create and arn', () => {
    expect(withWorker({ targetBacklogPerTask: 10 })).toEqual([
      'services[1].queue: needs "create" (the platform makes the queue and its dead-letter queue) or "arn" (an existing queue)',
    ]);
    expect(withWorker({ create: {}, arn: 'arn:aws:sqs:eu-central-1:456789012345:orders', targetBacklogPerTask: 10 })).toEqual([
      'services[1].queue.arn: is an existing queue and "create" makes a new one: give one of the two',
    ]);
  });

  it('takes a dead-letter queue ARN only with an existing queue', () => {
    expect(withWorker({ create: {}, deadLetterQueueArn: 'arn:aws:sqs:eu-central-1:456789012345:orders-dlq', targetBacklogPerTask: 10 })).toEqual([
      'services[1].queue.deadLetterQueueArn: is only for an existing queue ("arn"): a queue the platform creates has its own dead-letter queue',
    ]);
  });

  it('checks the settings of a created queue against what SQS accepts', () => {
    expect(
      withWorker({
        create: { visibilityTimeout: 43201, messageRetentionPeriod: 30, receiveMessageWaitTime: 21, maxReceiveCount: 0, deadLetterRetentionPeriod: 2000000 },
        targetBacklogPerTask: 10,
      }),
    ).toEqual([
      'services[1].queue.create.visibilityTimeout: must be between 0 and 43200 s, got 43201',
      'services[1].queue.create.messageRetentionPeriod: must be between 60 and 1209600 s, got 30',
      'services[1].queue.create.receiveMessageWaitTime: must be between 0 and 20 s, got 21',
      'services[1].queue.create.maxReceiveCount: must be between 1 and 1000, got 0',
      'services[1].queue.create.deadLetterRetentionPeriod: must be between 60 and 1209600 s, got 2000000',
    ]);
    expect(withWorker({ create: { visibilityTimeout: 1.5 }, targetBacklogPerTask: 10 })).toEqual([
      'services[1].queue.create.visibilityTimeout: must be a whole number, got number 1.5',
    ]);
  });

  it('keeps dead letters longer than the messages they were', () => {
    expect(withWorker({ create: { messageRetentionPeriod: 1209600 }, targetBacklogPerTask: 10 })).toEqual([
      'services[1].queue.create.messageRetentionPeriod: the dead-letter queue keeps messages 1209600 s, not longer than the queue (1209600 s): a dead letter keeps its original enqueue time and would expire before anyone looks at it',
    ]);
    expect(withWorker({ create: { deadLetterRetentionPeriod: 86400 }, targetBacklogPerTask: 10 })).toEqual([
      'services[1].queue.create.deadLetterRetentionPeriod: the dead-letter queue keeps messages 86400 s, not longer than the queue (345600 s): a dead letter keeps its original enqueue time and would expire before anyone looks at it',
    ]);
  });

  it('refuses a visibility timeout shorter than a message takes', () => {
    expect(withWorker({ create: {}, acceptableLatency: 600, secondsPerMessage: 45 })).toEqual([
      'services[1].queue.create.visibilityTimeout: 30 s is shorter than secondsPerMessage (45 s): a message would become visible again, and be processed twice, while a task still works on it',
    ]);
  });

  it('derives the backlog target one way only', () => {
    expect(withWorker({ create: {} })).toEqual([
      'services[1].queue: needs targetBacklogPerTask, or acceptableLatency and secondsPerMessage to derive it (targetBacklogPerTask = acceptableLatency / secondsPerMessage)',
    ]);
    expect(withWorker({ create: {}, targetBacklogPerTask: 10, acceptableLatency: 60, secondsPerMessage: 1 })).toEqual([
      'services[1].queue.targetBacklogPerTask: give either targetBacklogPerTask or acceptableLatency with secondsPerMessage, not both',
    ]);
    expect(withWorker({ create: {}, acceptableLatency: 60 })).toEqual([
      'services[1].queue.secondsPerMessage: is required with acceptableLatency: the target is acceptableLatency / secondsPerMessage messages per task',
    ]);
    expect(withWorker({ create: {}, secondsPerMessage: 1 })).toEqual([
      'services[1].queue.acceptableLatency: is required with secondsPerMessage: the target is acceptableLatency / secondsPerMessage messages per task',
    ]);
    expect(withWorker({ create: {}, acceptableLatency: 5, secondsPerMessage: 12 })).toEqual([
      'services[1].queue.acceptableLatency: 5 s is shorter than one message takes (secondsPerMessage 12 s): no number of tasks could meet it',
    ]);
  });

  it('checks the numbers of the target and the alarm age', () => {
    expect(withWorker({ create: {}, acceptableLatency: 90.5, secondsPerMessage: -1, maxMessageAge: 30 })).toEqual([
      'services[1].queue.secondsPerMessage: must be a number greater than 0, got number -1',
      'services[1].queue.acceptableLatency: must be a whole number of seconds, got number 90.5',
      'services[1].queue.maxMessageAge: must be between 60 and 1209600 seconds, got 30',
    ]);
    expect(withWorker({ create: {}, acceptableLatency: 86401, secondsPerMessage: 43201, targetBacklogPerTask: 0 })).toEqual([
      'services[1].queue.targetBacklogPerTask: must be a number greater than 0, got number 0',
      'services[1].queue.secondsPerMessage: must be at most 43200, got 43201',
      'services[1].queue.acceptableLatency: must be between 1 and 86400 seconds, got 86401',
    ]);
    expect(withWorker({ create: {}, targetBacklogPerTask: 'ten' })).toEqual(['services[1].queue.targetBacklogPerTask: must be a number, got the string "ten"']);
    expect(withWorker({ create: {}, targetBacklogPerTask: 10, maxMessageAge: 90.5 })).toEqual([
      'services[1].queue.maxMessageAge: must be a whole number of seconds, got number 90.5',
    ]);
  });

  it('refuses a key that is not a key ARN, or of another account', () => {
    expect(withWorker({ create: {}, targetBacklogPerTask: 10, kmsKeyArn: 'alias/orders' })).toEqual([
      'services[1].queue.kmsKeyArn: "alias/orders" must be a KMS key ARN like arn:aws:kms:eu-west-1:123456789012:key/<uuid> (not an alias: SQS consumers need kms:Decrypt on the key itself)',
    ]);
    expect(withWorker({ create: {}, targetBacklogPerTask: 10, kmsKeyArn: KEY.replace('456789012345', '345678901234') })).toEqual([
      "services[1].queue.kmsKeyArn: the key belongs to account 345678901234, not to this environment's account 456789012345 (copied from another environment?)",
    ]);
  });

  it('takes an existing queue only of the environment\'s account and region', () => {
    expect(
      withWorker({
        arn: 'arn:aws:sqs:eu-central-1:345678901234:orders',
        deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:456789012345:orders-dlq',
        targetBacklogPerTask: 10,
      }),
    ).toEqual([
      "services[1].queue.arn: the queue belongs to account 345678901234, not to this environment's account 456789012345 (copied from another environment?)",
      "services[1].queue.deadLetterQueueArn: the queue is in eu-west-1, not in this environment's region eu-central-1",
    ]);
    expect(withWorker({ arn: 'https://sqs.eu-central-1.amazonaws.com/456789012345/orders', targetBacklogPerTask: 10 })).toEqual([
      'services[1].queue.arn: "https://sqs.eu-central-1.amazonaws.com/456789012345/orders" must be an SQS queue ARN like arn:aws:sqs:eu-west-1:123456789012:orders',
    ]);
  });

  it('belongs to a worker that has room to scale and whose queue URL the platform sets', () => {
    expect(
      problemsAfter((d) => {
        d.services[0].queue = { create: {}, targetBacklogPerTask: 10 };
      }),
    ).toEqual(['services[0].queue: is only for workers (kind: worker): a queue worker has no port and scales on its queue; this service is kind web']);
    expect(withWorker({ create: {}, targetBacklogPerTask: 10 }, { minCount: 2, maxCount: 2, desiredCount: 2 })).toEqual([
      'services[1].maxCount: equals minCount (2): a queue worker scales on its backlog between the two; raise maxCount',
    ]);
    expect(
      withWorker(
        { create: {}, targetBacklogPerTask: 10 },
        { environment: { QUEUE_URL: 'https://example.com' }, secrets: { QUEUE_URL: 'arn:aws:ssm:eu-central-1:456789012345:parameter/prod/queue-url' } },
      ),
    ).toEqual([
      "services[1].environment.QUEUE_URL: is the queue worker's queue URL, which the platform sets from its queue; remove it",
      "services[1].secrets.QUEUE_URL: is the queue worker's queue URL, which the platform sets from its queue; remove it",
      'services[1].environment.QUEUE_URL: is also a secret; give it once, in "secrets"',
    ]);
  });

  it('knows its fields', () => {
    expect(withWorker({ create: { visibilityTimout: 60 }, targetBacklogPerTask: 10 })).toEqual([
      'services[1].queue.create.visibilityTimout: unknown field (did you mean "visibilityTimeout"?)',
    ]);
  });
});
