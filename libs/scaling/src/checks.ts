/**
 * The rules that guard the scaling constructs' input, as pure functions returning every
 * problem they find. `ServiceScaling` calls them through `assertValidProps`; the
 * environment-definition loader calls the same functions for `services[].scaling`, so both
 * paths give the same message (the YAML path adds file, line and field). No provider imports.
 *
 * Where a message names a field, the check takes the field names (`CAPACITY_PROPS` for the
 * constructs' `minCapacity`/`maxCapacity`; the loader passes its `minCount`/`maxCount`).
 */
import { type PropProblem, propProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import { Token } from 'cdktf';

/** Defaults of the optional target tracking settings. */
export const SCALING_DEFAULTS = {
  /** Seconds: scale out again soon, the next step sees the capacity just added. */
  scaleOutCooldown: 60,
  /** Seconds: remove capacity slowly, a dip in load is often followed by a rise. */
  scaleInCooldown: 300,
} as const;

/** Cooldowns above an hour would leave a service wrongly sized for hours; we refuse them. */
export const MAX_COOLDOWN_SECONDS = 3600;

/** Utilisation targets (CPU, memory) in percent: below 10 wastes, above 90 leaves no headroom for a burst. */
export const TARGET_UTILIZATION_PERCENT = { min: 10, max: 90 } as const;

/** ALB requests per target per minute. */
export const REQUESTS_PER_TARGET = { min: 1, max: 100000 } as const;

/** Task counts a scalable target or a schedule may set. */
export const TASK_COUNT = { min: 0, max: 1000 } as const;

/** Names of schedules and custom metric policies: they end the AWS name and the construct id. */
export const SCALING_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;

/** Statistics a customized metric of a target tracking policy may use. */
export const METRIC_STATISTICS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'] as const;
export type MetricStatistic = (typeof METRIC_STATISTICS)[number];

/** The names the messages use for a minimum and a maximum task count. */
export interface CapacityNames {
  readonly min: string;
  readonly max: string;
}

/** The constructs' names: `minCapacity` and `maxCapacity`, as Application Auto Scaling calls them. */
export const CAPACITY_PROPS: CapacityNames = { min: 'minCapacity', max: 'maxCapacity' };

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${value}"`;
  return `${typeof value} ${String(value)}`;
}

function inBounds(value: number, bounds: Bounds): PropProblem[] {
  if (value >= bounds.min && value <= bounds.max) return [];
  return [propProblem([], `must be between ${bounds.min} and ${bounds.max}${bounds.unit ? ` ${bounds.unit}` : ''}, got ${value}`)];
}

/** A whole number within `bounds`; a Terraform token is not checked (its value is not known yet). */
export function wholeNumberProblems(value: number, bounds: Bounds): PropProblem[] {
  if (Token.isUnresolved(value)) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) return [propProblem([], `must be a whole number, got ${describe(value)}`)];
  return inBounds(value, bounds);
}

function known(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && !Token.isUnresolved(value);
}

// ---------------------------------------------------------------------------------------
// target tracking

/** A CPU or memory utilisation target, percent. */
export function targetUtilizationProblems(percent: number): PropProblem[] {
  return wholeNumberProblems(percent, { ...TARGET_UTILIZATION_PERCENT, unit: 'percent' });
}

/** ALB requests per target per minute. */
export function requestsPerTargetProblems(requests: number): PropProblem[] {
  return wholeNumberProblems(requests, { ...REQUESTS_PER_TARGET, unit: 'requests per target per minute' });
}

/** A scale-in or scale-out cooldown, whole seconds. */
export function cooldownProblems(seconds: number): PropProblem[] {
  return wholeNumberProblems(seconds, { min: 0, max: MAX_COOLDOWN_SECONDS, unit: 'seconds' });
}

/** The settings every target tracking policy shares. */
export interface TargetTrackingOptions {
  /**
   * Seconds after a scale-in before the policy may scale in again; 0 to MAX_COOLDOWN_SECONDS.
   * @default 300 (SCALING_DEFAULTS.scaleInCooldown)
   */
  readonly scaleInCooldown?: number;
  /**
   * Seconds after a scale-out before the policy may scale out again; 0 to MAX_COOLDOWN_SECONDS.
   * @default 60 (SCALING_DEFAULTS.scaleOutCooldown)
   */
  readonly scaleOutCooldown?: number;
  /** The policy only adds tasks; others (or a schedule) bring the count back down. @default false */
  readonly disableScaleIn?: boolean;
}

export function targetTrackingOptionProblems(options: TargetTrackingOptions): PropProblem[] {
  return [
    ...(options.scaleInCooldown === undefined ? [] : underPath(['scaleInCooldown'], cooldownProblems(options.scaleInCooldown))),
    ...(options.scaleOutCooldown === undefined ? [] : underPath(['scaleOutCooldown'], cooldownProblems(options.scaleOutCooldown))),
    ...(options.disableScaleIn === undefined || typeof options.disableScaleIn === 'boolean'
      ? []
      : [propProblem(['disableScaleIn'], `must be true or false, got ${describe(options.disableScaleIn)}`)]),
  ];
}

/**
 * Target tracking needs room: with the minimum equal to the maximum the policies could never
 * change the task count (a target with schedules only may keep them equal).
 */
export function policyRoomProblems(min: number, max: number, names: CapacityNames = CAPACITY_PROPS): PropProblem[] {
  if (!known(min) || !known(max) || min !== max) return [];
  return [
    propProblem(
      [],
      `has target tracking policies but ${names.min} equals ${names.max} (${min}), so they could never change the task count; raise ${names.max} or remove the targets`,
    ),
  ];
}

/**
 * Request-count scaling counts the requests of the service's target group; `without` says
 * what the service lacks (the loader: "a worker has no target group").
 */
export function requestCountProblems(loadBalanced: boolean, without = 'the scaled service has no loadBalancerTarget'): PropProblem[] {
  return loadBalanced ? [] : [propProblem([], `needs a load-balanced service: ${without} whose requests could be counted`)];
}

// ---------------------------------------------------------------------------------------
// task counts

/** One task count (a scalable target's or a schedule's minimum or maximum). */
export function taskCountProblems(count: number): PropProblem[] {
  return wholeNumberProblems(count, TASK_COUNT);
}

/** A minimum and a maximum task count: each in range, and the minimum not above the maximum. */
export function capacityProblems(min: number, max: number, names: CapacityNames = CAPACITY_PROPS): PropProblem[] {
  const each = [...underPath([names.min], taskCountProblems(min)), ...underPath([names.max], taskCountProblems(max))];
  if (each.length > 0 || !known(min) || !known(max) || min <= max) return each;
  return [propProblem([names.min], `${min} is greater than ${names.max} ${max}`)];
}

// ---------------------------------------------------------------------------------------
// scheduled actions: cron(Minutes Hours Day-of-month Month Day-of-week Year), as Application Auto Scaling reads it

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Whole-field forms besides lists, ranges and steps (`?`, `L`, `W`, `#`). */
  readonly special?: RegExp;
  readonly hint: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const CRON_FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59, hint: '0-59 with , - * /' },
  { name: 'hours', min: 0, max: 23, hint: '0-23 with , - * /' },
  { name: 'day-of-month', min: 1, max: 31, special: /^(\?|L|LW|([1-9]|[12]\d|3[01])W)$/, hint: '1-31 with , - * ? / L W' },
  { name: 'month', min: 1, max: 12, names: MONTHS, hint: '1-12 or JAN-DEC with , - * /' },
  {
    name: 'day-of-week',
    min: 1,
    max: 7,
    names: DAYS,
    special: /^(\?|L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/,
    hint: '1-7 or SUN-SAT with , - * ? L #',
  },
  { name: 'year', min: 1970, max: 2199, hint: '1970-2199 with , - * /' },
];

function cronValue(text: string, field: CronField): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= field.min && value <= field.max ? value : undefined;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? field.min + index : undefined;
}

function validCronField(text: string, field: CronField): boolean {
  if (field.special?.test(text.toUpperCase())) return true;
  return text.split(',').every((item) => {
    const [range, step, ...rest] = item.split('/');
    if (rest.length > 0 || (step !== undefined && !/^[1-9]\d*$/.test(step))) return false;
    if (range === '*') return true;
    const [from, to, ...more] = range.split('-');
    if (more.length > 0) return false;
    const start = cronValue(from, field);
    if (start === undefined) return false;
    if (to === undefined) return true;
    const end = cronValue(to, field);
    return end !== undefined && end >= start;
  });
}

/** Why `expression` is not a cron expression Application Auto Scaling accepts, or undefined. */
export function cronProblem(expression: string): string | undefined {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match) {
    return `"${expression}" must be a cron expression like "cron(0 20 ? * MON-FRI *)": cron(Minutes Hours Day-of-month Month Day-of-week Year)`;
  }
  const fields = match[1].trim().split(/\s+/).filter((part) => part.length > 0);
  if (fields.length !== CRON_FIELDS.length) {
    return `"${expression}" has ${fields.length} fields; Application Auto Scaling needs 6: Minutes Hours Day-of-month Month Day-of-week Year`;
  }
  for (const [i, field] of CRON_FIELDS.entries()) {
    if (!validCronField(fields[i], field)) return `"${expression}": ${field.name} "${fields[i]}" is not valid (${field.hint})`;
  }
  if ((fields[2] === '?') === (fields[4] === '?')) {
    return `"${expression}": exactly one of day-of-month and day-of-week must be "?"`;
  }
  return undefined;
}

/** A schedule's cron expression; a Terraform token is not checked. */
export function cronProblems(expression: string): PropProblem[] {
  if (Token.isUnresolved(expression)) return [];
  const problem = cronProblem(expression);
  return problem ? [propProblem([], problem)] : [];
}

const IANA_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'Etc/GMT'];

/** Whether Application Auto Scaling's time zone parameter would accept `zone` (canonical IANA names). */
export function isTimeZone(zone: string): boolean {
  return IANA_ZONES.includes(zone) || /^Etc\/GMT[+-]([0-9]|1[0-4])$/.test(zone);
}

/** A schedule's time zone, with the closest IANA name as a suggestion. */
export function timeZoneProblems(zone: string): PropProblem[] {
  if (Token.isUnresolved(zone) || isTimeZone(zone)) return [];
  const suggestion = closest(zone, IANA_ZONES);
  return [propProblem([], `"${zone}" is not an IANA time zone like "Europe/Berlin" or "UTC"` + (suggestion ? ` (did you mean "${suggestion}"?)` : ''))];
}

/**
 * The name of a schedule or of a custom metric policy: it ends the scheduled action's or the
 * policy's name (`<prefix>-<name>`) and its construct id.
 */
export function scalingNameProblems(name: string): PropProblem[] {
  if (typeof name === 'string' && SCALING_NAME_PATTERN.test(name)) return [];
  return [propProblem([], `"${name}" must be 1 to 32 lowercase letters, digits and hyphens, not starting or ending with a hyphen`)];
}

/** Every schedule name that repeats an earlier one, at `[index, 'name']`. */
export function duplicateScheduleNameProblems(names: readonly string[]): PropProblem[] {
  const first = new Map<string, number>();
  const problems: PropProblem[] = [];
  names.forEach((name, i) => {
    const earlier = first.get(name);
    if (earlier !== undefined) problems.push(propProblem([i, 'name'], `"${name}" is already the name of schedules[${earlier}]`));
    else first.set(name, i);
  });
  return problems;
}

/** Production never schedules a service down to zero tasks (docs/design.md decision 6). */
export function scheduleTierProblems(tier: Tier, minCapacity: number): PropProblem[] {
  if (tier !== 'production' || minCapacity !== 0) return [];
  return [propProblem([], 'production tier never schedules a service down to zero tasks; use 1 or more')];
}

/** A scheduled size, for `restoringScheduleProblems`. */
export interface ScheduledCapacity {
  readonly minCapacity: number;
  readonly maxCapacity: number;
}

/**
 * Schedules own the target's minimum and maximum at run time, so one of them must set the
 * target's own size back; otherwise the service keeps the last scheduled size for ever.
 */
export function restoringScheduleProblems(
  min: number,
  max: number,
  schedules: readonly ScheduledCapacity[],
  names: CapacityNames = CAPACITY_PROPS,
): PropProblem[] {
  if (schedules.length === 0 || schedules.some((entry) => entry.minCapacity === min && entry.maxCapacity === max)) return [];
  return [
    propProblem(
      [],
      `none sets ${names.min} ${min} and ${names.max} ${max} back; add one (for example in the morning), or the service keeps the last scheduled size`,
    ),
  ];
}

// ---------------------------------------------------------------------------------------
// custom metrics

/** A CloudWatch metric to track: one metric with its dimensions, not metric math. */
export interface CustomMetric {
  readonly namespace: string;
  readonly metricName: string;
  /** The metric's dimensions, name to value, exactly as published. @default none */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** @default 'Average' */
  readonly statistic?: MetricStatistic;
  /** The unit the metric is published with; CloudWatch matches it exactly. @default none (any unit) */
  readonly unit?: string;
}

/** CloudWatch's standard units. */
export const METRIC_UNITS = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes',
  'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second',
  'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second',
  'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
] as const; // prettier-ignore

/** CloudWatch allows 30 dimensions per metric. */
export const MAX_METRIC_DIMENSIONS = 30;

const NAMESPACE_PATTERN = /^[0-9A-Za-z._\-/#: ]{1,255}$/;

function textProblems(value: string, max: number, what: string): PropProblem[] {
  if (Token.isUnresolved(value)) return [];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    return [propProblem([], `must be ${what} of 1 to ${max} characters, got ${describe(value)}`)];
  }
  return [];
}

/** The metric of a customized metric specification. */
export function customMetricProblems(metric: CustomMetric): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!Token.isUnresolved(metric.namespace) && !NAMESPACE_PATTERN.test(metric.namespace ?? '')) {
    problems.push(
      propProblem(['namespace'], `"${metric.namespace}" must be a CloudWatch namespace: 1 to 255 letters, digits, spaces and . - _ / # :`),
    );
  }
  problems.push(...underPath(['metricName'], textProblems(metric.metricName, 255, 'a metric name')));
  const dimensions = Object.entries(metric.dimensions ?? {});
  if (dimensions.length > MAX_METRIC_DIMENSIONS) {
    problems.push(propProblem(['dimensions'], `has ${dimensions.length} dimensions; CloudWatch allows ${MAX_METRIC_DIMENSIONS}`));
  }
  for (const [name, value] of dimensions) {
    if (name.length > 255) problems.push(propProblem(['dimensions', name], 'dimension names have at most 255 characters'));
    problems.push(...underPath(['dimensions', name], textProblems(value, 1024, 'a dimension value')));
  }
  if (metric.statistic !== undefined && !(METRIC_STATISTICS as readonly string[]).includes(metric.statistic)) {
    problems.push(propProblem(['statistic'], `must be one of ${METRIC_STATISTICS.map((s) => `"${s}"`).join(', ')}, got ${describe(metric.statistic)}`));
  }
  if (metric.unit !== undefined && !(METRIC_UNITS as readonly string[]).includes(metric.unit)) {
    problems.push(propProblem(['unit'], `"${metric.unit}" is not a CloudWatch unit (Count, Percent, Seconds, Bytes, Count/Second, ...)`));
  }
  return problems;
}

/** The value a target tracking policy keeps its metric at. */
export function targetValueProblems(value: number): PropProblem[] {
  if (Token.isUnresolved(value)) return [];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    return [propProblem([], `must be a number greater than 0, got ${describe(value)}`)];
  }
  return [];
}

// ---------------------------------------------------------------------------------------

/** The candidate within edit distance 2 (or a third of the word) of `word`, if any. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
