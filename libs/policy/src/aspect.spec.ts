import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { applyPolicy, PolicyViolationError } from './aspect';
import type { StackReport } from './evaluate';
import { formatStackReport } from './report';
import { suppress } from './suppress';
import type { Tier } from './types';

function stackWithTopic(tier: Tier, encrypted: boolean, mode: 'enforce' | 'report' = 'enforce') {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'prod');
  new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
  const alerts = new Construct(stack, 'alerts');
  const topic = new SnsTopic(alerts, 'topic', { name: 'alerts', kmsMasterKeyId: encrypted ? 'alias/alerts' : undefined });
  const reports: StackReport[] = [];
  applyPolicy(stack, { tier, mode, onReport: (report) => reports.push(report) });
  return { app, stack, topic, reports };
}

describe('applyPolicy', () => {
  it('lets a compliant stack synthesize and reports what it checked', () => {
    const { app, reports } = stackWithTopic('production', true);
    app.synth();
    const sns = reports[0].rules.find((rule) => rule.rule.id === 'SNS-001');
    expect(sns?.passed).toEqual([expect.stringMatching(/^aws_sns_topic\.alerts_topic_[0-9A-F]{8}$/)]);
  });

  it('stops synthesis naming the stack, the Terraform address, the construct path and the rule', () => {
    const { app } = stackWithTopic('production', false);
    expect(() => app.synth()).toThrow(PolicyViolationError);
    expect(() => app.synth()).toThrow(/stack "prod" \(tier production\)[\s\S]*SNS-001 \[medium\] aws_sns_topic\.alerts_topic_[0-9A-F]{8} \(prod\/alerts\/topic\): kms_master_key_id is not set/);
  });

  it('sees the synthesized JSON, including escape-hatch overrides', () => {
    const { app, topic } = stackWithTopic('production', false);
    topic.addOverride('kms_master_key_id', 'alias/alerts');
    expect(() => app.synth()).not.toThrow();
  });

  it('accepts a suppressed failure and lists it with its reason', () => {
    const { app, topic, reports } = stackWithTopic('production', false);
    suppress(topic, 'SNS-001', 'Carries only alarm state changes, no data; AWS-managed encryption is enough here.');
    app.synth();
    const sns = reports[0].rules.find((rule) => rule.rule.id === 'SNS-001');
    expect(sns?.failed).toEqual([]);
    expect(sns?.suppressed[0].justification).toMatch(/only alarm state changes/);
    expect(formatStackReport(reports[0])).toMatch(/~ aws_sns_topic\.alerts_topic_\w+ \(prod\/alerts\/topic\) suppressed: Carries only/);
  });

  it('only reports in report mode', () => {
    const { app, reports } = stackWithTopic('non-production', false, 'report');
    expect(() => app.synth()).not.toThrow();
    expect(reports[0].tier).toBe('non-production');
    expect(formatStackReport(reports[0])).toMatch(/FAIL SNS-001/);
  });
});

describe('suppress', () => {
  it('requires a written reason', () => {
    const { topic } = stackWithTopic('production', false);
    expect(() => suppress(topic, 'SNS-001', '  ')).toThrow(/needs a written reason/);
    expect(() => suppress(topic, 'SNS-001', 'because')).toThrow(/needs a written reason/);
  });

  it('rejects unknown rules, repeated suppressions and constructs that are not resources', () => {
    const { stack, topic } = stackWithTopic('production', false);
    expect(() => suppress(topic, 'SNS-999', 'a reason that is long enough to count')).toThrow(/unknown rule/);
    suppress(topic, 'SNS-001', 'a reason that is long enough to count');
    expect(() => suppress(topic, 'SNS-001', 'a reason that is long enough to count')).toThrow(/already suppressed/);
    expect(() => suppress(stack.node.findChild('alerts'), 'SNS-001', 'a reason that is long enough to count')).toThrow(/one Terraform resource/);
  });
});
