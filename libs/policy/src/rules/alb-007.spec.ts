import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { alb007 } from './alb-007';

describe('ALB-007 target group health checks', () => {
  it('passes a health check with a path', () =>
    expectCompliant(alb007, res('aws_lb_target_group', 'tg', { protocol: 'HTTP', health_check: { enabled: true, path: '/healthz', matcher: '200' } })));
  it('is not applicable to TCP target groups', () => expectNotApplicable(alb007, res('aws_lb_target_group', 'tg', { protocol: 'TCP' })));
  it('fails a target group without health check', () => expectViolation(alb007, res('aws_lb_target_group', 'tg', { protocol: 'HTTP' }), /no health_check/));
  it('fails a disabled health check', () =>
    expectViolation(alb007, res('aws_lb_target_group', 'tg', { protocol: 'HTTPS', health_check: [{ enabled: false, path: '/' }] }), /disabled/));
});
