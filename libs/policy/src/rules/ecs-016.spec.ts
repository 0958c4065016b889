import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { ecs016 } from './ecs-016';

const alarm = res('aws_cloudwatch_metric_alarm', 'target_5xx', { alarm_name: 'prod-web-target-5xx' });
const service = (names: string[], dependsOn: string[] = []) =>
  res('aws_ecs_service', 'web', { alarms: { alarm_names: names, enable: true, rollback: true }, depends_on: dependsOn });

describe('ECS-016 deployment alarms are dependencies', () => {
  it('passes alarms named by reference', () => expectCompliant(ecs016, service(['${aws_cloudwatch_metric_alarm.target_5xx.alarm_name}']), [alarm]));
  it('passes a literal name of an alarm the service depends on', () =>
    expectCompliant(ecs016, service(['prod-web-target-5xx'], [alarm.address]), [alarm]));
  it('fails a literal name without the dependency', () =>
    expectViolation(ecs016, service(['prod-web-target-5xx']), /the service does not depend on it/, [alarm]));
  it('fails a name no alarm of the stack has', () => expectViolation(ecs016, service(['prod-web-target-5XX']), /is no alarm of the stack/, [alarm]));
  it('is not applicable without deployment alarms', () => expectNotApplicable(ecs016, res('aws_ecs_service', 'worker', {})));
});
