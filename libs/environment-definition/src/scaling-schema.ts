/**
 * The scaling and monitoring parts of the environment definition (docs/scaling.md):
 * `services[].scaling` (target tracking, cooldowns, scheduled actions) and the
 * environment-level `monitoring` block (alarm subscribers). `environment-schema.ts` composes
 * them; the rules that need the whole service or the tier are exported as plain checks.
 */
import type { ScalingPolicyKind, ScalingTargets, Tier } from './definition';
import { closest, integer, list, object, oneOf, optional, type Report, refine, type Schema, string } from './schema';

/** Defaults of the optional scaling fields; the scaling library applies them. */
export const SCALING_DEFAULTS = {
  /** Seconds: scale out again soon, the next step sees the capacity just added. */
  scaleOutCooldown: 60,
  /** Seconds: remove capacity slowly, a dip in load is often followed by a rise. */
  scaleInCooldown: 300,
} as const;

/** Cooldowns above an hour would leave a service wrongly sized for hours; we refuse them. */
export const MAX_COOLDOWN_SECONDS = 3600;

/** The field of `scaling` that switches each policy on. */
export const SCALING_POLICY_FIELDS: Readonly<Record<ScalingPolicyKind, 'cpuTarget' | 'memoryTarget' | 'requestsPerTarget'>> = {
  cpu: 'cpuTarget',
  memory: 'memoryTarget',
  requests: 'requestsPerTarget',
};

const percent = integer({ min: 10, max: 90, unit: 'percent' });
const cooldown = integer({ min: 0, max: MAX_COOLDOWN_SECONDS, unit: 'seconds' });
const count = integer({ min: 0, max: 1000 });

// ---------------------------------------------------------------------------------------
// cron(Minutes Hours Day-of-month Month Day-of-week Year), as Application Auto Scaling reads it

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

const cron: Schema<string> = {
  parse(value, path, report) {
    const text = string().parse(value, path, report);
    if (text === undefined) return undefined;
    const problem = cronProblem(text);
    if (problem) {
      report(path, problem);
      return undefined;
    }
    return text.trim();
  },
};

// ---------------------------------------------------------------------------------------
// IANA time zones

const IANA_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'Etc/GMT'];

/** Whether Application Auto Scaling's time zone parameter would accept `zone` (canonical IANA names). */
export function isTimeZone(zone: string): boolean {
  return IANA_ZONES.includes(zone) || /^Etc\/GMT[+-]([0-9]|1[0-4])$/.test(zone);
}

const timezone: Schema<string> = {
  parse(value, path, report) {
    const zone = string().parse(value, path, report);
    if (zone === undefined || isTimeZone(zone)) return zone;
    const suggestion = closest(zone, IANA_ZONES);
    report(path, `"${zone}" is not an IANA time zone like "Europe/Berlin" or "UTC"` + (suggestion ? ` (did you mean "${suggestion}"?)` : ''));
    return undefined;
  },
};

// ---------------------------------------------------------------------------------------
// services[].scaling

const schedule = object(
  {
    name: string({
      pattern: /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/,
      patternHint: 'must be 1 to 32 lowercase letters, digits and hyphens, not starting or ending with a hyphen',
    }),
    cron,
    timezone,
    minCount: count,
    maxCount: count,
  },
  [
    refine(['minCount', 'maxCount'], ({ minCount, maxCount }, report) => {
      if (minCount > maxCount) report(['minCount'], `${minCount} is greater than maxCount ${maxCount}`);
    }),
  ],
);

/** The schema of `services[].scaling`. */
export const scalingSchema = object(
  {
    cpuTarget: optional(percent),
    memoryTarget: optional(percent),
    requestsPerTarget: optional(integer({ min: 1, max: 100000, unit: 'requests per target per minute' })),
    scaleOutCooldown: optional(cooldown),
    scaleInCooldown: optional(cooldown),
    disableScaleIn: optional(list(oneOf(['cpu', 'memory', 'requests'] as const))),
    schedules: optional(list(schedule)),
  },
  [
    refine(['cpuTarget', 'memoryTarget', 'requestsPerTarget', 'schedules'], (value, report) => {
      if (!hasPolicy(value) && !value.schedules?.length) {
        report([], 'sets no target (cpuTarget, memoryTarget, requestsPerTarget) and no schedule, so nothing would scale the service; remove it or add one');
      }
    }),
    refine(['cpuTarget', 'memoryTarget', 'requestsPerTarget', 'disableScaleIn'], (value, report) => {
      const seen = new Set<ScalingPolicyKind>();
      (value.disableScaleIn ?? []).forEach((kind, i) => {
        if (seen.has(kind)) report(['disableScaleIn', i], `"${kind}" is listed twice`);
        else if (value[SCALING_POLICY_FIELDS[kind]] === undefined) {
          report(['disableScaleIn', i], `"${kind}" names no policy: ${SCALING_POLICY_FIELDS[kind]} is not set`);
        }
        seen.add(kind);
      });
    }),
    refine(['schedules'], ({ schedules }, report) => {
      const first = new Map<string, number>();
      (schedules ?? []).forEach((entry, i) => {
        const earlier = first.get(entry.name);
        if (earlier !== undefined) report(['schedules', i, 'name'], `"${entry.name}" is already the name of schedules[${earlier}]`);
        else first.set(entry.name, i);
      });
    }),
  ],
);

/** Whether the block switches on at least one target tracking policy. */
export function hasPolicy(scaling: Pick<ScalingTargets, 'cpuTarget' | 'memoryTarget' | 'requestsPerTarget'>): boolean {
  return scaling.cpuTarget !== undefined || scaling.memoryTarget !== undefined || scaling.requestsPerTarget !== undefined;
}

/** The parts of a service the scaling rules read; `kind` is absent on definitions that predate it. */
export interface ScaledServiceFields {
  readonly kind?: string;
  readonly minCount: number;
  readonly maxCount: number;
  readonly scaling?: ScalingTargets;
}

/** A web service sits behind the load balancer (the default kind); a worker does not. */
export function isLoadBalanced(service: Pick<ScaledServiceFields, 'kind'>): boolean {
  return (service.kind ?? 'web') === 'web';
}

/** Rules of `scaling` that need the rest of the service; paths are relative to the service. */
export function checkServiceScaling(service: ScaledServiceFields, report: Report): void {
  const { scaling, minCount, maxCount } = service;
  if (!scaling) return;
  if (scaling.requestsPerTarget !== undefined && !isLoadBalanced(service)) {
    report(['scaling', 'requestsPerTarget'], `needs a load-balanced service: a ${service.kind} has no target group whose requests could be counted`);
  }
  // minCount > maxCount is reported on its own; equal counts leave the policies nothing to do.
  if (hasPolicy(scaling) && minCount === maxCount) {
    report(
      ['scaling'],
      `has target tracking policies but minCount equals maxCount (${minCount}), so they could never change the task count; raise maxCount or remove the targets`,
    );
  }
  const schedules = scaling.schedules ?? [];
  if (schedules.length > 0 && !schedules.some((entry) => entry.minCount === minCount && entry.maxCount === maxCount)) {
    report(
      ['scaling', 'schedules'],
      `none sets minCount ${minCount} and maxCount ${maxCount} back; add one (for example in the morning), or the service keeps the last scheduled size`,
    );
  }
}

/** Production rules of scaling: no schedule takes a production service down to zero tasks. */
export function checkScalingForTier(tier: Tier, services: readonly ScaledServiceFields[], report: Report): void {
  if (tier !== 'production') return;
  services.forEach((service, i) => {
    (service.scaling?.schedules ?? []).forEach((entry, j) => {
      if (entry.minCount === 0) {
        report(['services', i, 'scaling', 'schedules', j, 'minCount'], 'production tier never schedules a service down to zero tasks; use 1 or more');
      }
    });
  });
}

// ---------------------------------------------------------------------------------------
// monitoring

const email = string({ pattern: /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/, patternHint: 'must be an email address like ops@example.com' });

const ENDPOINTS: Readonly<Record<string, { pattern: RegExp; hint: string }>> = {
  email: { pattern: /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/, hint: 'an email address like ops@example.com' },
  https: { pattern: /^https:\/\/[^\s/?#]+[^\s]*$/, hint: 'an https:// URL' },
  sqs: { pattern: /^arn:aws:sqs:[a-z0-9-]+:\d{12}:[\w-]{1,80}$/, hint: 'an SQS queue ARN like arn:aws:sqs:eu-west-1:123456789012:alarms' },
  lambda: {
    pattern: /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[\w-]{1,64}(:[\w-]{1,128})?$/,
    hint: 'a Lambda function ARN like arn:aws:lambda:eu-west-1:123456789012:function:notify',
  },
  sms: { pattern: /^\+[1-9]\d{6,14}$/, hint: 'a phone number in E.164 form like +4915112345678' },
};

const subscription = object(
  {
    protocol: oneOf(['email', 'https', 'sqs', 'lambda', 'sms'] as const),
    endpoint: string({ minLength: 1 }),
  },
  [
    refine(['protocol', 'endpoint'], ({ protocol, endpoint }, report) => {
      const { pattern, hint } = ENDPOINTS[protocol];
      if (!pattern.test(endpoint)) report(['endpoint'], `"${endpoint}" must be ${hint} for protocol "${protocol}"`);
    }),
  ],
);

/** The schema of the environment-level `monitoring` block. */
export const monitoringSchema = object(
  {
    alarmEmails: optional(list(email)),
    alarmSubscriptions: optional(list(subscription)),
    silenceReason: optional(string({ minLength: 10, maxLength: 500 })),
  },
  [
    refine(['alarmEmails', 'alarmSubscriptions'], ({ alarmEmails, alarmSubscriptions }, report) => {
      const seen = new Map<string, string>();
      const check = (key: string, path: Array<string | number>, label: string) => {
        const earlier = seen.get(key);
        if (earlier) report(path, `${label} is already subscribed by ${earlier}`);
        else seen.set(key, `${path[0]}[${path[1]}]`);
      };
      (alarmEmails ?? []).forEach((address, i) => check(`email:${address.toLowerCase()}`, ['alarmEmails', i], `"${address}"`));
      (alarmSubscriptions ?? []).forEach((entry, i) =>
        check(
          `${entry.protocol}:${entry.protocol === 'email' ? entry.endpoint.toLowerCase() : entry.endpoint}`,
          ['alarmSubscriptions', i],
          `"${entry.endpoint}"`,
        ),
      );
    }),
  ],
);

/**
 * Alarms nobody hears protect nothing: an environment with services needs a subscriber. A
 * non-production environment may go without one with a written `silenceReason`; production
 * never. An environment without services has no alarms yet. Paths are relative to the environment.
 */
export function checkMonitoringForTier(
  tier: Tier,
  services: readonly unknown[],
  monitoring:
    | { readonly alarmEmails?: readonly string[]; readonly alarmSubscriptions?: readonly unknown[]; readonly silenceReason?: string }
    | undefined,
  report: Report,
): void {
  const subscribers = (monitoring?.alarmEmails?.length ?? 0) + (monitoring?.alarmSubscriptions?.length ?? 0);
  if (monitoring?.silenceReason !== undefined && (tier === 'production' || subscribers > 0)) {
    report(
      ['monitoring', 'silenceReason'],
      tier === 'production' ? 'production tier always needs an alarm subscriber; remove silenceReason' : 'is only for an environment without subscribers; remove it',
    );
  }
  if (services.length === 0 || subscribers > 0) return;
  if (tier === 'production') {
    report(['monitoring'], 'production tier needs at least one alarm subscriber (alarmEmails or alarmSubscriptions): alarms nobody receives protect nothing');
  } else if (monitoring?.silenceReason === undefined) {
    report(['monitoring'], 'needs an alarm subscriber (alarmEmails or alarmSubscriptions), or a "silenceReason" saying why nobody needs to hear this environment\'s alarms');
  }
}
