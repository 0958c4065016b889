import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { sns002 } from './sns-002';

const topic = res('aws_sns_topic', 'alarms', { name: 'prod-alarms' });
const alarm = res('aws_cloudwatch_metric_alarm', 'cpu', { alarm_actions: [ref(topic, 'arn')] });

describe('SNS-002 alarm topics have a subscriber', () => {
  it('passes a subscribed alarm topic', () =>
    expectCompliant(sns002, topic, [alarm, res('aws_sns_topic_subscription', 'ops', { topic_arn: ref(topic, 'arn'), protocol: 'email', endpoint: 'ops@example.com' })]));
  it('fails an alarm topic nobody hears', () => expectViolation(sns002, topic, /nobody subscribes/, [alarm]));
  it('is not applicable to a topic no alarm notifies', () => expectNotApplicable(sns002, topic));
});
