/**
 * The rules that guard the queue constructs' props, as pure functions: each returns every
 * problem it finds, with a path relative to what it was given. The constructors call them
 * through `assertValidProps`; the environment-definition loader calls the same functions and
 * moves the paths under the definition's fields (docs/design.md decision 9).
 *
 * Values that are Terraform tokens (a key ARN of the same stack) are known only at apply;
 * checks of their text skip them.
 */
import { type PropPath, type PropProblem, propProblem } from '@ecs-platform/construct-props';

type Problems = PropProblem[];

/** What SQS accepts, in seconds unless said otherwise (SetQueueAttributes, RedrivePolicy). */
export const QUEUE_LIMITS = {
  /** VisibilityTimeout: 0 s to 12 hours. */
  visibilityTimeout: { min: 0, max: 43200 },
  /** MessageRetentionPeriod: 1 minute to 14 days. */
  messageRetentionPeriod: { min: 60, max: 1209600 },
  /** ReceiveMessageWaitTimeSeconds: 0 (short polling) to 20 s. */
  receiveMessageWaitTime: { min: 0, max: 20 },
  /** RedrivePolicy.maxReceiveCount. */
  maxReceiveCount: { min: 1, max: 1000 },
  /** KmsDataKeyReusePeriodSeconds: 1 minute to 24 hours. */
  kmsDataKeyReusePeriod: { min: 60, max: 86400 },
  /** Queue names: 1 to 80 letters, digits, hyphens and underscores. */
  nameLength: 80,
} as const;

/**
 * Defaults of a work queue. Each is SQS's own default except where a worker is better served:
 * long polling (20 s: fewer empty receives, messages as soon as they arrive), a redrive after 5
 * failed receives, and dead letters kept for the longest SQS allows, so that someone can look
 * at them.
 */
export const QUEUE_DEFAULTS = {
  visibilityTimeout: 30,
  messageRetentionPeriod: 345600,
  receiveMessageWaitTime: 20,
  maxReceiveCount: 5,
  deadLetterRetentionPeriod: 1209600,
  kmsDataKeyReusePeriod: 300,
} as const;

/** What a consumer of a queue needs: receive, delete, extend the visibility of what it holds, read the queue's attributes. */
export const QUEUE_CONSUMER_ACTIONS = ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'] as const;

function isUnresolved(value: string): boolean {
  return value.includes('${');
}

function wholeSecondsProblems(path: PropPath, value: number | undefined, limits: { readonly min: number; readonly max: number }, unit = ' s'): Problems {
  if (value === undefined) return [];
  if (!Number.isInteger(value)) return [propProblem(path, `must be a whole number, got number ${value}`)];
  if (value < limits.min || value > limits.max) return [propProblem(path, `must be between ${limits.min} and ${limits.max}${unit}, got ${value}`)];
  return [];
}

/** Seconds SQS keeps a message: 60 to 1209600 (14 days). */
export function retentionPeriodProblems(path: PropPath, seconds: number | undefined): Problems {
  return wholeSecondsProblems(path, seconds, QUEUE_LIMITS.messageRetentionPeriod);
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** A standard queue's name: what SQS accepts. */
export function queueNameProblems(name: string): Problems {
  if (isUnresolved(name)) return [];
  if (QUEUE_NAME.test(name)) return [];
  return [propProblem([], `"${name}" must be 1 to ${QUEUE_LIMITS.nameLength} letters, digits, hyphens and underscores (an SQS queue name)`)];
}

const KMS_KEY_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/(?:mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/;

export function queueKmsKeyArnProblems(arn: string): Problems {
  if (isUnresolved(arn) || KMS_KEY_ARN.test(arn)) return [];
  return [propProblem([], `"${arn}" must be a KMS key ARN like arn:aws:kms:eu-west-1:123456789012:key/<uuid> (not an alias: SQS consumers need kms:Decrypt on the key itself)`)];
}

const QUEUE_ARN = /^arn:aws:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,80})$/;

/**
 * An existing queue a worker consumes: an SQS queue ARN of the worker's own account and region
 * (the task role's grant and the scaling metrics are regional and of one account).
 */
export function queueArnProblems(arn: string, where: { readonly accountId: string; readonly region: string }): Problems {
  if (isUnresolved(arn)) return [];
  const match = QUEUE_ARN.exec(arn);
  if (!match) {
    const fifo = /\.fifo$/.test(arn) ? ' (FIFO queues are not supported: their scaling metrics and ordering need a design of their own)' : '';
    return [propProblem([], `"${arn}" must be an SQS queue ARN like arn:aws:sqs:eu-west-1:123456789012:orders${fifo}`)];
  }
  const [, region, accountId] = match;
  if (accountId !== where.accountId) {
    return [propProblem([], `the queue belongs to account ${accountId}, not to this environment's account ${where.accountId} (copied from another environment?)`)];
  }
  if (region !== where.region) return [propProblem([], `the queue is in ${region}, not in this environment's region ${where.region}`)];
  return [];
}

/** The name in an SQS queue ARN (its last field), or undefined for a token or no queue ARN. */
export function queueNameOfArn(arn: string): string | undefined {
  return QUEUE_ARN.exec(arn)?.[3];
}

/** What `workQueueProblems` reads: a work queue's settings, as `WorkQueueProps` names them. */
export interface QueueSettings {
  readonly visibilityTimeout?: number;
  readonly messageRetentionPeriod?: number;
  readonly receiveMessageWaitTime?: number;
  readonly maxReceiveCount?: number;
  readonly deadLetterRetentionPeriod?: number;
  readonly kmsKeyArn?: string;
}

/** A work queue's settings: SQS's ranges, and dead letters that outlive the messages they were. */
export function queueSettingsProblems(settings: QueueSettings): Problems {
  const problems: Problems = [
    ...wholeSecondsProblems(['visibilityTimeout'], settings.visibilityTimeout, QUEUE_LIMITS.visibilityTimeout),
    ...wholeSecondsProblems(['messageRetentionPeriod'], settings.messageRetentionPeriod, QUEUE_LIMITS.messageRetentionPeriod),
    ...wholeSecondsProblems(['receiveMessageWaitTime'], settings.receiveMessageWaitTime, QUEUE_LIMITS.receiveMessageWaitTime),
    ...wholeSecondsProblems(['maxReceiveCount'], settings.maxReceiveCount, QUEUE_LIMITS.maxReceiveCount, ''),
    ...wholeSecondsProblems(['deadLetterRetentionPeriod'], settings.deadLetterRetentionPeriod, QUEUE_LIMITS.messageRetentionPeriod),
    ...(settings.kmsKeyArn === undefined ? [] : queueKmsKeyArnProblems(settings.kmsKeyArn).map((problem) => propProblem(['kmsKeyArn'], problem.message))),
  ];
  if (problems.length > 0) return problems;
  return deadLetterRetentionProblems(settings);
}

/**
 * A message moved to a standard queue's dead-letter queue keeps its original enqueue time, so
 * the dead-letter queue must keep messages longer than the queue did, or dead letters expire
 * before anyone looks at them (SQS developer guide, dead-letter queues).
 */
export function deadLetterRetentionProblems(settings: Pick<QueueSettings, 'messageRetentionPeriod' | 'deadLetterRetentionPeriod'>): Problems {
  const retention = settings.messageRetentionPeriod ?? QUEUE_DEFAULTS.messageRetentionPeriod;
  const deadLetters = settings.deadLetterRetentionPeriod ?? QUEUE_DEFAULTS.deadLetterRetentionPeriod;
  if (deadLetters > retention) return [];
  const path = settings.deadLetterRetentionPeriod !== undefined ? 'deadLetterRetentionPeriod' : 'messageRetentionPeriod';
  return [
    propProblem(
      [path],
      `the dead-letter queue keeps messages ${deadLetters} s, not longer than the queue (${retention} s): a dead letter keeps its original enqueue time and would expire before anyone looks at it`,
    ),
  ];
}
