import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { alb001 } from './alb-001';

describe('ALB-001 HTTP only redirects to HTTPS', () => {
  const redirect = { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } };
  const http = res('aws_lb_listener', 'http', { protocol: 'HTTP', port: 80, default_action: [redirect] });
  it('passes an HTTP listener that redirects', () => expectCompliant(alb001, http));
  it('is not applicable to HTTPS listeners', () => expectNotApplicable(alb001, res('aws_lb_listener', 'https', { protocol: 'HTTPS' })));
  it('fails an HTTP listener that forwards', () =>
    expectViolation(alb001, res('aws_lb_listener', 'http', { protocol: 'HTTP', default_action: [{ type: 'forward', target_group_arn: 'x' }] }), /does not redirect/));
  it('fails a forwarding rule on the HTTP listener', () =>
    expectViolation(alb001, res('aws_lb_listener_rule', 'r', { listener_arn: ref(http, 'arn'), action: [{ type: 'forward' }] }), /serves plain HTTP/, [http]));
  it('applies to production only (docs/design.md decision 6)', () => expect(alb001.tiers).toEqual(['production']));
});
