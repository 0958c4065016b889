import { expectCompliant, expectViolation, res } from '../test-support';
import { ecs005 } from './ecs-005';

describe('ECS-005 no public IPs on tasks', () => {
  it('passes a service without public IPs', () =>
    expectCompliant(ecs005, res('aws_ecs_service', 's', { network_configuration: { assign_public_ip: false, subnets: [] } })));
  it('fails a service that assigns public IPs', () =>
    expectViolation(ecs005, res('aws_ecs_service', 's', { network_configuration: [{ assign_public_ip: true }] }), /assign_public_ip/));
});
