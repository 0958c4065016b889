import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { ecs003 } from './ecs-003';

describe('ECS-003 health check grace period', () => {
  const lb = [{ target_group_arn: '${aws_lb_target_group.tg.arn}', container_name: 'app', container_port: 8080 }];
  it('passes a load-balanced service with a grace period', () =>
    expectCompliant(ecs003, res('aws_ecs_service', 's', { load_balancer: lb, health_check_grace_period_seconds: 60 })));
  it('is not applicable without a load balancer', () => expectNotApplicable(ecs003, res('aws_ecs_service', 's', {})));
  it('fails a load-balanced service without one', () =>
    expectViolation(ecs003, res('aws_ecs_service', 's', { load_balancer: lb }), /health_check_grace_period_seconds/));
});
