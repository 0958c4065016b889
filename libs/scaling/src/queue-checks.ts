/**
 * The rules of a queue worker's scaling and alarms, as pure functions: `ServiceScaling.
 * scaleOnBacklogPerTask` and `QueueAlarms` call them, and so does the definition loader for
 * `services[].queue`, so both paths give the same message.
 *
 * The target follows AWS's "scaling based on Amazon SQS": the backlog per task a service may
 * carry is the longest acceptable latency divided by the time one message takes, so that a
 * message that arrives behind a full backlog is still processed within the latency.
 */
import { type PropProblem, propProblem } from '@ecs-platform/construct-props';
import { Token } from 'cdktf';

/** What the backlog target is derived from; either the target itself, or the latency and the time per message. */
export interface BacklogTargetInput {
  /** Messages per running task to keep. @default acceptableLatency / secondsPerMessage */
  readonly targetBacklogPerTask?: number;
  /** Longest a message may wait before a task takes it, in seconds (whole, 1 to 86400). */
  readonly acceptableLatency?: number;
  /** Seconds one task takes for one message, on average (above 0, at most 43200). */
  readonly secondsPerMessage?: number;
}

export const BACKLOG_LIMITS = {
  /** Whole seconds: up to a day. */
  acceptableLatency: { min: 1, max: 86400 },
  /** Seconds: a message processed longer than SQS's longest visibility timeout (12 h) comes back anyway. */
  secondsPerMessage: { max: 43200 },
  /** Messages per task. */
  targetBacklogPerTask: { max: 1000000 },
} as const;

/**
 * The oldest-message alarm fires at twice the acceptable latency (a backlog at the target is
 * about `acceptableLatency` old; twice that leaves a scale-out time to catch up), or after 15
 * minutes when no latency is given; a worker that may scale to zero gets 5 minutes more, the
 * time its first task needs to be woken and started.
 */
export const QUEUE_ALARM_DEFAULTS = {
  latencyFactor: 2,
  maxMessageAgeWithoutLatency: 900,
  wakeUpAllowance: 300,
} as const;

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string "${value}"`;
  return `${typeof value} ${String(value)}`;
}

function known(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && !Token.isUnresolved(value);
}

function positiveNumberProblems(path: string, value: number | undefined, max: number): PropProblem[] {
  if (value === undefined || Token.isUnresolved(value)) return [];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return [propProblem([path], `must be a number greater than 0, got ${describe(value)}`)];
  if (value > max) return [propProblem([path], `must be at most ${max}, got ${value}`)];
  return [];
}

/**
 * The target must be given one way: `targetBacklogPerTask`, or `acceptableLatency` with
 * `secondsPerMessage`; and a latency shorter than one message takes cannot be met.
 */
export function backlogTargetProblems(input: BacklogTargetInput): PropProblem[] {
  const { targetBacklogPerTask: target, acceptableLatency: latency, secondsPerMessage: perMessage } = input;
  const problems: PropProblem[] = [
    ...positiveNumberProblems('targetBacklogPerTask', target, BACKLOG_LIMITS.targetBacklogPerTask.max),
    ...positiveNumberProblems('secondsPerMessage', perMessage, BACKLOG_LIMITS.secondsPerMessage.max),
  ];
  if (latency !== undefined && !Token.isUnresolved(latency)) {
    const { min, max } = BACKLOG_LIMITS.acceptableLatency;
    if (typeof latency !== 'number' || !Number.isInteger(latency)) problems.push(propProblem(['acceptableLatency'], `must be a whole number of seconds, got ${describe(latency)}`));
    else if (latency < min || latency > max) problems.push(propProblem(['acceptableLatency'], `must be between ${min} and ${max} seconds, got ${latency}`));
  }
  if (problems.length > 0) return problems;
  if (target !== undefined) {
    return latency !== undefined || perMessage !== undefined
      ? [propProblem(['targetBacklogPerTask'], 'give either targetBacklogPerTask or acceptableLatency with secondsPerMessage, not both')]
      : [];
  }
  if (latency === undefined && perMessage === undefined) {
    return [
      propProblem(
        [],
        'needs targetBacklogPerTask, or acceptableLatency and secondsPerMessage to derive it (targetBacklogPerTask = acceptableLatency / secondsPerMessage)',
      ),
    ];
  }
  if (perMessage === undefined) return [propProblem(['secondsPerMessage'], 'is required with acceptableLatency: the target is acceptableLatency / secondsPerMessage messages per task')];
  if (latency === undefined) return [propProblem(['acceptableLatency'], 'is required with secondsPerMessage: the target is acceptableLatency / secondsPerMessage messages per task')];
  if (known(latency) && known(perMessage) && latency < perMessage) {
    return [propProblem(['acceptableLatency'], `${latency} s is shorter than one message takes (secondsPerMessage ${perMessage} s): no number of tasks could meet it`)];
  }
  return [];
}

/**
 * The backlog per task to keep: `targetBacklogPerTask`, else `acceptableLatency /
 * secondsPerMessage`, rounded down to two decimals (scaling out a little early rather than late).
 * Call it on input `backlogTargetProblems` accepts.
 */
export function backlogPerTaskTarget(input: BacklogTargetInput): number {
  if (input.targetBacklogPerTask !== undefined) return input.targetBacklogPerTask;
  const latency = input.acceptableLatency as number;
  const perMessage = input.secondsPerMessage as number;
  return Math.floor((latency / perMessage) * 100) / 100;
}

/** The age of the oldest message that raises the alarm, in seconds (QUEUE_ALARM_DEFAULTS). */
export function oldestMessageAlarmAge(input: { readonly acceptableLatency?: number; readonly scalesToZero: boolean }): number {
  const base = input.acceptableLatency !== undefined ? QUEUE_ALARM_DEFAULTS.latencyFactor * input.acceptableLatency : QUEUE_ALARM_DEFAULTS.maxMessageAgeWithoutLatency;
  return base + (input.scalesToZero ? QUEUE_ALARM_DEFAULTS.wakeUpAllowance : 0);
}

/** An alarm age: whole seconds, 60 (SQS publishes once a minute) to 1209600 (the longest a message lives). */
export function maxMessageAgeProblems(seconds: number): PropProblem[] {
  if (Token.isUnresolved(seconds)) return [];
  if (typeof seconds !== 'number' || !Number.isInteger(seconds)) return [propProblem([], `must be a whole number of seconds, got ${describe(seconds)}`)];
  if (seconds < 60 || seconds > 1209600) return [propProblem([], `must be between 60 and 1209600 seconds, got ${seconds}`)];
  return [];
}
