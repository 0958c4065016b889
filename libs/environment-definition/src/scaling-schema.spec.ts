import { formatProblem } from './load';
import { checkServiceScaling, cronProblem, isTimeZone } from './scaling-schema';
import { formatPath, type Problem } from './schema';
import { type Definition, problemsAfter, validateChanged as validate } from './test-fixtures';

// The scaling and monitoring fields of issue 6: services[].scaling (cooldowns, disableScaleIn,
// schedules) and the environment-level monitoring block.
const night = { name: 'night', cron: 'cron(0 20 ? * MON-FRI *)', timezone: 'Europe/Berlin', minCount: 1, maxCount: 1 };
const morning = { name: 'morning', cron: 'cron(0 7 ? * MON-FRI *)', timezone: 'Europe/Berlin', minCount: 2, maxCount: 4 };
const scalingOf = (d: Definition) => d.services[0].scaling as Definition;

describe('scaling definition fields', () => {
  it('are optional and keep their values when given', () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
    const result = validate((d) =>
      Object.assign(scalingOf(d), {
        memoryTarget: 75,
        requestsPerTarget: 500,
        scaleOutCooldown: 30,
        scaleInCooldown: 600,
        disableScaleIn: ['memory'],
        schedules: [night, morning],
      }),
    );
    expect(result.ok && result.value.services[0].scaling).toEqual({
      cpuTarget: 60,
      memoryTarget: 75,
      requestsPerTarget: 500,
      scaleOutCooldown: 30,
      scaleInCooldown: 600,
      disableScaleIn: ['memory'],
      schedules: [night, morning],
    });
  });

  it.each<[string, (d: Definition) => void, string[]]>([
    ['a CPU target below 10 %', (d) => (scalingOf(d).cpuTarget = 5), ['services[0].scaling.cpuTarget: must be between 10 and 90 percent, got 5']],
    ['a memory target above 90 %', (d) => (scalingOf(d).memoryTarget = 95), ['services[0].scaling.memoryTarget: must be between 10 and 90 percent, got 95']],
    [
      'a request target of zero',
      (d) => (scalingOf(d).requestsPerTarget = 0),
      ['services[0].scaling.requestsPerTarget: must be between 1 and 100000 requests per target per minute, got 0'],
    ],
    ['a negative cooldown', (d) => (scalingOf(d).scaleInCooldown = -1), ['services[0].scaling.scaleInCooldown: must be between 0 and 3600 seconds, got -1']],
    [
      'a cooldown above an hour',
      (d) => (scalingOf(d).scaleOutCooldown = 7200),
      ['services[0].scaling.scaleOutCooldown: must be between 0 and 3600 seconds, got 7200'],
    ],
    ['a fractional cooldown', (d) => (scalingOf(d).scaleOutCooldown = 1.5), ['services[0].scaling.scaleOutCooldown: must be a whole number, got number 1.5']],
    [
      'an unknown policy in disableScaleIn',
      (d) => (scalingOf(d).disableScaleIn = ['cpu', 'network']),
      ['services[0].scaling.disableScaleIn[1]: must be one of "cpu", "memory", "requests", got the string "network"'],
    ],
    [
      'disableScaleIn naming a policy that is not set',
      (d) => (scalingOf(d).disableScaleIn = ['memory']),
      ['services[0].scaling.disableScaleIn[0]: "memory" names no policy: memoryTarget is not set'],
    ],
    [
      'disableScaleIn listing a policy twice',
      (d) => (scalingOf(d).disableScaleIn = ['cpu', 'cpu']),
      ['services[0].scaling.disableScaleIn[1]: "cpu" is listed twice'],
    ],
    [
      'a scaling block that scales nothing',
      (d) => (d.services[0].scaling = { scaleInCooldown: 600 }),
      ['services[0].scaling: sets no target (cpuTarget, memoryTarget, requestsPerTarget) and no schedule, so nothing would scale the service; remove it or add one'],
    ],
    [
      'policies while minCount equals maxCount',
      (d) => Object.assign(d.services[0], { minCount: 2, maxCount: 2, desiredCount: 2 }),
      ['services[0].scaling: has target tracking policies but minCount equals maxCount (2), so they could never change the task count; raise maxCount or remove the targets'],
    ],
    [
      'a request-count policy on a worker',
      (d) => {
        Object.assign(d.services[0], { kind: 'worker' });
        scalingOf(d).requestsPerTarget = 100;
      },
      ['services[0].scaling.requestsPerTarget: needs a load-balanced service: a worker has no target group whose requests could be counted'],
    ],
    ['a misspelt field', (d) => (scalingOf(d).scaleInCoolDown = 60), ['services[0].scaling.scaleInCoolDown: unknown field (did you mean "scaleInCooldown"?)']],
  ])('reports %s', (_, change, expected) => {
    // The worker case may also draw the compute rules about workers (container port, health
    // checks); only the scaling problems are this file's subject.
    expect(problemsAfter(change).filter((line) => line.includes('.scaling'))).toEqual(expected);
  });

  it('lets a schedule-only block keep minCount equal to maxCount', () => {
    expect(
      problemsAfter((d) => {
        Object.assign(d.services[0], { minCount: 2, maxCount: 2, desiredCount: 2 });
        d.services[0].scaling = { schedules: [{ ...night, minCount: 1, maxCount: 1 }, { ...morning, minCount: 2, maxCount: 2 }] };
      }),
    ).toEqual([]);
  });
});

describe('scaling schedules', () => {
  const withSchedules = (...schedules: Definition[]) => (d: Definition) => (scalingOf(d).schedules = schedules);

  it.each<[string, Definition[], string[]]>([
    [
      'a cron expression without cron(...)',
      [{ ...night, cron: '0 20 * * 1-5' }, morning],
      ['services[0].scaling.schedules[0].cron: "0 20 * * 1-5" must be a cron expression like "cron(0 20 ? * MON-FRI *)": cron(Minutes Hours Day-of-month Month Day-of-week Year)'],
    ],
    [
      'a five-field (Unix) cron expression',
      [{ ...night, cron: 'cron(0 20 * * 1-5)' }, morning],
      ['services[0].scaling.schedules[0].cron: "cron(0 20 * * 1-5)" has 5 fields; Application Auto Scaling needs 6: Minutes Hours Day-of-month Month Day-of-week Year'],
    ],
    [
      'an hour out of range',
      [{ ...night, cron: 'cron(0 24 ? * MON-FRI *)' }, morning],
      ['services[0].scaling.schedules[0].cron: "cron(0 24 ? * MON-FRI *)": hours "24" is not valid (0-23 with , - * /)'],
    ],
    [
      'both day fields given',
      [{ ...night, cron: 'cron(0 20 * * MON-FRI *)' }, morning],
      ['services[0].scaling.schedules[0].cron: "cron(0 20 * * MON-FRI *)": exactly one of day-of-month and day-of-week must be "?"'],
    ],
    [
      'an unknown time zone, with a suggestion',
      [{ ...night, timezone: 'Europe/Berln' }, morning],
      ['services[0].scaling.schedules[0].timezone: "Europe/Berln" is not an IANA time zone like "Europe/Berlin" or "UTC" (did you mean "Europe/Berlin"?)'],
    ],
    [
      'an abbreviation instead of a zone',
      [{ ...night, timezone: 'CET-1' }, morning],
      ['services[0].scaling.schedules[0].timezone: "CET-1" is not an IANA time zone like "Europe/Berlin" or "UTC"'],
    ],
    [
      'a schedule whose minCount is above its maxCount',
      [{ ...night, minCount: 3, maxCount: 1 }, morning],
      ['services[0].scaling.schedules[0].minCount: 3 is greater than maxCount 1'],
    ],
    [
      'two schedules with one name',
      [night, { ...morning, name: 'night' }],
      ['services[0].scaling.schedules[1].name: "night" is already the name of schedules[0]'],
    ],
    [
      'a schedule name with capitals',
      [{ ...night, name: 'Night' }, morning],
      ['services[0].scaling.schedules[0].name: "Night" must be 1 to 32 lowercase letters, digits and hyphens, not starting or ending with a hyphen'],
    ],
    ['a missing time zone', [{ ...night, timezone: undefined }, morning], ['services[0].scaling.schedules[0].timezone: is required']],
    [
      'no schedule that restores the normal size',
      [night],
      ['services[0].scaling.schedules: none sets minCount 2 and maxCount 4 back; add one (for example in the morning), or the service keeps the last scheduled size'],
    ],
    [
      'production scheduled down to zero',
      [{ ...night, minCount: 0, maxCount: 0 }, morning],
      ['services[0].scaling.schedules[0].minCount: production tier never schedules a service down to zero tasks; use 1 or more'],
    ],
  ])('reports %s', (_, schedules, expected) => {
    expect(problemsAfter(withSchedules(...schedules))).toEqual(expected);
  });

  it('lets a non-production tier stop a service at night', () => {
    expect(problemsAfter((d) => Object.assign(d, { tier: 'non-production' }) && withSchedules({ ...night, minCount: 0, maxCount: 0 }, morning)(d))).toEqual([]);
  });

  it('names the file and the field', () => {
    const result = validate(withSchedules({ ...night, cron: 'cron(0 24 ? * MON-FRI *)' }, morning));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(formatProblem(result.problems[0])).toMatch(/^environments\/prod\/environment\.yaml:\d+:\d+: services\[0\]\.scaling\.schedules\[0\]\.cron: "cron\(0 24/);
    }
  });
});

describe('cronProblem', () => {
  it.each([
    'cron(0 20 ? * MON-FRI *)',
    'cron(30 6 ? * 2-6 *)',
    'cron(0/15 * * * ? *)',
    'cron(0 8 1 * ? *)',
    'cron(0 8 L * ? *)',
    'cron(0 8 15W * ? *)',
    'cron(0 10 ? * 6L *)',
    'cron(0 10 ? * FRI#3 *)',
    'cron(0 0 1 JAN-MAR ? 2027)',
    'cron(5,35 14 * * ? *)',
  ])('accepts %s', (expression) => {
    expect(cronProblem(expression)).toBeUndefined();
  });

  it.each([
    ['cron(60 20 ? * MON-FRI *)', 'minutes "60" is not valid (0-59 with , - * /)'],
    ['cron(0 20 32 * ? *)', 'day-of-month "32" is not valid (1-31 with , - * ? / L W)'],
    ['cron(0 20 ? 13 MON *)', 'month "13" is not valid (1-12 or JAN-DEC with , - * /)'],
    ['cron(0 20 ? * FUN *)', 'day-of-week "FUN" is not valid (1-7 or SUN-SAT with , - * ? L #)'],
    ['cron(0 20 ? * MON 1969)', 'year "1969" is not valid (1970-2199 with , - * /)'],
    ['cron(0 20-8 ? * MON *)', 'hours "20-8" is not valid (0-23 with , - * /)'],
    ['cron(0 */0 ? * MON *)', 'hours "*/0" is not valid (0-23 with , - * /)'],
    ['cron(0 20 ? * ? *)', 'exactly one of day-of-month and day-of-week must be "?"'],
  ])('rejects %s', (expression, problem) => {
    expect(cronProblem(expression)).toBe(`"${expression}": ${problem}`);
  });
});

describe('isTimeZone', () => {
  it.each(['UTC', 'Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Etc/GMT+9', 'Pacific/Tahiti'])('accepts %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });
  it.each(['CET-1', 'Europe/Atlantis', '+01:00', 'utc', 'Etc/GMT+15'])('rejects %s', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });
});

describe('checkServiceScaling', () => {
  const run = (service: Parameters<typeof checkServiceScaling>[0]): string[] => {
    const problems: Problem[] = [];
    checkServiceScaling(service, (path, message) => problems.push({ path, message }));
    return problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
  };

  it('treats a service without kind as a load-balanced web service', () => {
    expect(run({ minCount: 1, maxCount: 3, scaling: { requestsPerTarget: 100 } })).toEqual([]);
    expect(run({ kind: 'web', minCount: 1, maxCount: 3, scaling: { requestsPerTarget: 100 } })).toEqual([]);
  });

  it('refuses a request-count policy on a worker', () => {
    expect(run({ kind: 'worker', minCount: 1, maxCount: 3, scaling: { cpuTarget: 50, requestsPerTarget: 100 } })).toEqual([
      'scaling.requestsPerTarget: needs a load-balanced service: a worker has no target group whose requests could be counted',
    ]);
  });

  it('leaves minCount above maxCount to the rule that reports it', () => {
    expect(run({ minCount: 3, maxCount: 2, scaling: { cpuTarget: 50 } })).toEqual([]);
  });
});

describe('monitoring definition', () => {
  it('may go without subscribers outside production only with a written reason, and keeps its values', () => {
    expect(problemsAfter((d) => Object.assign(d, { tier: 'non-production', monitoring: undefined }))).toEqual([
      'monitoring: needs an alarm subscriber (alarmEmails or alarmSubscriptions), or a "silenceReason" saying why nobody needs to hear this environment\'s alarms',
    ]);
    expect(problemsAfter((d) => Object.assign(d, { tier: 'non-production', monitoring: { silenceReason: 'a sandbox nobody is on call for' } }))).toEqual([]);
    expect(problemsAfter((d) => Object.assign(d, { tier: 'non-production', services: [], monitoring: undefined }))).toEqual([]);
    expect(problemsAfter((d) => (d.monitoring = { alarmEmails: ['ops@example.com'], silenceReason: 'a sandbox nobody is on call for' }))).toEqual([
      'monitoring.silenceReason: production tier always needs an alarm subscriber; remove silenceReason',
    ]);
    expect(
      problemsAfter((d) => Object.assign(d, { tier: 'non-production', monitoring: { alarmEmails: ['ops@example.com'], silenceReason: 'a sandbox nobody is on call for' } })),
    ).toEqual(['monitoring.silenceReason: is only for an environment without subscribers; remove it']);
    const subscriptions = [
      { protocol: 'https', endpoint: 'https://events.example.com/hooks/alarms' },
      { protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-central-1:456789012345:alarms' },
      { protocol: 'lambda', endpoint: 'arn:aws:lambda:eu-central-1:456789012345:function:notify' },
      { protocol: 'sms', endpoint: '+4915112345678' },
      { protocol: 'email', endpoint: 'team@example.com' },
    ];
    const result = validate((d) => (d.monitoring = { alarmEmails: ['ops@example.com'], alarmSubscriptions: subscriptions }));
    expect(result.ok && result.value.monitoring).toEqual({ alarmEmails: ['ops@example.com'], alarmSubscriptions: subscriptions });
  });

  it.each<[string, (d: Definition) => void, string[]]>([
    [
      'production without a subscriber',
      (d) => delete d.monitoring,
      ['monitoring: production tier needs at least one alarm subscriber (alarmEmails or alarmSubscriptions): alarms nobody receives protect nothing'],
    ],
    [
      'production with empty lists',
      (d) => (d.monitoring = { alarmEmails: [], alarmSubscriptions: [] }),
      ['monitoring: production tier needs at least one alarm subscriber (alarmEmails or alarmSubscriptions): alarms nobody receives protect nothing'],
    ],
    ['a malformed email', (d) => (d.monitoring.alarmEmails = ['ops-at-example.com']), ['monitoring.alarmEmails[0]: "ops-at-example.com" must be an email address like ops@example.com']],
    [
      'an email listed twice',
      (d) => (d.monitoring.alarmEmails = ['ops@example.com', 'OPS@example.com']),
      ['monitoring.alarmEmails[1]: "OPS@example.com" is already subscribed by alarmEmails[0]'],
    ],
    [
      'an email subscription repeating alarmEmails',
      (d) => (d.monitoring.alarmSubscriptions = [{ protocol: 'email', endpoint: 'ops@example.com' }]),
      ['monitoring.alarmSubscriptions[0]: "ops@example.com" is already subscribed by alarmEmails[0]'],
    ],
    [
      'plain http',
      (d) => (d.monitoring.alarmSubscriptions = [{ protocol: 'http', endpoint: 'http://example.com/alarms' }]),
      ['monitoring.alarmSubscriptions[0].protocol: must be one of "email", "https", "sqs", "lambda", "sms", got the string "http" (did you mean "https"?)'],
    ],
    [
      'an https endpoint that is not https',
      (d) => (d.monitoring.alarmSubscriptions = [{ protocol: 'https', endpoint: 'http://example.com/alarms' }]),
      ['monitoring.alarmSubscriptions[0].endpoint: "http://example.com/alarms" must be an https:// URL for protocol "https"'],
    ],
    [
      'an sqs endpoint that is a queue URL',
      (d) => (d.monitoring.alarmSubscriptions = [{ protocol: 'sqs', endpoint: 'https://sqs.eu-central-1.amazonaws.com/456789012345/alarms' }]),
      [
        'monitoring.alarmSubscriptions[0].endpoint: "https://sqs.eu-central-1.amazonaws.com/456789012345/alarms" must be an SQS queue ARN like arn:aws:sqs:eu-west-1:123456789012:alarms for protocol "sqs"',
      ],
    ],
    [
      'a phone number without country code',
      (d) => (d.monitoring.alarmSubscriptions = [{ protocol: 'sms', endpoint: '015112345678' }]),
      ['monitoring.alarmSubscriptions[0].endpoint: "015112345678" must be a phone number in E.164 form like +4915112345678 for protocol "sms"'],
    ],
    ['a misspelt field', (d) => (d.monitoring.alarmEmail = ['a@example.com']), ['monitoring.alarmEmail: unknown field (did you mean "alarmEmails"?)']],
  ])('reports %s', (_, change, expected) => {
    expect(problemsAfter(change)).toEqual(expected);
  });
});
