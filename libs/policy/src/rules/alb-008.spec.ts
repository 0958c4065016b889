import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { alb008 } from './alb-008';

describe('ALB-008 WAF in front of a public production load balancer', () => {
  const lb = res('aws_lb', 'public', { internal: false, load_balancer_type: 'application' });
  it('passes a load balancer with a web ACL association', () =>
    expectCompliant(alb008, lb, [res('aws_wafv2_web_acl_association', 'waf', { resource_arn: ref(lb, 'arn'), web_acl_arn: '${aws_wafv2_web_acl.acl.arn}' })]));
  it('fails one without', () =>
    expectViolation(alb008, lb, /no aws_wafv2_web_acl_association/, [res('aws_wafv2_web_acl_association', 'other', { resource_arn: '${aws_lb.other.arn}' })]));
  it('is not applicable to internal and network load balancers', () => {
    expectNotApplicable(alb008, res('aws_lb', 'internal', { internal: true }));
    expectNotApplicable(alb008, res('aws_lb', 'nlb', { load_balancer_type: 'network' }));
  });
  it('applies to production only', () => expect(alb008.tiers).toEqual(['production']));
});
