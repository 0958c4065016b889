// The example of docs/network.md ("Using it from TypeScript"), compiled and synthesized.
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Template } from '@ecs-platform/testing';
import { type App, TerraformStack, Testing } from 'cdktf';
import { Network } from './index';

function exampleStack(app: App): TerraformStack {
  // --- docs/network.md example begins
  const stack = new TerraformStack(app, 'shop-dev');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1', allowedAccountIds: ['210987654321'] });

  const network = new Network(stack, 'network', {
    name: 'shop-dev',
    tier: 'non-production', // production (the default) refuses a single NAT gateway
    accountId: '210987654321',
    region: 'eu-west-1',
    vpcCidr: '10.50.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    natGateways: 'single',
    isolatedSubnets: true, // no route to the internet: for the database below
  });

  // Your own resources build on the handles.
  new DbSubnetGroup(stack, 'database-subnets', {
    name: 'shop-dev-database',
    subnetIds: network.subnets.isolated.map((subnet) => subnet.id),
  });
  new SecurityGroup(stack, 'database', {
    name: 'shop-dev-database',
    description: 'PostgreSQL from the private subnets',
    vpcId: network.vpc.id,
    ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: network.plan.zones.map((zone) => zone.privateCidr) }],
  });
  // --- docs/network.md example ends
  return stack;
}

describe('the TypeScript example of docs/network.md', () => {
  it('synthesizes a network with a single NAT gateway, an isolated tier and the database beside it', () => {
    const template = Template.fromStack(exampleStack(Testing.app()));
    template.resourceCountIs('aws_nat_gateway', 1);
    template.resourceCountIs('aws_subnet', 6);
    template.resourceMatches('aws_db_subnet_group', 'database-subnets', {
      subnet_ids: ['eu-west-1a', 'eu-west-1b'].map((zone) => template.ref('aws_subnet', `network/${zone}/isolated-subnet`)),
    });
    template.resourceMatches('aws_security_group', 'database', {
      vpc_id: template.ref('aws_vpc', 'network/vpc'),
      ingress: [{ from_port: 5432, cidr_blocks: ['10.50.0.0/19', '10.50.32.0/19'] }],
    });
  });
});
