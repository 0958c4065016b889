import { expectCompliant, expectViolation, res } from '../test-support';
import { cw001 } from './cw-001';

describe('CW-001 alarms with actions', () => {
  it('passes an alarm notifying a topic', () =>
    expectCompliant(cw001, res('aws_cloudwatch_metric_alarm', 'a', { alarm_actions: ['${aws_sns_topic.alarms.arn}'] })));
  it('fails an alarm without actions', () => expectViolation(cw001, res('aws_cloudwatch_metric_alarm', 'a', { alarm_actions: [] }), /alarm_actions is empty/));
  it('fails disabled actions', () =>
    expectViolation(cw001, res('aws_cloudwatch_metric_alarm', 'a', { actions_enabled: false, alarm_actions: ['x'] }), /actions_enabled is false/));
});
