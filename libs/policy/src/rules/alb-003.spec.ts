import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { alb003 } from './alb-003';

describe('ALB-003 TLS 1.3 policy and certificate', () => {
  it('passes a TLS 1.3 policy with a certificate', () =>
    expectCompliant(alb003, res('aws_lb_listener', 'https', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificate_arn: 'arn:aws:acm:x' })));
  it('is not applicable to HTTP listeners', () => expectNotApplicable(alb003, res('aws_lb_listener', 'http', { protocol: 'HTTP' })));
  it('fails the default policy', () => expectViolation(alb003, res('aws_lb_listener', 'https', { protocol: 'HTTPS', certificate_arn: 'x' }), /not set/));
  it('fails a TLS 1.2 policy', () =>
    expectViolation(alb003, res('aws_lb_listener', 'https', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08', certificate_arn: 'x' }), /ELBSecurityPolicy-2016-08/));
  it('fails a listener without certificate', () =>
    expectViolation(alb003, res('aws_lb_listener', 'https', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }), /certificate_arn/));
});
