import { expectCompliant, expectViolation, res } from '../test-support';
import { ecs004 } from './ecs-004';

describe('ECS-004 minimum healthy percent 100 in production', () => {
  it('passes 100', () => expectCompliant(ecs004, res('aws_ecs_service', 's', { deployment_minimum_healthy_percent: 100 })));
  it('passes the default (unset is 100)', () => expectCompliant(ecs004, res('aws_ecs_service', 's', {})));
  it('fails 50', () => expectViolation(ecs004, res('aws_ecs_service', 's', { deployment_minimum_healthy_percent: 50 }), /is 50/));
  it('applies to production only', () => expect(ecs004.tiers).toEqual(['production']));
});
