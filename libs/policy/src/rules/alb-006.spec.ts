import { expectCompliant, expectViolation, res } from '../test-support';
import { alb006 } from './alb-006';

describe('ALB-006 access logs in production', () => {
  it('passes access logs to a bucket', () => expectCompliant(alb006, res('aws_lb', 'alb', { access_logs: { bucket: 'logs', enabled: true } })));
  it('fails a load balancer without access logs', () => expectViolation(alb006, res('aws_lb', 'alb', {}), /no bucket/));
  it('fails disabled access logs', () => expectViolation(alb006, res('aws_lb', 'alb', { access_logs: [{ bucket: 'logs', enabled: false }] }), /enabled is false/));
  it('applies to production only', () => expect(alb006.tiers).toEqual(['production']));
});
