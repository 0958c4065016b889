import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { ecs015 } from './ecs-015';

const subnet = res('aws_subnet', 'private_a');
const table = res('aws_route_table', 'private_a');
const association = res('aws_route_table_association', 'a', { subnet_id: ref(subnet), route_table_id: ref(table) });
const natRoute = res('aws_route', 'default_a', { route_table_id: ref(table), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: '${aws_nat_gateway.a.id}' });
const localRoute = res('aws_route', 'peer', { route_table_id: ref(table), destination_cidr_block: '10.9.0.0/16', vpc_peering_connection_id: 'pcx-1' });
const endpoint = res('aws_vpc_endpoint', 'ecr_api', { vpc_endpoint_type: 'Interface', subnet_ids: [ref(subnet)] });
const gateway = res('aws_vpc_endpoint', 's3', { vpc_endpoint_type: 'Gateway', route_table_ids: [ref(table)] });
const others = [subnet, table, association, natRoute, localRoute, endpoint, gateway];
const service = (dependsOn: string[]) =>
  res('aws_ecs_service', 'web', { network_configuration: { subnets: [ref(subnet)], assign_public_ip: false }, depends_on: dependsOn });

describe('ECS-015 services depend on their egress', () => {
  it('passes a service that waits for its default route and endpoints', () =>
    expectCompliant(ecs015, service([natRoute.address, endpoint.address, gateway.address, 'aws_ecs_cluster_capacity_providers.x']), others));
  it('fails a service that could start before its NAT route', () =>
    expectViolation(ecs015, service([endpoint.address, gateway.address]), /does not depend on aws_route\.default_a/, others));
  it('fails a service that could start before the endpoints it pulls through', () =>
    expectViolation(ecs015, service([natRoute.address]), /aws_vpc_endpoint\.ecr_api, aws_vpc_endpoint\.s3/, others));
  it('is not applicable to a service without subnets of the stack', () =>
    expectNotApplicable(ecs015, res('aws_ecs_service', 'web', { network_configuration: { subnets: ['subnet-1'] } }), others));
});
