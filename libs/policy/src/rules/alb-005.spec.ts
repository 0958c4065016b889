import { expectCompliant, expectViolation, res } from '../test-support';
import { alb005 } from './alb-005';

describe('ALB-005 deletion protection in production', () => {
  it('passes a protected load balancer', () => expectCompliant(alb005, res('aws_lb', 'alb', { enable_deletion_protection: true })));
  it('fails an unprotected one', () => expectViolation(alb005, res('aws_lb', 'alb', {}), /enable_deletion_protection/));
  it('applies to production only', () => expect(alb005.tiers).toEqual(['production']));
});
