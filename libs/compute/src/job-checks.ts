/**
 * The rules of a scheduled job's props (ScheduledTask), as pure functions: the constructor
 * calls them, and so does the definition loader for `jobs[]`, so both ways in give the same
 * message. Schedule expressions are EventBridge Scheduler's: `cron(...)` with the six fields of
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)` (the same grammar as Application
 * Auto Scaling's, libs/scaling's cronProblem), or `rate(<value> <unit>)`.
 */
import { type PropProblem, propProblem } from '@ecs-platform/construct-props';
import { cronProblem, timeZoneProblems } from '@ecs-platform/scaling';

type Problems = PropProblem[];

/** A scheduled job's retries when a run cannot be started (EventBridge Scheduler's RetryPolicy). */
export interface JobRetryPolicy {
  /** Times Scheduler retries a failed RunTask call, 0 to 185. @default 3 */
  readonly maximumRetryAttempts?: number;
  /** Seconds after the scheduled time Scheduler still tries, 60 to 86400. @default 3600 */
  readonly maximumEventAge?: number;
}

/**
 * Defaults of a job's schedule. AWS's own (185 retries over 24 hours) would start a nightly
 * job in the afternoon after a long outage; three retries within an hour keep a run near its
 * time, and what still fails lands in the dead-letter queue with its alarm.
 */
export const JOB_DEFAULTS = {
  retryPolicy: { maximumRetryAttempts: 3, maximumEventAge: 3600 },
  timezone: 'UTC',
} as const;

export const JOB_LIMITS = {
  maximumRetryAttempts: { min: 0, max: 185 },
  maximumEventAge: { min: 60, max: 86400 },
  /** Schedule names: 1 to 64 letters, digits, hyphens, underscores and dots. */
  scheduleNameLength: 64,
} as const;

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;

/** Why `expression` is not a schedule expression Scheduler accepts for a recurring job, or undefined. */
export function jobScheduleProblem(expression: string): string | undefined {
  const text = expression.trim();
  if (text.startsWith('cron(')) {
    const problem = cronProblem(text);
    return problem?.replace('Application Auto Scaling needs 6', 'EventBridge Scheduler needs 6');
  }
  if (text.startsWith('rate(')) {
    const match = RATE.exec(text);
    if (!match) return `"${expression}" must be a rate expression like "rate(1 day)" or "rate(6 hours)": rate(<value> minute|minutes|hour|hours|day|days)`;
    const value = Number(match[1]);
    const singular = !match[2].endsWith('s');
    if (value < 1) return `"${expression}": the value must be 1 or more`;
    if (value === 1 && !singular) return `"${expression}": a value of 1 takes the singular unit ("rate(1 ${match[2].slice(0, -1)})")`;
    if (value > 1 && singular) return `"${expression}": a value above 1 takes the plural unit ("rate(${value} ${match[2]}s)")`;
    return undefined;
  }
  return `"${expression}" must be a cron(...) or a rate(...) expression, like "cron(0 3 * * ? *)" (03:00 every day) or "rate(6 hours)"`;
}

/**
 * The schedule and its time zone: a cron expression is read in `timezone` (which the definition
 * requires, so that nobody assumes local time by accident); a rate runs at fixed intervals
 * from the schedule's creation, so a time zone would mean nothing there.
 */
export function jobScheduleProblems({ schedule, timezone }: { readonly schedule: string; readonly timezone?: string }, options: { readonly timezoneRequired: boolean }): Problems {
  const problem = jobScheduleProblem(schedule);
  if (problem) return [propProblem(['schedule'], problem)];
  const cron = schedule.trim().startsWith('cron(');
  if (!cron) {
    return timezone === undefined
      ? []
      : [propProblem(['timezone'], 'is only for cron(...) schedules: a rate(...) runs at fixed intervals from when the schedule is created')];
  }
  if (timezone === undefined) {
    return options.timezoneRequired ? [propProblem(['timezone'], 'is required with a cron(...) schedule: an IANA zone like "Europe/Berlin" or "UTC"')] : [];
  }
  return timeZoneProblems(timezone).map((p) => propProblem(['timezone', ...p.path], p.message));
}

function wholeNumberProblems(path: string, value: number | undefined, limits: { readonly min: number; readonly max: number }, unit = ''): Problems {
  if (value === undefined) return [];
  if (!Number.isInteger(value)) return [propProblem([path], `must be a whole number, got number ${value}`)];
  if (value < limits.min || value > limits.max) return [propProblem([path], `must be between ${limits.min} and ${limits.max}${unit}, got ${value}`)];
  return [];
}

export function jobRetryPolicyProblems(policy: JobRetryPolicy): Problems {
  return [
    ...wholeNumberProblems('maximumRetryAttempts', policy.maximumRetryAttempts, JOB_LIMITS.maximumRetryAttempts),
    ...wholeNumberProblems('maximumEventAge', policy.maximumEventAge, JOB_LIMITS.maximumEventAge, ' seconds'),
  ];
}
