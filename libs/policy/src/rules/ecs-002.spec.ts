import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { ecs002 } from './ecs-002';

describe('ECS-002 circuit breaker with rollback', () => {
  it('passes a service with circuit breaker and rollback', () =>
    expectCompliant(ecs002, res('aws_ecs_service', 's', { deployment_circuit_breaker: { enable: true, rollback: true } })));
  it('is not applicable to CodeDeploy blue/green services', () =>
    expectNotApplicable(ecs002, res('aws_ecs_service', 's', { deployment_controller: { type: 'CODE_DEPLOY' } })));
  it('fails a service without a circuit breaker', () => expectViolation(ecs002, res('aws_ecs_service', 's', {}), /not enabled/));
  it('fails a circuit breaker without rollback', () =>
    expectViolation(ecs002, res('aws_ecs_service', 's', { deployment_circuit_breaker: [{ enable: true, rollback: false }] }), /rollback/));
  it('applies to production only', () => expect(ecs002.tiers).toEqual(['production']));
});
