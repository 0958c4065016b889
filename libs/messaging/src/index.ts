export {
  deadLetterRetentionProblems,
  QUEUE_CONSUMER_ACTIONS,
  QUEUE_DEFAULTS,
  QUEUE_LIMITS,
  queueArnProblems,
  queueKmsKeyArnProblems,
  queueNameOfArn,
  queueNameProblems,
  type QueueSettings,
  queueSettingsProblems,
  retentionPeriodProblems,
} from './checks';
export {
  DeadLetterQueue,
  type DeadLetterQueueProps,
  deadLetterQueueProblems,
  existingWorkQueue,
  type IQueue,
  type IWorkQueue,
  WorkQueue,
  type WorkQueueProps,
  workQueueProblems,
} from './queue';
