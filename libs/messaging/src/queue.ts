import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { deadLetterQueueName, sqsQueueUrl } from '@ecs-platform/aws-names';
import { assertValidProps, type PropProblem, propProblem, underPath } from '@ecs-platform/construct-props';
import { policyDocument } from '@ecs-platform/iam-policy';
import { Construct } from 'constructs';
import {
  QUEUE_DEFAULTS,
  QUEUE_LIMITS,
  queueArnProblems,
  queueKmsKeyArnProblems,
  queueNameOfArn,
  queueNameProblems,
  queueSettingsProblems,
  retentionPeriodProblems,
} from './checks';

/** A queue as its consumers and alarms need it. Values may be Terraform tokens. */
export interface IQueue {
  /** The `QueueName` dimension of its CloudWatch metrics. */
  readonly queueName: string;
  readonly queueArn: string;
  /** What SQS clients address it by (`QUEUE_URL` of a queue worker). */
  readonly queueUrl: string;
  /** The customer managed key it is encrypted with: consumers need kms:Decrypt on it. @default none (SSE-SQS) */
  readonly kmsKeyArn?: string;
}

/** A queue with a dead-letter queue: what a queue worker consumes. */
export interface IWorkQueue extends IQueue {
  /** Where messages go after `maxReceiveCount` failed receives: its depth is an alarm. @default none known (an existing queue named without one) */
  readonly deadLetterQueue?: IQueue;
}

/** Encryption at rest of a queue: SSE-SQS, or a customer managed key (SQS-001). */
function encryption(kmsKeyArn: string | undefined, reusePeriod: number): { sqsManagedSseEnabled: true } | { kmsMasterKeyId: string; kmsDataKeyReusePeriodSeconds: number } {
  return kmsKeyArn ? { kmsMasterKeyId: kmsKeyArn, kmsDataKeyReusePeriodSeconds: reusePeriod } : { sqsManagedSseEnabled: true };
}

/** The queue refuses every request that does not arrive over TLS (SQS-003). */
function tlsOnlyPolicy(queueArn: string): string {
  return policyDocument([
    {
      Sid: 'DenyWithoutTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sqs:*',
      Resource: queueArn,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ]);
}

export interface DeadLetterQueueProps {
  /** The queue's name (1 to 80 letters, digits, hyphens, underscores). */
  readonly queueName: string;
  /** Seconds a dead letter is kept, 60 to 1209600. @default 1209600 (14 days, the most SQS allows) */
  readonly messageRetentionPeriod?: number;
  /** Customer managed key to encrypt with. @default SSE-SQS (an SQS owned key) */
  readonly kmsKeyArn?: string;
  /**
   * Queues whose redrive policy may name this one (its redrive allow policy, `byQueue`). A queue
   * that is a dead-letter queue of something else (EventBridge Scheduler's failed invocations)
   * takes none and refuses every source queue (`denyAll`); `allowSourceQueue` adds one later.
   * @default [] (denyAll)
   */
  readonly sourceQueueArns?: readonly string[];
}

/**
 * An encrypted queue that receives what failed elsewhere: a work queue's messages after their
 * last receive, or a schedule's failed invocations. Construct ids: `queue`, `queue-policy`
 * (TLS only), `redrive-allow-policy`.
 */
export class DeadLetterQueue extends Construct implements IQueue {
  readonly queue: SqsQueue;
  readonly queueName: string;
  readonly queueArn: string;
  readonly queueUrl: string;
  readonly kmsKeyArn?: string;
  readonly redriveAllowPolicy: SqsQueueRedriveAllowPolicy;
  private readonly sources: string[];

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    assertValidProps(this, deadLetterQueueProblems(props));
    this.queue = new SqsQueue(this, 'queue', {
      name: props.queueName,
      messageRetentionSeconds: props.messageRetentionPeriod ?? QUEUE_DEFAULTS.deadLetterRetentionPeriod,
      ...encryption(props.kmsKeyArn, QUEUE_DEFAULTS.kmsDataKeyReusePeriod),
    });
    this.queueName = this.queue.name;
    this.queueArn = this.queue.arn;
    this.queueUrl = this.queue.url;
    this.kmsKeyArn = props.kmsKeyArn;
    new SqsQueuePolicy(this, 'queue-policy', { queueUrl: this.queue.url, policy: tlsOnlyPolicy(this.queue.arn) });
    this.sources = [...(props.sourceQueueArns ?? [])];
    // A separate resource, not the queue's own attribute: the source queue's redrive policy
    // names this queue's ARN, and this policy names the source's, which inline would be a cycle.
    this.redriveAllowPolicy = new SqsQueueRedriveAllowPolicy(this, 'redrive-allow-policy', {
      queueUrl: this.queue.url,
      redriveAllowPolicy: this.redriveAllowDocument(),
    });
  }

  /** Lets the queue `queueArn` name this one as its dead-letter queue (at most 10 sources). */
  allowSourceQueue(queueArn: string): void {
    assertValidProps(this, this.sources.length >= 10 ? [propProblem(['allowSourceQueue'], 'a redrive allow policy names at most 10 source queues')] : []);
    this.sources.push(queueArn);
    this.redriveAllowPolicy.redriveAllowPolicy = this.redriveAllowDocument();
  }

  private redriveAllowDocument(): string {
    return JSON.stringify(this.sources.length > 0 ? { redrivePermission: 'byQueue', sourceQueueArns: [...this.sources] } : { redrivePermission: 'denyAll' });
  }
}

export function deadLetterQueueProblems(props: DeadLetterQueueProps): PropProblem[] {
  return [
    ...underPath(['queueName'], queueNameProblems(props.queueName)),
    ...retentionPeriodProblems(['messageRetentionPeriod'], props.messageRetentionPeriod),
    ...(props.kmsKeyArn === undefined ? [] : underPath(['kmsKeyArn'], queueKmsKeyArnProblems(props.kmsKeyArn))),
    // SQS allows up to 10 source queues per redrive allow policy.
    ...((props.sourceQueueArns ?? []).length > 10 ? [propProblem(['sourceQueueArns'], `must list at most 10, got ${(props.sourceQueueArns ?? []).length}`)] : []),
  ];
}

export interface WorkQueueProps {
  /** The queue's name (1 to 80 letters, digits, hyphens, underscores); its dead-letter queue is `<queueName>-dlq`. */
  readonly queueName: string;
  /**
   * Seconds a received message stays invisible to other consumers (VisibilityTimeout), 0 to
   * 43200: longer than a message takes to process, or it is delivered twice. @default 30
   */
  readonly visibilityTimeout?: number;
  /** Seconds SQS keeps a message (MessageRetentionPeriod), 60 to 1209600. @default 345600 (4 days) */
  readonly messageRetentionPeriod?: number;
  /** Long polling: seconds a receive waits for a message (ReceiveMessageWaitTimeSeconds), 0 to 20. @default 20 */
  readonly receiveMessageWaitTime?: number;
  /** Receives of one message before it moves to the dead-letter queue (RedrivePolicy maxReceiveCount), 1 to 1000. @default 5 */
  readonly maxReceiveCount?: number;
  /** Seconds the dead-letter queue keeps a message; longer than `messageRetentionPeriod`. @default 1209600 (14 days) */
  readonly deadLetterRetentionPeriod?: number;
  /** Customer managed key of both queues. @default SSE-SQS */
  readonly kmsKeyArn?: string;
}

/** Every problem of a work queue's props. */
export function workQueueProblems(props: WorkQueueProps): PropProblem[] {
  return [
    ...underPath(['queueName'], queueNameProblems(props.queueName)),
    ...(props.queueName.length > QUEUE_LIMITS.nameLength - 4 && !props.queueName.includes('${')
      ? [propProblem(['queueName'], `must be at most ${QUEUE_LIMITS.nameLength - 4} characters long, so that "<queueName>-dlq" is a queue name too`)]
      : []),
    ...queueSettingsProblems(props),
  ];
}

/**
 * A standard SQS queue for a worker, with its dead-letter queue (the shape of AWS CDK's
 * `sqs.Queue` with `deadLetterQueue`): both encrypted (SSE-SQS or the given key, SQS-001), both
 * refusing requests without TLS (SQS-003), the queue redriving to the dead-letter queue after
 * `maxReceiveCount` receives (SQS-002), the dead-letter queue accepting only this queue's
 * messages (its redrive allow policy). Construct ids: `queue`, `queue-policy`,
 * `dead-letter-queue/...`.
 */
export class WorkQueue extends Construct implements IWorkQueue {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly queueName: string;
  readonly queueArn: string;
  readonly queueUrl: string;
  readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    assertValidProps(this, workQueueProblems(props));
    // The dead-letter queue first: the queue's redrive policy names it; its allow policy (a
    // resource of its own) then names the queue.
    this.deadLetterQueue = new DeadLetterQueue(this, 'dead-letter-queue', {
      queueName: deadLetterQueueName(props.queueName),
      messageRetentionPeriod: props.deadLetterRetentionPeriod ?? QUEUE_DEFAULTS.deadLetterRetentionPeriod,
      kmsKeyArn: props.kmsKeyArn,
    });
    this.queue = new SqsQueue(this, 'queue', {
      name: props.queueName,
      visibilityTimeoutSeconds: props.visibilityTimeout ?? QUEUE_DEFAULTS.visibilityTimeout,
      messageRetentionSeconds: props.messageRetentionPeriod ?? QUEUE_DEFAULTS.messageRetentionPeriod,
      receiveWaitTimeSeconds: props.receiveMessageWaitTime ?? QUEUE_DEFAULTS.receiveMessageWaitTime,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.queueArn, maxReceiveCount: props.maxReceiveCount ?? QUEUE_DEFAULTS.maxReceiveCount }),
      ...encryption(props.kmsKeyArn, QUEUE_DEFAULTS.kmsDataKeyReusePeriod),
    });
    this.queueName = this.queue.name;
    this.queueArn = this.queue.arn;
    this.queueUrl = this.queue.url;
    this.kmsKeyArn = props.kmsKeyArn;
    new SqsQueuePolicy(this, 'queue-policy', { queueUrl: this.queue.url, policy: tlsOnlyPolicy(this.queue.arn) });
    this.deadLetterQueue.allowSourceQueue(this.queue.arn);
  }
}

/** An existing queue, by ARN, for a worker that consumes what another stack (or team) owns. */
export function existingWorkQueue(
  arn: string,
  where: { readonly accountId: string; readonly region: string },
  options: { readonly kmsKeyArn?: string; readonly deadLetterQueueArn?: string } = {},
): IWorkQueue {
  const problems = [
    ...underPath(['arn'], queueArnProblems(arn, where)),
    ...(options.deadLetterQueueArn === undefined ? [] : underPath(['deadLetterQueueArn'], queueArnProblems(options.deadLetterQueueArn, where))),
    ...(options.kmsKeyArn === undefined ? [] : underPath(['kmsKeyArn'], queueKmsKeyArnProblems(options.kmsKeyArn))),
  ];
  if (problems.length > 0) throw new Error(`existing queue ${arn}: ${problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`).join('; ')}`);
  const byArn = (queueArn: string, kmsKeyArn?: string): IQueue => {
    const name = queueNameOfArn(queueArn) as string;
    return { queueName: name, queueArn, queueUrl: sqsQueueUrl(where.region, where.accountId, name), ...(kmsKeyArn ? { kmsKeyArn } : {}) };
  };
  return {
    ...byArn(arn, options.kmsKeyArn),
    ...(options.deadLetterQueueArn ? { deadLetterQueue: byArn(options.deadLetterQueueArn, options.kmsKeyArn) } : {}),
  };
}
