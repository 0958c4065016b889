import { testEnvironment } from '@ecs-platform/environment-app';
import { Template } from '@ecs-platform/testing';
import app from './stack';

describe("prod's environment app", () => {
  it('puts a web ACL of AWS managed rule groups in front of the public load balancer', () => {
    const environment = testEnvironment({ name: 'prod' });
    app(environment);
    const template = Template.fromStack(environment.stack);
    template.resourceMatches('aws_wafv2_web_acl', 'web-acl/web-acl', { name: 'prod-public', scope: 'REGIONAL' });
    template.resourceMatches('aws_wafv2_web_acl_association', 'web-acl/load-balancer', {
      resource_arn: template.ref('aws_lb', 'load-balancer/load-balancer', 'arn'),
    });
  });

  it('refuses an environment without a load balancer, saying why', () => {
    expect(() => app(testEnvironment({ name: 'prod', services: { web: [], workers: ['order-worker'] } }))).toThrow(/the WAF has nothing to protect/);
  });
});
