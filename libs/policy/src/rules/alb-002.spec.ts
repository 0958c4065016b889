import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { alb002 } from './alb-002';

describe('ALB-002 HTTPS listener', () => {
  const lb = res('aws_lb', 'alb', { load_balancer_type: 'application' });
  it('passes an ALB with an HTTPS listener', () =>
    expectCompliant(alb002, lb, [res('aws_lb_listener', 'https', { load_balancer_arn: ref(lb, 'arn'), protocol: 'HTTPS' })]));
  it('is not applicable to network load balancers', () => expectNotApplicable(alb002, res('aws_lb', 'nlb', { load_balancer_type: 'network' })));
  it('fails an ALB with only HTTP', () =>
    expectViolation(alb002, lb, /no HTTPS listener/, [res('aws_lb_listener', 'http', { load_balancer_arn: ref(lb, 'arn'), protocol: 'HTTP' })]));
});
