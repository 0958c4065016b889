/**
 * The rules that guard the alarm topic's and the alarms' input, as pure functions returning
 * every problem they find. `AlarmTopic` and `ServiceAlarms` call them through
 * `assertValidProps`; the environment-definition loader calls the same functions for the
 * `monitoring` block, so both paths give the same message. No provider imports.
 */
import { type PropProblem, propProblem, type Tier } from '@ecs-platform/construct-props';
import { Token } from 'cdktf';

/** SNS protocols an alarm subscriber may use; plain `http` is not offered (alarm texts would travel unencrypted). */
export const ALARM_SUBSCRIPTION_PROTOCOLS = ['email', 'https', 'sqs', 'lambda', 'sms'] as const;
export type AlarmSubscriptionProtocol = (typeof ALARM_SUBSCRIPTION_PROTOCOLS)[number];

/** One subscriber of the alarm topic. */
export interface AlarmSubscription {
  readonly protocol: AlarmSubscriptionProtocol;
  /** Email address, HTTPS URL, SQS queue ARN, Lambda function ARN or E.164 phone number, as `protocol` needs. */
  readonly endpoint: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;

const ENDPOINTS: Readonly<Record<AlarmSubscriptionProtocol, { readonly pattern: RegExp; readonly hint: string }>> = {
  email: { pattern: EMAIL, hint: 'an email address like ops@example.com' },
  https: { pattern: /^https:\/\/[^\s/?#]+[^\s]*$/, hint: 'an https:// URL' },
  sqs: { pattern: /^arn:aws:sqs:[a-z0-9-]+:\d{12}:[\w-]{1,80}$/, hint: 'an SQS queue ARN like arn:aws:sqs:eu-west-1:123456789012:alarms' },
  lambda: {
    pattern: /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[\w-]{1,64}(:[\w-]{1,128})?$/,
    hint: 'a Lambda function ARN like arn:aws:lambda:eu-west-1:123456789012:function:notify',
  },
  sms: { pattern: /^\+[1-9]\d{6,14}$/, hint: 'a phone number in E.164 form like +4915112345678' },
};

/** Length of a `silenceReason`: long enough to say something, short enough to read. */
export const SILENCE_REASON_LENGTH = { min: 10, max: 500 } as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${value}"`;
  return `${typeof value} ${String(value)}`;
}

/** An alarm email address. */
export function alarmEmailProblems(address: string): PropProblem[] {
  if (Token.isUnresolved(address) || EMAIL.test(address)) return [];
  return [propProblem([], `"${address}" must be an email address like ops@example.com`)];
}

/** A subscriber: a protocol we offer, and an endpoint of the form that protocol needs. */
export function alarmSubscriptionProblems(subscription: AlarmSubscription): PropProblem[] {
  const { protocol, endpoint } = subscription;
  if (!(ALARM_SUBSCRIPTION_PROTOCOLS as readonly string[]).includes(protocol)) {
    return [propProblem(['protocol'], `must be one of ${ALARM_SUBSCRIPTION_PROTOCOLS.map((p) => `"${p}"`).join(', ')}, got ${describe(protocol)}`)];
  }
  if (Token.isUnresolved(endpoint)) return [];
  const { pattern, hint } = ENDPOINTS[protocol];
  return pattern.test(endpoint) ? [] : [propProblem(['endpoint'], `"${endpoint}" must be ${hint} for protocol "${protocol}"`)];
}

/** Emails compare without case, other endpoints exactly: the key two subscribers may not share. */
export function subscriberKey(subscription: AlarmSubscription): string {
  return `${subscription.protocol}:${subscription.protocol === 'email' ? subscription.endpoint.toLowerCase() : subscription.endpoint}`;
}

/** Every subscriber listed a second time (in `alarmEmails` or `alarmSubscriptions`), at its index. */
export function duplicateSubscriberProblems(
  alarmEmails: readonly string[] = [],
  alarmSubscriptions: readonly AlarmSubscription[] = [],
): PropProblem[] {
  const seen = new Map<string, string>();
  const problems: PropProblem[] = [];
  const check = (subscription: AlarmSubscription, path: [string, number]) => {
    const key = subscriberKey(subscription);
    const earlier = seen.get(key);
    if (earlier) problems.push(propProblem(path, `"${subscription.endpoint}" is already subscribed by ${earlier}`));
    else seen.set(key, `${path[0]}[${path[1]}]`);
  };
  alarmEmails.forEach((endpoint, i) => check({ protocol: 'email', endpoint }, ['alarmEmails', i]));
  alarmSubscriptions.forEach((subscription, i) => check(subscription, ['alarmSubscriptions', i]));
  return problems;
}

/** A written reason for an environment nobody hears. */
export function silenceReasonProblems(reason: string): PropProblem[] {
  if (reason.length < SILENCE_REASON_LENGTH.min) return [propProblem([], `must be at least ${SILENCE_REASON_LENGTH.min} characters long`)];
  if (reason.length > SILENCE_REASON_LENGTH.max) return [propProblem([], `must be at most ${SILENCE_REASON_LENGTH.max} characters long`)];
  return [];
}

/** What `alarmSubscriberProblems` reads. */
export interface AlarmSubscribers {
  /** @default 'production' */
  readonly tier?: Tier;
  /** @default [] */
  readonly alarmEmails?: readonly string[];
  /** @default [] */
  readonly alarmSubscriptions?: readonly unknown[];
  /** @default none */
  readonly silenceReason?: string;
  /** Whether alarms publish to the topic yet. @default true */
  readonly hasAlarms?: boolean;
}

/**
 * Alarms nobody hears protect nothing: a topic that alarms publish to needs a subscriber. A
 * non-production topic may go without one with a written `silenceReason`; production never
 * (docs/design.md decision 6). Paths: `[]` for the topic, `['silenceReason']`.
 */
export function alarmSubscriberProblems(props: AlarmSubscribers): PropProblem[] {
  const tier = props.tier ?? 'production';
  const subscribers = (props.alarmEmails?.length ?? 0) + (props.alarmSubscriptions?.length ?? 0);
  const problems: PropProblem[] = [];
  if (props.silenceReason !== undefined && (tier === 'production' || subscribers > 0)) {
    problems.push(
      propProblem(
        ['silenceReason'],
        tier === 'production' ? 'production tier always needs an alarm subscriber; remove silenceReason' : 'is only for an environment without subscribers; remove it',
      ),
    );
  }
  if (!(props.hasAlarms ?? true) || subscribers > 0) return problems;
  if (tier === 'production') {
    problems.push(
      propProblem([], 'production tier needs at least one alarm subscriber (alarmEmails or alarmSubscriptions): alarms nobody receives protect nothing'),
    );
  } else if (props.silenceReason === undefined) {
    problems.push(
      propProblem([], 'needs an alarm subscriber (alarmEmails or alarmSubscriptions), or a "silenceReason" saying why nobody needs to hear this environment\'s alarms'),
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// alarms

/** Alarm thresholds; every service of an environment shares them unless overridden. */
export interface AlarmThresholds {
  /** Average CPU utilisation of the service, percent, for 5 minutes. @default 85 */
  readonly cpuPercent: number;
  /** Average memory utilisation of the service, percent, for 5 minutes. @default 85 */
  readonly memoryPercent: number;
  /** 5xx responses from the targets per minute, in 2 of 3 minutes. @default 5 */
  readonly target5xxPerMinute: number;
  /** 5xx responses generated by the load balancer per minute, in 2 of 3 minutes. @default 5 */
  readonly loadBalancer5xxPerMinute: number;
  /** 95th percentile of the target response time, seconds, in 4 of 5 minutes. @default 1 */
  readonly p95LatencySeconds: number;
}

export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  cpuPercent: 85,
  memoryPercent: 85,
  target5xxPerMinute: 5,
  loadBalancer5xxPerMinute: 5,
  p95LatencySeconds: 1,
};

function positive(value: number, upTo: number | undefined, path: string): PropProblem[] {
  if (Token.isUnresolved(value)) return [];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (upTo !== undefined && value > upTo)) {
    return [propProblem([path], `must be a number greater than 0${upTo === undefined ? '' : ` and at most ${upTo}`}, got ${describe(value)}`)];
  }
  return [];
}

/** Thresholds that could fire: percentages in (0, 100], counts and latency above 0. */
export function alarmThresholdProblems(thresholds: Partial<AlarmThresholds>): PropProblem[] {
  const limits: Record<keyof AlarmThresholds, number | undefined> = {
    cpuPercent: 100,
    memoryPercent: 100,
    target5xxPerMinute: undefined,
    loadBalancer5xxPerMinute: undefined,
    p95LatencySeconds: undefined,
  };
  return (Object.keys(limits) as Array<keyof AlarmThresholds>).flatMap((key) =>
    thresholds[key] === undefined ? [] : positive(thresholds[key], limits[key], key),
  );
}
