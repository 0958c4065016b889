import { evaluateResources, SuppressionError, violations } from './evaluate';
import { ECS_PLATFORM_RULES } from './pack';
import { formatStackReport } from './report';
import { res } from './test-support';
import { ANY_RESOURCE_TYPE, compliant, coveredTypes, nonCompliant, type PolicyRule } from './types';

const anything: PolicyRule = {
  id: 'ANY-001',
  description: 'Looks at every resource',
  severity: 'low',
  tiers: ['production'],
  resourceTypes: [ANY_RESOURCE_TYPE],
  equivalents: ['none'],
  check: () => compliant(),
};
const topics: PolicyRule = { ...anything, id: 'TOPIC-001', resourceTypes: ['aws_sns_topic'], check: () => nonCompliant('not good enough') };

describe('evaluateResources', () => {
  const resources = [res('aws_sns_topic', 'alerts'), res('aws_route', 'a'), res('aws_route', 'b'), res('aws_eip', 'nat')];

  it('lists the types no rule names; a rule of every type ("*") covers none', () => {
    const report = evaluateResources(resources, { stackName: 's', tier: 'production', rules: [anything, topics] });
    expect(report.uncoveredTypes).toEqual([
      { type: 'aws_eip', addresses: ['aws_eip.nat'] },
      { type: 'aws_route', addresses: ['aws_route.a', 'aws_route.b'] },
    ]);
    expect(report.rules[0].passed).toHaveLength(4);
    expect(coveredTypes([anything, topics])).toEqual(new Set(['aws_sns_topic']));
  });

  it('marks accepted types with their reason, listed apart', () => {
    const report = evaluateResources(resources, {
      stackName: 's',
      tier: 'production',
      rules: [topics],
      acceptedUncoveredTypes: { aws_route: 'Read by the rules of the subnets and services they serve.' },
    });
    expect(report.uncoveredTypes.find((u) => u.type === 'aws_route')?.accepted).toMatch(/subnets and services/);
    expect(formatStackReport(report)).toMatch(/\?\? {3}no rule covers 1 resource type: aws_eip \(1\)\n {2}-- {3}accepted without a rule: aws_route \(2\)/);
  });

  it('fails uncovered resources in fail mode through POLICY-001', () => {
    const report = evaluateResources(resources, { stackName: 's', tier: 'production', rules: [topics], uncoveredTypes: 'fail' });
    expect(violations(report).filter((v) => v.rule.id === 'POLICY-001').map((v) => v.address)).toEqual(['aws_route.a', 'aws_route.b', 'aws_eip.nat']);
  });

  it('checks suppressions against the pack given, not the platform pack', () => {
    const suppression = { target: { kind: 'resource' as const, address: 'aws_sns_topic.alerts' }, rules: ['SNS-001'], reason: 'a reason that is long enough' };
    expect(() => evaluateResources(resources, { stackName: 's', tier: 'production', rules: [topics], suppressions: [suppression] })).toThrow(SuppressionError);
    expect(() => evaluateResources(resources, { stackName: 's', tier: 'production', rules: [topics], suppressions: [suppression] })).toThrow(
      /suppress\(aws_sns_topic\.alerts, SNS-001\): unknown rule "SNS-001"\nThe pack's rules: TOPIC-001$/,
    );
    const report = evaluateResources(resources, { stackName: 's', tier: 'production', rules: ECS_PLATFORM_RULES, suppressions: [suppression] });
    expect(report.rules.find((rule) => rule.rule.id === 'SNS-001')?.suppressed).toEqual([expect.objectContaining({ suppressedBy: 'aws_sns_topic.alerts' })]);
  });
});
