import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { alb004 } from './alb-004';

describe('ALB-004 drop invalid header fields', () => {
  it('passes an ALB that drops them', () => expectCompliant(alb004, res('aws_lb', 'alb', { drop_invalid_header_fields: true })));
  it('is not applicable to network load balancers', () => expectNotApplicable(alb004, res('aws_lb', 'nlb', { load_balancer_type: 'network' })));
  it('fails an ALB that passes them on', () => expectViolation(alb004, res('aws_alb', 'alb', {}), /drop_invalid_header_fields/));
});
