import { Match, Template, testStack } from '@ecs-platform/testing';
import { WebAcl } from './web-acl';
import { refusal } from './spec-fixtures';

describe('WebAcl', () => {
  it('blocks with the AWS managed rule groups in order, allows the rest, and protects a load balancer', () => {
    const stack = testStack();
    const acl = new WebAcl(stack, 'waf', { name: 'prod-public', countOnly: ['AWSManagedRulesAmazonIpReputationList'] });
    acl.protect('load-balancer', 'arn:aws:elasticloadbalancing:eu-central-1:456789012345:loadbalancer/app/prod-alb/1');
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_wafv2_web_acl', 'waf/web-acl', {
      scope: 'REGIONAL',
      default_action: { allow: {} },
      rule: [
        Match.objectLike({ name: 'AWSManagedRulesCommonRuleSet', priority: 1, override_action: { none: {} }, statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } } }),
        Match.objectLike({ name: 'AWSManagedRulesKnownBadInputsRuleSet', priority: 2 }),
        Match.objectLike({ name: 'AWSManagedRulesAmazonIpReputationList', priority: 3, override_action: { count: {} } }),
      ],
    });
    template.resourceMatches('aws_wafv2_web_acl_association', 'waf/load-balancer', {
      resource_arn: 'arn:aws:elasticloadbalancing:eu-central-1:456789012345:loadbalancer/app/prod-alb/1',
      web_acl_arn: template.ref('aws_wafv2_web_acl', 'waf/web-acl', 'arn'),
    });
  });

  it('refuses an ACL without rules, a group that is not AWS managed, and counting a group it does not have', () => {
    expect(refusal(() => new WebAcl(testStack(), 'waf', { name: 'prod public', managedRuleGroups: [] }))).toEqual([
      'name: must be 1 to 128 letters, digits, hyphens or underscores',
      'managedRuleGroups: needs at least one rule group: a web ACL without rules allows everything',
    ]);
    expect(refusal(() => new WebAcl(testStack(), 'waf', { name: 'p', managedRuleGroups: ['CommonRuleSet'], countOnly: ['AWSManagedRulesSQLiRuleSet'] }))).toEqual([
      'managedRuleGroups[0]: "CommonRuleSet" is not the name of an AWS managed rule group (AWSManagedRules...)',
      'countOnly[0]: "AWSManagedRulesSQLiRuleSet" is not one of managedRuleGroups',
    ]);
  });
});
