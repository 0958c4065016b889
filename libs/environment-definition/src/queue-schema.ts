/**
 * `services[].queue`: a worker bound to an SQS queue (a queue worker, docs/service-patterns.md).
 * The rules are libs/messaging's (the queue) and libs/scaling's (the backlog target, the alarm
 * age), the functions their constructs run; a few that combine the definition's fields live
 * here. `environment-schema.ts` composes them.
 */
import { arnLocation } from '@ecs-platform/aws-names';
import type { PropProblem } from '@ecs-platform/construct-props';
import { QUEUE_DEFAULTS, queueArnProblems, queueKmsKeyArnProblems, queueSettingsProblems } from '@ecs-platform/messaging';
import { BACKLOG_LIMITS, backlogTargetProblems, maxMessageAgeProblems } from '@ecs-platform/scaling';
import type { QueueBinding, ServiceDefinition } from './definition';
import { type FieldPath, integer, number, object, optional, refine, type Report, type Schema, string } from './schema';

/** The variable a queue worker's container finds its queue's URL in. */
export const QUEUE_URL_VARIABLE = 'QUEUE_URL';

function reportAll(report: Report, path: FieldPath, problems: readonly PropProblem[]): void {
  for (const problem of problems) report([...path, ...problem.path], problem.message);
}

const seconds = () => integer();

const queueCreation = object(
  {
    visibilityTimeout: optional(seconds()),
    messageRetentionPeriod: optional(seconds()),
    receiveMessageWaitTime: optional(seconds()),
    maxReceiveCount: optional(integer()),
    deadLetterRetentionPeriod: optional(seconds()),
  },
  [
    refine(['visibilityTimeout', 'messageRetentionPeriod', 'receiveMessageWaitTime', 'maxReceiveCount', 'deadLetterRetentionPeriod'], (settings, report) =>
      reportAll(report, [], queueSettingsProblems(settings)),
    ),
  ],
);

/** The schema of `services[].queue`. */
export const queueSchema: Schema<QueueBinding> = object(
  {
    create: optional(queueCreation),
    arn: optional(string()),
    deadLetterQueueArn: optional(string()),
    kmsKeyArn: optional(string()),
    acceptableLatency: optional(number()),
    secondsPerMessage: optional(number()),
    targetBacklogPerTask: optional(number()),
    maxMessageAge: optional(number()),
  },
  [
    refine(['create', 'arn'], ({ create, arn }, report) => {
      if (create && arn) report(['arn'], 'is an existing queue and "create" makes a new one: give one of the two');
      if (!create && !arn) report([], 'needs "create" (the platform makes the queue and its dead-letter queue) or "arn" (an existing queue)');
    }),
    refine(['arn', 'deadLetterQueueArn'], ({ arn, deadLetterQueueArn }, report) => {
      if (deadLetterQueueArn && !arn) {
        report(['deadLetterQueueArn'], 'is only for an existing queue ("arn"): a queue the platform creates has its own dead-letter queue');
      }
    }),
    refine(['kmsKeyArn'], ({ kmsKeyArn }, report) => {
      if (kmsKeyArn !== undefined) reportAll(report, ['kmsKeyArn'], queueKmsKeyArnProblems(kmsKeyArn));
    }),
    refine(['acceptableLatency', 'secondsPerMessage', 'targetBacklogPerTask'], (queue, report) => reportAll(report, [], backlogTargetProblems(queue))),
    refine(['maxMessageAge'], ({ maxMessageAge }, report) => {
      if (maxMessageAge !== undefined) reportAll(report, ['maxMessageAge'], maxMessageAgeProblems(maxMessageAge));
    }),
    refine(['create', 'secondsPerMessage'], ({ create, secondsPerMessage }, report) => {
      // Only a time per message the target's rules accept (they report the others).
      if (!create || secondsPerMessage === undefined || secondsPerMessage <= 0 || secondsPerMessage > BACKLOG_LIMITS.secondsPerMessage.max) return;
      const visibility = create.visibilityTimeout ?? QUEUE_DEFAULTS.visibilityTimeout;
      if (visibility < secondsPerMessage) {
        report(
          ['create', 'visibilityTimeout'],
          `${visibility} s is shorter than secondsPerMessage (${secondsPerMessage} s): a message would become visible again, and be processed twice, while a task still works on it`,
        );
      }
    }),
  ],
);

type QueueServiceFields = Partial<Pick<ServiceDefinition, 'kind' | 'queue' | 'minCount' | 'maxCount' | 'environment' | 'secrets'>>;

/** A queue belongs to a worker, which scales between its counts, and whose queue URL the platform sets. */
export function checkServiceQueue(svc: QueueServiceFields, report: Report): void {
  const { queue } = svc;
  if (!queue) return;
  const kind = svc.kind ?? 'web';
  if (kind !== 'worker') report(['queue'], `is only for workers (kind: worker): a queue worker has no port and scales on its queue; this service is kind ${kind}`);
  if (svc.minCount !== undefined && svc.minCount === svc.maxCount) {
    report(['maxCount'], `equals minCount (${svc.minCount}): a queue worker scales on its backlog between the two; raise maxCount`);
  }
  for (const field of ['environment', 'secrets'] as const) {
    if (svc[field] && QUEUE_URL_VARIABLE in (svc[field] ?? {})) {
      report([field, QUEUE_URL_VARIABLE], "is the queue worker's queue URL, which the platform sets from its queue; remove it");
    }
  }
}

/** An existing queue, its dead-letter queue and the key are of the environment's own account (and region). */
export function checkQueueLocations(
  where: { readonly accountId: string; readonly region: string },
  services: readonly Pick<ServiceDefinition, 'queue'>[],
  report: Report,
): void {
  services.forEach((svc, i) => {
    const queue = svc.queue;
    if (!queue) return;
    const at: FieldPath = ['services', i, 'queue'];
    if (queue.arn) reportAll(report, [...at, 'arn'], queueArnProblems(queue.arn, where));
    if (queue.deadLetterQueueArn) reportAll(report, [...at, 'deadLetterQueueArn'], queueArnProblems(queue.deadLetterQueueArn, where));
    const keyAccount = queue.kmsKeyArn ? arnLocation(queue.kmsKeyArn)?.accountId : undefined;
    if (keyAccount && keyAccount !== where.accountId) {
      report([...at, 'kmsKeyArn'], `the key belongs to account ${keyAccount}, not to this environment's account ${where.accountId} (copied from another environment?)`);
    }
  });
}
