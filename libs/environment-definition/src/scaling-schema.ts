/**
 * The scaling and monitoring parts of the environment definition (docs/scaling.md):
 * `services[].scaling` (target tracking, cooldowns, scheduled actions) and the
 * environment-level `monitoring` block (alarm subscribers). `environment-schema.ts` composes
 * them; the rules that need the whole service or the tier are exported as plain checks.
 */
import type { PropProblem } from '@ecs-platform/construct-props';
import {
  ALARM_SUBSCRIPTION_PROTOCOLS,
  alarmEmailProblems,
  alarmSubscriberProblems,
  alarmSubscriptionProblems,
  capacityProblems,
  cooldownProblems,
  cronProblem,
  cronProblems,
  duplicateScheduleNameProblems,
  duplicateSubscriberProblems,
  isTimeZone,
  MAX_COOLDOWN_SECONDS,
  policyRoomProblems,
  requestCountProblems,
  requestsPerTargetProblems,
  restoringScheduleProblems,
  SCALING_DEFAULTS,
  scalingNameProblems,
  scheduleTierProblems,
  silenceReasonProblems,
  targetUtilizationProblems,
  taskCountProblems,
  timeZoneProblems,
} from '@ecs-platform/scaling';
import type { ScalingPolicyKind, ScalingTargets, Tier } from './definition';
import { type FieldPath, integer, list, object, oneOf, optional, type Report, refine, type Schema, string } from './schema';

// The rules live with the constructs they guard (libs/scaling); this file maps them onto the
// definition's fields. Re-exported for the package's public API.
export { cronProblem, isTimeZone, MAX_COOLDOWN_SECONDS, SCALING_DEFAULTS };

/** The field of `scaling` that switches each policy on. */
export const SCALING_POLICY_FIELDS: Readonly<Record<ScalingPolicyKind, 'cpuTarget' | 'memoryTarget' | 'requestsPerTarget'>> = {
  cpu: 'cpuTarget',
  memory: 'memoryTarget',
  requests: 'requestsPerTarget',
};

/** The definition's names for a minimum and a maximum task count (the constructs say minCapacity, maxCapacity). */
const COUNTS = { min: 'minCount', max: 'maxCount' };

/** Reports a library check's problems under `path`. */
function reportAll(report: Report, path: FieldPath, problems: readonly PropProblem[]): void {
  for (const problem of problems) report([...path, ...problem.path], problem.message);
}

/** `schema` for the type, then the library's check of the value. */
function checked<T>(schema: Schema<T>, check: (value: T) => readonly PropProblem[]): Schema<T> {
  return {
    parse(value, path, report) {
      const parsed = schema.parse(value, path, report);
      if (parsed === undefined) return undefined;
      const problems = check(parsed);
      reportAll(report, path, problems);
      return problems.length > 0 ? undefined : parsed;
    },
  };
}

const percent = checked(integer(), targetUtilizationProblems);
const cooldown = checked(integer(), cooldownProblems);
const count = checked(integer(), taskCountProblems);

const cronText = checked(string(), cronProblems);
const cron: Schema<string> = {
  parse(value, path, report) {
    const text = cronText.parse(value, path, report);
    return text === undefined ? undefined : text.trim();
  },
};

const timezone = checked(string(), timeZoneProblems);

// ---------------------------------------------------------------------------------------
// services[].scaling

const schedule = object(
  {
    name: checked(string(), scalingNameProblems),
    cron,
    timezone,
    minCount: count,
    maxCount: count,
  },
  [
    refine(['minCount', 'maxCount'], ({ minCount, maxCount }, report) => reportAll(report, [], capacityProblems(minCount, maxCount, COUNTS))),
  ],
);

/** The schema of `services[].scaling`. */
export const scalingSchema = object(
  {
    cpuTarget: optional(percent),
    memoryTarget: optional(percent),
    requestsPerTarget: optional(checked(integer(), requestsPerTargetProblems)),
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
    refine(['schedules'], ({ schedules }, report) =>
      reportAll(report, ['schedules'], duplicateScheduleNameProblems((schedules ?? []).map((entry) => entry.name))),
    ),
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
  if (scaling.requestsPerTarget !== undefined) {
    reportAll(report, ['scaling', 'requestsPerTarget'], requestCountProblems(isLoadBalanced(service), `a ${service.kind} has no target group`));
  }
  // minCount > maxCount is reported on its own; equal counts leave the policies nothing to do.
  if (hasPolicy(scaling)) reportAll(report, ['scaling'], policyRoomProblems(minCount, maxCount, COUNTS));
  const schedules = (scaling.schedules ?? []).map((entry) => ({ minCapacity: entry.minCount, maxCapacity: entry.maxCount }));
  reportAll(report, ['scaling', 'schedules'], restoringScheduleProblems(minCount, maxCount, schedules, COUNTS));
}

/** Production rules of scaling: no schedule takes a production service down to zero tasks. */
export function checkScalingForTier(tier: Tier, services: readonly ScaledServiceFields[], report: Report): void {
  if (tier !== 'production') return;
  services.forEach((service, i) => {
    (service.scaling?.schedules ?? []).forEach((entry, j) =>
      reportAll(report, ['services', i, 'scaling', 'schedules', j, 'minCount'], scheduleTierProblems(tier, entry.minCount)),
    );
  });
}

// ---------------------------------------------------------------------------------------
// monitoring

const email = checked(string(), alarmEmailProblems);

const subscription = object(
  {
    protocol: oneOf(ALARM_SUBSCRIPTION_PROTOCOLS),
    endpoint: string({ minLength: 1 }),
  },
  [refine(['protocol', 'endpoint'], (value, report) => reportAll(report, [], alarmSubscriptionProblems(value)))],
);

/** The schema of the environment-level `monitoring` block. */
export const monitoringSchema = object(
  {
    alarmEmails: optional(list(email)),
    alarmSubscriptions: optional(list(subscription)),
    silenceReason: optional(checked(string(), silenceReasonProblems)),
  },
  [
    refine(['alarmEmails', 'alarmSubscriptions'], ({ alarmEmails, alarmSubscriptions }, report) =>
      reportAll(report, [], duplicateSubscriberProblems(alarmEmails, alarmSubscriptions)),
    ),
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
  reportAll(
    report,
    ['monitoring'],
    alarmSubscriberProblems({
      tier,
      alarmEmails: monitoring?.alarmEmails,
      alarmSubscriptions: monitoring?.alarmSubscriptions,
      silenceReason: monitoring?.silenceReason,
      hasAlarms: services.length > 0,
    }),
  );
}
