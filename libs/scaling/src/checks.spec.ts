import { Lazy } from 'cdktf';
import {
  capacityProblems,
  cronProblem,
  duplicateScheduleNameProblems,
  isTimeZone,
  policyRoomProblems,
  requestCountProblems,
  restoringScheduleProblems,
  scheduleTierProblems,
  targetUtilizationProblems,
  timeZoneProblems,
} from './checks';
import { alarmSubscriberProblems, duplicateSubscriberProblems } from './monitoring-checks';

// The checks are pure: the constructs and the environment-definition loader call them, so
// their messages are the product's. The loader passes its own field names where a message names one.
const COUNTS = { min: 'minCount', max: 'maxCount' };

describe('scaling checks', () => {
  it('name the fields the caller names', () => {
    expect(capacityProblems(3, 1)).toEqual([{ path: ['minCapacity'], message: '3 is greater than maxCapacity 1' }]);
    expect(capacityProblems(3, 1, COUNTS)).toEqual([{ path: ['minCount'], message: '3 is greater than maxCount 1' }]);
    expect(policyRoomProblems(2, 2, COUNTS)[0].message).toBe(
      'has target tracking policies but minCount equals maxCount (2), so they could never change the task count; raise maxCount or remove the targets',
    );
    expect(restoringScheduleProblems(2, 4, [{ minCapacity: 1, maxCapacity: 1 }], COUNTS)[0].message).toBe(
      'none sets minCount 2 and maxCount 4 back; add one (for example in the morning), or the service keeps the last scheduled size',
    );
    expect(requestCountProblems(false, 'a worker has no target group')[0].message).toBe(
      'needs a load-balanced service: a worker has no target group whose requests could be counted',
    );
  });

  it('compare minimum and maximum only when both are in range', () => {
    expect(capacityProblems(2000, 1)).toEqual([{ path: ['minCapacity'], message: 'must be between 0 and 1000, got 2000' }]);
  });

  it('leave Terraform tokens alone: their values are not known at synth', () => {
    expect(targetUtilizationProblems(Lazy.numberValue({ produce: () => 5 }))).toEqual([]);
    expect(capacityProblems(Lazy.numberValue({ produce: () => 3 }), 1)).toEqual([]);
    expect(timeZoneProblems(Lazy.stringValue({ produce: () => 'Mars/Olympus' }))).toEqual([]);
  });

  it('report every repeated schedule name at its index', () => {
    expect(duplicateScheduleNameProblems(['night', 'morning', 'night'])).toEqual([
      { path: [2, 'name'], message: '"night" is already the name of schedules[0]' },
    ]);
  });

  it('keep production services from being scheduled to zero', () => {
    expect(scheduleTierProblems('production', 0)).toHaveLength(1);
    expect(scheduleTierProblems('non-production', 0)).toEqual([]);
    expect(scheduleTierProblems('production', 1)).toEqual([]);
  });

  it.each(['cron(0 20 ? * MON-FRI *)', 'cron(0/15 * * * ? *)', 'cron(0 8 L * ? *)', 'cron(0 10 ? * FRI#3 *)', 'cron(0 0 1 JAN-MAR ? 2027)'])(
    'accept the cron expression %s',
    (expression) => expect(cronProblem(expression)).toBeUndefined(),
  );

  it.each([
    ['cron(60 20 ? * MON-FRI *)', '"cron(60 20 ? * MON-FRI *)": minutes "60" is not valid (0-59 with , - * /)'],
    ['cron(0 20 ? * ? *)', '"cron(0 20 ? * ? *)": exactly one of day-of-month and day-of-week must be "?"'],
    ['rate(5 minutes)', '"rate(5 minutes)" must be a cron expression like "cron(0 20 ? * MON-FRI *)": cron(Minutes Hours Day-of-month Month Day-of-week Year)'],
  ])('reject the cron expression %s', (expression, message) => expect(cronProblem(expression)).toBe(message));

  it('know canonical IANA time zones and suggest the closest', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Etc/GMT+9')).toBe(true);
    expect(isTimeZone('CET-1')).toBe(false);
    expect(timeZoneProblems('America/New_Yrok')[0].message).toBe(
      '"America/New_Yrok" is not an IANA time zone like "Europe/Berlin" or "UTC" (did you mean "America/New_York"?)',
    );
  });
});

describe('monitoring checks', () => {
  it('need a subscriber only where alarms publish', () => {
    expect(alarmSubscriberProblems({ hasAlarms: false })).toEqual([]);
    expect(alarmSubscriberProblems({})).toHaveLength(1);
    expect(alarmSubscriberProblems({ tier: 'non-production', silenceReason: 'a sandbox nobody is on call for' })).toEqual([]);
  });

  it('compare emails without case, other endpoints exactly', () => {
    expect(duplicateSubscriberProblems(['ops@example.com'], [{ protocol: 'email', endpoint: 'OPS@example.com' }])).toHaveLength(1);
    expect(duplicateSubscriberProblems([], [{ protocol: 'https', endpoint: 'https://a.example.com/X' }, { protocol: 'https', endpoint: 'https://a.example.com/x' }])).toEqual([]);
  });
});
