import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { applyPolicy, type PolicyOptions, PolicyViolationError } from './aspect';
import { type StackReport, violations } from './evaluate';
import { formatStackReport, formatTotals } from './report';
import { suppress } from './suppress';
import { compliant, nonCompliant, type PolicyRule, type Tier } from './types';

function stackWithTopicAndOptions(options: Partial<PolicyOptions>) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'prod');
  new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
  const alerts = new Construct(stack, 'alerts');
  const topic = new SnsTopic(alerts, 'topic', { name: 'alerts' });
  const reports: StackReport[] = [];
  applyPolicy(stack, { tier: 'production', onReport: (report) => reports.push(report), ...options });
  return { app, stack, topic, reports };
}

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
  const reason = 'a reason that is long enough to count';

  it('requires a written reason', () => {
    const { topic } = stackWithTopic('production', false);
    expect(() => suppress(topic, 'SNS-001', '  ')).toThrow(/needs a written reason/);
    expect(() => suppress(topic, 'SNS-001', 'because')).toThrow(/needs a written reason/);
  });

  it('rejects no rules, repeated suppressions, and the app or a whole stack as the scope', () => {
    const { app, stack, topic } = stackWithTopic('production', false);
    expect(() => suppress(topic, [], reason)).toThrow(/name at least one rule/);
    expect(() => suppress(topic, ['SNS-001', 'SNS-001'], reason)).toThrow(/SNS-001 named twice/);
    suppress(topic, 'SNS-001', reason);
    expect(() => suppress(topic, ['SNS-002', 'SNS-001'], reason)).toThrow(/SNS-001 already suppressed/);
    expect(() => suppress(stack, 'SNS-001', reason)).toThrow(/not the whole stack/);
    expect(() => suppress(app, 'SNS-001', reason)).toThrow(/not the app/);
  });

  it('waives a rule for every resource under a construct (a subtree), and says so in the report', () => {
    const { app, stack, reports } = stackWithTopic('production', false);
    suppress(stack.node.findChild('alerts'), ['SNS-001', 'SNS-002'], 'Alarm topics of this sandbox construct carry no data at all.');
    app.synth();
    const sns = reports[0].rules.find((rule) => rule.rule.id === 'SNS-001');
    expect(sns?.failed).toEqual([]);
    expect(sns?.suppressed[0]).toMatchObject({ suppressedBy: 'prod/alerts (subtree)', justification: expect.stringMatching(/sandbox/) });
    expect(formatStackReport(reports[0])).toMatch(/~ aws_sns_topic\.alerts_topic_\w+ \(prod\/alerts\/topic\) suppressed \[by prod\/alerts \(subtree\)\]: Alarm topics/);
    // SNS-002 found nothing to waive: the topic has no alarm.
    expect(reports[0].unusedSuppressions).toEqual([expect.objectContaining({ rule: 'SNS-002', target: { kind: 'subtree', path: 'prod/alerts' } })]);
    expect(formatStackReport(reports[0])).toMatch(/note unused suppression SNS-002 on prod\/alerts \(subtree\)/);
  });

  it("prefers the resource's own suppression over its subtree's", () => {
    const { app, stack, topic, reports } = stackWithTopic('production', false);
    suppress(stack.node.findChild('alerts'), 'SNS-001', 'the subtree-wide reason, long enough');
    suppress(topic, 'SNS-001', 'the resource-level reason, long enough');
    app.synth();
    const sns = reports[0].rules.find((rule) => rule.rule.id === 'SNS-001');
    expect(sns?.suppressed[0].justification).toBe('the resource-level reason, long enough');
    expect(reports[0].unusedSuppressions).toEqual([expect.objectContaining({ rule: 'SNS-001', target: { kind: 'subtree', path: 'prod/alerts' } })]);
  });

  it('checks rule ids against the pack given to the policy, naming its rules', () => {
    const custom: PolicyRule = {
      id: 'ACME-001',
      description: 'Topics are named acme-*',
      severity: 'low',
      tiers: ['production'],
      resourceTypes: ['aws_sns_topic'],
      equivalents: ['none'],
      check: (topic) => (String(topic.config.name).startsWith('acme-') ? compliant() : nonCompliant('not an acme-* name')),
    };
    const build = (rule: string) => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'prod');
      new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
      const topic = new SnsTopic(stack, 'topic', { name: 'alerts' });
      suppress(topic, rule, reason);
      const reports: StackReport[] = [];
      applyPolicy(stack, { tier: 'production', rules: [custom], onReport: (report) => reports.push(report) });
      return { app, reports };
    };
    const ok = build('ACME-001');
    expect(() => ok.app.synth()).not.toThrow();
    expect(ok.reports[0].rules[0].suppressed).toHaveLength(1);
    // SNS-001 is a rule of the platform's pack, not of this one.
    expect(() => build('SNS-001').app.synth()).toThrow(/suppress\(prod\/topic, SNS-001\): unknown rule "SNS-001"[\s\S]*The pack's rules: ACME-001$/);
  });

  it('takes suppressions in the options, by Terraform address or construct path', () => {
    const { app, reports } = stackWithTopicAndOptions({
      suppressions: [{ target: 'prod/alerts', rules: 'SNS-001', reason: 'Given by the app for the whole alerts construct.' }],
    });
    app.synth();
    expect(reports[0].rules.find((rule) => rule.rule.id === 'SNS-001')?.suppressed).toHaveLength(1);
    expect(() => stackWithTopicAndOptions({ suppressions: [{ target: 'alerts topic', rules: 'SNS-001', reason }] })).toThrow(/Terraform address .* or a construct path/);
    const byAddress = stackWithTopicAndOptions({ suppressions: [{ target: 'aws_sns_topic.nothing_here', rules: ['SNS-001'], reason }] });
    expect(() => byAddress.app.synth()).toThrow(PolicyViolationError);
  });
});

describe('coverage of the stack\'s resource types', () => {
  function stackWithNotification(options: Partial<PolicyOptions> = {}) {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'prod');
    new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
    new SnsTopic(stack, 'topic', { name: 'alerts', kmsMasterKeyId: 'alias/alerts' });
    const bucket = new S3BucketNotification(stack, 'notification', { bucket: 'b' });
    const reports: StackReport[] = [];
    applyPolicy(stack, { tier: 'production', mode: 'report', onReport: (report) => reports.push(report), ...options });
    return { app, bucket, reports };
  }

  it('lists the types no rule covers, by default without failing', () => {
    const { app, reports } = stackWithNotification();
    app.synth();
    expect(reports[0].uncoveredTypesMode).toBe('list');
    expect(reports[0].uncoveredTypes).toEqual([{ type: 'aws_s3_bucket_notification', addresses: [expect.stringMatching(/^aws_s3_bucket_notification\.notification/)] }]);
    expect(violations(reports[0])).toEqual([]);
    expect(formatStackReport(reports[0])).toMatch(/^ {2}\?\? {3}no rule covers 1 resource type: aws_s3_bucket_notification \(1\)$/m);
    expect(formatTotals(reports)).toMatch(/^Resource types no rule covers \(1\): aws_s3_bucket_notification\nTotal: 1 stacks, /);
  });

  it('fails them with uncoveredTypes: fail, unless accepted with a reason or suppressed', () => {
    const failing = stackWithNotification({ uncoveredTypes: 'fail', mode: 'enforce' });
    expect(() => failing.app.synth()).toThrow(/POLICY-001 \[medium\] aws_s3_bucket_notification\.notification\w* \(prod\/notification\): no rule of the pack covers aws_s3_bucket_notification/);

    const accepted = stackWithNotification({ uncoveredTypes: 'fail', acceptedUncoveredTypes: { aws_s3_bucket_notification: 'Only routes events; the bucket itself is covered.' } });
    accepted.app.synth();
    expect(violations(accepted.reports[0])).toEqual([]);
    expect(formatStackReport(accepted.reports[0])).toMatch(/accepted without a rule: aws_s3_bucket_notification \(1\)/);

    const suppressed = stackWithNotification({ uncoveredTypes: 'fail', mode: 'enforce' });
    suppress(suppressed.bucket, 'POLICY-001', 'A one-off notification reviewed by hand in this test.');
    expect(() => suppressed.app.synth()).not.toThrow();

    expect(() => stackWithNotification({ uncoveredTypes: 'fail', acceptedUncoveredTypes: { aws_s3_bucket_notification: 'ok' } }).app.synth()).toThrow(/needs a written reason/);
  });
});
