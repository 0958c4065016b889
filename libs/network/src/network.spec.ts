import { InvalidPropsError } from '@ecs-platform/construct-props';
import { Match, Template, testStack } from '@ecs-platform/testing';
import { Network } from './network';
import type { NetworkProps } from './props';

/** A non-production network like environments/dev; tests override what they exercise. */
function devProps(more: Partial<NetworkProps> = {}): NetworkProps {
  return {
    name: 'dev',
    tier: 'non-production',
    accountId: '210987654321',
    region: 'eu-west-1',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    vpcCidr: '10.20.0.0/16',
    natGateways: 'single',
    ...more,
  };
}

/** A production network like environments/prod, leaving tier and NAT strategy to their defaults. */
function prodProps(more: Partial<NetworkProps> = {}): NetworkProps {
  return {
    name: 'prod',
    accountId: '456789012345',
    region: 'eu-central-1',
    availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
    vpcCidr: '10.40.0.0/16',
    ...more,
  };
}

function synth(props: NetworkProps): { network: Network; template: Template } {
  const stack = testStack('test');
  const network = new Network(stack, 'network', props);
  return { network, template: Template.fromStack(stack) };
}

/** The error the constructor throws for these props. */
function refusal(props: NetworkProps): InvalidPropsError {
  try {
    new Network(testStack('test'), 'network', props);
  } catch (error) {
    if (error instanceof InvalidPropsError) return error;
    throw error;
  }
  throw new Error('the props were accepted');
}

const messages = (props: NetworkProps): string[] => refusal(props).problems.map((p) => `${p.path.join('.')}: ${p.message}`);

describe('Network: VPC and subnets', () => {
  const { template: dev } = synth(devProps());

  it('creates a VPC with DNS support and hostnames', () => {
    dev.hasResourceProperties('aws_vpc', { cidr_block: '10.20.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
  });

  it('creates one public and one private subnet per AZ with the derived CIDRs, none mapping public IPs', () => {
    const subnets = dev.findResources('aws_subnet');
    expect(Object.keys(subnets).sort()).toEqual([
      'network/eu-west-1a/private-subnet',
      'network/eu-west-1a/public-subnet',
      'network/eu-west-1b/private-subnet',
      'network/eu-west-1b/public-subnet',
    ]);
    dev.resourceMatches('aws_subnet', 'network/eu-west-1a/private-subnet', { cidr_block: '10.20.0.0/19', availability_zone: 'eu-west-1a' });
    dev.resourceMatches('aws_subnet', 'network/eu-west-1b/private-subnet', { cidr_block: '10.20.32.0/19', availability_zone: 'eu-west-1b' });
    dev.resourceMatches('aws_subnet', 'network/eu-west-1a/public-subnet', { cidr_block: '10.20.192.0/22', availability_zone: 'eu-west-1a' });
    dev.resourceMatches('aws_subnet', 'network/eu-west-1b/public-subnet', { cidr_block: '10.20.196.0/22', availability_zone: 'eu-west-1b' });
    expect(Object.keys(dev.findResources('aws_subnet', { map_public_ip_on_launch: false }))).toHaveLength(4);
  });

  it('uses explicit subnet CIDRs when given', () => {
    const { template } = synth(devProps({ subnets: { public: ['10.20.0.0/24', '10.20.1.0/24'], private: ['10.20.16.0/20', '10.20.32.0/20'] } }));
    template.resourceMatches('aws_subnet', 'network/eu-west-1b/public-subnet', { cidr_block: '10.20.1.0/24' });
    template.resourceMatches('aws_subnet', 'network/eu-west-1a/private-subnet', { cidr_block: '10.20.16.0/20' });
  });

  it('keeps every existing address and CIDR when an AZ is appended', () => {
    const { template: threeZones } = synth(devProps({ availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] }));
    for (const resource of dev.resources()) {
      const after = threeZones.resources(resource.type).find((other) => other.logicalId === resource.logicalId);
      expect({ address: `${resource.type}.${resource.logicalId}`, config: after?.config }).toEqual({
        address: `${resource.type}.${resource.logicalId}`,
        config: resource.config,
      });
    }
    threeZones.resourceMatches('aws_subnet', 'network/eu-west-1c/private-subnet', { cidr_block: '10.20.64.0/19' });
  });

  it("keeps the other zones' subnets when an AZ is removed or the list reordered", () => {
    const zoneSubnets = (zones: string[]): Record<string, unknown> =>
      Object.fromEntries(
        synth(devProps({ natGateways: 'one-per-az', availabilityZones: zones }))
          .template.resources('aws_subnet')
          .map((subnet) => [subnet.logicalId, subnet.config.cidr_block]),
      );
    const all = zoneSubnets(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    const withoutA = zoneSubnets(['eu-west-1b', 'eu-west-1c']);
    const reordered = zoneSubnets(['eu-west-1c', 'eu-west-1b', 'eu-west-1a']);
    for (const [address, cidr] of Object.entries(withoutA)) expect(all[address]).toBe(cidr);
    expect(reordered).toEqual(all);
  });

  it('adds an isolated tier with no routes when asked', () => {
    const { template: isolated, network } = synth(devProps({ isolatedSubnets: true }));
    isolated.resourceMatches('aws_subnet', 'network/eu-west-1a/isolated-subnet', { cidr_block: '10.20.224.0/22' });
    isolated.resourceMatches('aws_subnet', 'network/eu-west-1b/isolated-subnet', { cidr_block: '10.20.228.0/22' });
    const table = isolated.ref('aws_route_table', 'network/isolated-route-table');
    isolated.resourceMatches('aws_route_table_association', 'network/eu-west-1a/isolated-route-table-association', {
      route_table_id: table,
      subnet_id: isolated.ref('aws_subnet', 'network/eu-west-1a/isolated-subnet'),
    });
    expect(isolated.findResources('aws_route', { route_table_id: table })).toEqual({});
    isolated.resourceMatches('aws_route_table', 'network/isolated-route-table', { route: Match.absent() });
    isolated.hasOutput('isolated_subnet_ids', { value: Match.exact([Match.anyValue(), Match.anyValue()]) });
    expect(network.subnets.isolated).toHaveLength(2);
    expect(network.isolatedRouteTable).toBeDefined();
  });

  it('has no isolated tier by default', () => {
    expect(Object.keys(dev.findResources('aws_subnet')).some((path) => path.includes('isolated'))).toBe(false);
    expect(dev.outputs().isolated_subnet_ids).toBeUndefined();
  });
});

describe('Network: gateways and routes', () => {
  it('routes the public route table to the internet gateway and associates every public subnet', () => {
    const { template: dev } = synth(devProps());
    const publicTable = dev.ref('aws_route_table', 'network/public-route-table');
    dev.resourceMatches('aws_route', 'network/public-default-route', {
      route_table_id: publicTable,
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: dev.ref('aws_internet_gateway', 'network/internet-gateway'),
    });
    for (const zone of ['eu-west-1a', 'eu-west-1b']) {
      dev.resourceMatches('aws_route_table_association', `network/${zone}/public-route-table-association`, {
        route_table_id: publicTable,
        subnet_id: dev.ref('aws_subnet', `network/${zone}/public-subnet`),
      });
    }
  });

  it('one-per-az (the default): each private route table goes through the NAT gateway of its own AZ', () => {
    const { template: prod } = synth(prodProps());
    const zones = ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'];
    expect(Object.keys(prod.findResources('aws_nat_gateway')).sort()).toEqual(zones.map((z) => `network/${z}/nat-gateway`));
    for (const zone of zones) {
      prod.resourceMatches('aws_nat_gateway', `network/${zone}/nat-gateway`, {
        subnet_id: prod.ref('aws_subnet', `network/${zone}/public-subnet`),
        allocation_id: prod.ref('aws_eip', `network/${zone}/nat-eip`, 'allocation_id'),
      });
      prod.resourceMatches('aws_eip', `network/${zone}/nat-eip`, { domain: 'vpc' });
      prod.resourceMatches('aws_route', `network/${zone}/private-default-route`, {
        route_table_id: prod.ref('aws_route_table', `network/${zone}/private-route-table`),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: prod.ref('aws_nat_gateway', `network/${zone}/nat-gateway`),
      });
      prod.resourceMatches('aws_route_table_association', `network/${zone}/private-route-table-association`, {
        route_table_id: prod.ref('aws_route_table', `network/${zone}/private-route-table`),
        subnet_id: prod.ref('aws_subnet', `network/${zone}/private-subnet`),
      });
    }
  });

  it('single: one NAT gateway in the first AZ serves every private route table', () => {
    const { template: dev, network } = synth(devProps({ natGateways: 'single' }));
    expect(Object.keys(dev.findResources('aws_nat_gateway'))).toEqual(['network/eu-west-1a/nat-gateway']);
    expect(Object.keys(dev.findResources('aws_eip'))).toEqual(['network/eu-west-1a/nat-eip']);
    const nat = dev.ref('aws_nat_gateway', 'network/eu-west-1a/nat-gateway');
    dev.resourceMatches('aws_route', 'network/eu-west-1a/private-default-route', { nat_gateway_id: nat });
    dev.resourceMatches('aws_route', 'network/eu-west-1b/private-default-route', { nat_gateway_id: nat });
    expect(network.zones['eu-west-1a'].natGateway).toBeDefined();
    expect(network.zones['eu-west-1b'].natGateway).toBeUndefined();
  });

  it('none: no NAT gateway, no elastic IP and no default route for private subnets', () => {
    const { template: dev } = synth(devProps({ natGateways: 'none', vpcEndpoints: true }));
    dev.resourceCountIs('aws_nat_gateway', 0);
    dev.resourceCountIs('aws_eip', 0);
    expect(Object.keys(dev.findResources('aws_route'))).toEqual(['network/public-default-route']);
    expect(Object.keys(dev.findResources('aws_route_table')).sort()).toEqual([
      'network/eu-west-1a/private-route-table',
      'network/eu-west-1b/private-route-table',
      'network/public-route-table',
    ]);
  });

  it('moving from a single NAT to one per AZ keeps the existing NAT gateway address', () => {
    const single = synth(devProps({ natGateways: 'single' })).template;
    const perZone = synth(devProps({ natGateways: 'one-per-az' })).template;
    expect(perZone.resources('aws_nat_gateway').map((nat) => nat.logicalId)).toEqual(
      expect.arrayContaining(single.resources('aws_nat_gateway').map((nat) => nat.logicalId)),
    );
  });

  it('makes workloads wait for the NAT routes and, when on, the endpoints', () => {
    expect(synth(devProps({ natGateways: 'single' })).network.egressDependencies).toHaveLength(2);
    // 3 NAT routes, the S3 gateway endpoint and 5 interface endpoints.
    expect(synth(prodProps()).network.egressDependencies).toHaveLength(9);
  });
});

describe('Network: flow logs', () => {
  const { template: dev } = synth(devProps());
  const group = dev.resource('aws_cloudwatch_log_group', 'network/flow-logs/log-group');
  const groupArn = 'arn:aws:logs:eu-west-1:210987654321:log-group:/aws/vpc/flow-logs/dev';

  it('logs ALL traffic of the VPC to the log group through the role', () => {
    dev.resourceMatches('aws_flow_log', 'network/flow-logs/flow-log', {
      vpc_id: dev.ref('aws_vpc', 'network/vpc'),
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: dev.ref('aws_cloudwatch_log_group', 'network/flow-logs/log-group', 'arn'),
      iam_role_arn: dev.ref('aws_iam_role', 'network/flow-logs/role', 'arn'),
    });
  });

  it("keeps flow logs for the tier's default, or as long as asked", () => {
    expect(group.retention_in_days).toBe(30);
    synth(prodProps()).template.resourceMatches('aws_cloudwatch_log_group', 'network/flow-logs/log-group', { retention_in_days: 365 });
    synth(devProps({ flowLogRetentionDays: 90 })).template.resourceMatches('aws_cloudwatch_log_group', 'network/flow-logs/log-group', {
      retention_in_days: 90,
    });
    synth(prodProps({ flowLogRetentionDays: 400 })).template.resourceMatches('aws_cloudwatch_log_group', 'network/flow-logs/log-group', {
      retention_in_days: 400,
    });
  });

  it('trusts only VPC Flow Logs of this account', () => {
    dev.resourceMatches('aws_iam_role', 'network/flow-logs/role', {
      assume_role_policy: Match.serializedJson({
        Statement: [
          {
            Sid: 'TrustVpcFlowLogsOfThisAccount',
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '210987654321' },
              ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:eu-west-1:210987654321:vpc-flow-log/*' },
            },
          },
        ],
      }),
    });
  });

  it('lets the role write to that log group only', () => {
    dev.resourceMatches('aws_iam_role_policy', 'network/flow-logs/role-policy', {
      role: dev.ref('aws_iam_role', 'network/flow-logs/role'),
      policy: Match.serializedJson({
        Statement: [
          {
            Sid: 'WriteFlowLogGroupOnly',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [groupArn, `${groupArn}:*`],
          },
          {
            Sid: 'FindFlowLogGroup',
            Effect: 'Allow',
            Action: 'logs:DescribeLogGroups',
            Resource: 'arn:aws:logs:eu-west-1:210987654321:log-group:*',
          },
        ],
      }),
    });
    expect(group.name).toBe('/aws/vpc/flow-logs/dev');
  });

  it("encrypts the log group with a rotating key that only this region's Logs may use for this group", () => {
    expect(group.kms_key_id).toBe(dev.ref('aws_kms_key', 'network/flow-logs/key', 'arn'));
    const key = dev.resource('aws_kms_key', 'network/flow-logs/key');
    expect(key.enable_key_rotation).toBe(true);
    const logs = JSON.parse(key.policy).Statement.find((s: { Sid: string }) => s.Sid === 'LogsEncryptFlowLogGroup');
    expect(logs).toMatchObject({
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': groupArn } },
    });
  });
});

describe('Network: default security group', () => {
  it('is managed and has no rules', () => {
    const { template: dev } = synth(devProps());
    dev.resourceMatches('aws_default_security_group', 'network/default-security-group', {
      vpc_id: dev.ref('aws_vpc', 'network/vpc'),
      ingress: [],
      egress: [],
    });
  });
});

describe('Network: VPC endpoints', () => {
  const { template: prod, network } = synth(prodProps());
  const zones = ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'];

  it('are on by default in production and off by default otherwise', () => {
    expect(Object.keys(prod.findResources('aws_vpc_endpoint')).sort()).toEqual(
      ['ecr-api', 'ecr-dkr', 'logs', 's3', 'secretsmanager', 'ssm'].map((name) => `network/endpoints/${name}`),
    );
    synth(devProps()).template.resourceCountIs('aws_vpc_endpoint', 0);
  });

  it("follow the switch over the tier's default", () => {
    synth(prodProps({ vpcEndpoints: false })).template.resourceCountIs('aws_vpc_endpoint', 0);
    synth(devProps({ vpcEndpoints: true })).template.resourceCountIs('aws_vpc_endpoint', 6);
  });

  it('add ssmmessages only when ECS Exec is on', () => {
    synth(prodProps({ ecsExec: true })).template.resourceMatches('aws_vpc_endpoint', 'network/endpoints/ssmmessages', {
      service_name: 'com.amazonaws.eu-central-1.ssmmessages',
    });
    expect(prod.findResources('aws_vpc_endpoint')['network/endpoints/ssmmessages']).toBeUndefined();
  });

  it('route S3 through a gateway endpoint on the private route tables', () => {
    prod.resourceMatches('aws_vpc_endpoint', 'network/endpoints/s3', {
      service_name: 'com.amazonaws.eu-central-1.s3',
      vpc_endpoint_type: 'Gateway',
      route_table_ids: zones.map((zone) => prod.ref('aws_route_table', `network/${zone}/private-route-table`)),
    });
  });

  it('place interface endpoints with private DNS in the private subnets behind the endpoint security group', () => {
    const group = prod.ref('aws_security_group', 'network/endpoints/security-group');
    for (const [name, service] of [['ecr-api', 'ecr.api'], ['ecr-dkr', 'ecr.dkr'], ['logs', 'logs'], ['secretsmanager', 'secretsmanager'], ['ssm', 'ssm']]) {
      prod.resourceMatches('aws_vpc_endpoint', `network/endpoints/${name}`, {
        service_name: `com.amazonaws.eu-central-1.${service}`,
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: zones.map((zone) => prod.ref('aws_subnet', `network/${zone}/private-subnet`)),
        security_group_ids: [group],
      });
    }
    expect(network.endpointSecurityGroup).toBe(network.endpoints?.securityGroup);
  });

  it('admit HTTPS from the VPC CIDR only and allow no egress', () => {
    prod.resourceMatches('aws_security_group', 'network/endpoints/security-group', {
      ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.40.0.0/16'], security_groups: [], self: false }],
      egress: [],
    });
  });
});

describe('Network: outputs', () => {
  it('exposes typed ids for compute and Terraform outputs for operators', () => {
    const { template: prod, network } = synth(prodProps());
    const { outputs } = network;
    expect(outputs.availabilityZones).toEqual(['eu-central-1a', 'eu-central-1b', 'eu-central-1c']);
    expect(outputs.privateSubnetIds).toHaveLength(3);
    expect(outputs.privateRouteTableIds).toHaveLength(3);
    expect(outputs.isolatedSubnetIds).toEqual([]);
    expect(outputs.endpointSecurityGroupId).toBeDefined();
    expect(Object.keys(outputs.subnetIdsByZone)).toEqual(outputs.availabilityZones);
    prod.hasOutput('vpc_id', { value: prod.ref('aws_vpc', 'network/vpc') });
    prod.hasOutput('private_subnet_ids', {
      value: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'].map((zone) => prod.ref('aws_subnet', `network/${zone}/private-subnet`)),
    });
    prod.hasOutput('public_subnet_ids', { value: Match.exact([Match.anyValue(), Match.anyValue(), Match.anyValue()]) });
  });

  it('exposes the resources by tier and by zone', () => {
    const { network } = synth(prodProps());
    expect(Object.keys(network.zones)).toEqual(['eu-central-1a', 'eu-central-1b', 'eu-central-1c']);
    expect(network.subnets.private).toEqual(Object.values(network.zones).map((zone) => zone.privateSubnet));
    expect(network.subnets.public).toEqual(Object.values(network.zones).map((zone) => zone.publicSubnet));
    expect(network.subnets.isolated).toEqual([]);
    expect(network.zones['eu-central-1b'].privateRouteTable.node.path).toBe('test/network/eu-central-1b/private-route-table');
    expect(network.zones['eu-central-1b'].natGateway?.node.path).toBe('test/network/eu-central-1b/nat-gateway');
    expect(network.publicRouteTable.node.path).toBe('test/network/public-route-table');
    expect(network.internetGateway.node.path).toBe('test/network/internet-gateway');
  });

  it('can leave Terraform outputs to the caller', () => {
    expect(synth(devProps({ outputs: false })).template.outputs()).toEqual({});
  });

  it('pins the resource addresses of the dev network', () => {
    const addresses = synth(devProps()).template.resources().map((resource) => `${resource.type}.${resource.logicalId}`);
    expect(addresses.sort()).toMatchSnapshot();
  });
});

describe('Network: tier', () => {
  it('is production unless told otherwise: endpoints on, a year of flow logs', () => {
    const { network, template } = synth(prodProps());
    expect(network.plan).toMatchObject({ tier: 'production', natGateways: 'one-per-az', vpcEndpoints: true, flowLogRetentionDays: 365 });
    template.resourceCountIs('aws_nat_gateway', 3);
  });

  it('refuses anything but a NAT gateway per zone in production', () => {
    expect(messages(prodProps({ natGateways: 'single' }))).toEqual([
      'natGateways: production tier needs "one-per-az" so that losing one availability zone does not cut the others off; got "single"',
    ]);
    expect(messages(prodProps({ tier: 'production', natGateways: 'none' }))).toEqual([
      'natGateways: production tier needs "one-per-az" so that losing one availability zone does not cut the others off; got "none"',
    ]);
  });

  it('refuses production flow logs kept shorter than a year, and lets other tiers keep them shorter', () => {
    expect(messages(prodProps({ flowLogRetentionDays: 90 }))).toEqual([
      'flowLogRetentionDays: production tier keeps flow logs at least 365 days for incident investigation; got 90',
    ]);
    synth(devProps({ flowLogRetentionDays: 7 })).template.resourceMatches('aws_cloudwatch_log_group', 'network/flow-logs/log-group', {
      retention_in_days: 7,
    });
  });
});

describe('Network: refused props', () => {
  it('lists every problem at once, with the construct path', () => {
    const error = refusal(prodProps({ natGateways: 'single', flowLogRetentionDays: 45, availabilityZones: ['eu-central-1a'] }));
    expect(error.message).toBe(
      [
        'test/network: 3 invalid props',
        '  availabilityZones: must list at least 2, got 1',
        '  natGateways: production tier needs "one-per-az" so that losing one availability zone does not cut the others off; got "single"',
        '  flowLogRetentionDays: 45 days is not a retention period CloudWatch Logs offers; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
      ].join('\n'),
    );
  });

  it.each<[string, Partial<NetworkProps>, string[]]>([
    ['a zone of another region', { availabilityZones: ['eu-west-1a', 'eu-central-1b'] }, ['availabilityZones.1: "eu-central-1b" is not an availability zone of region eu-west-1']],
    ['a zone twice', { availabilityZones: ['eu-west-1a', 'eu-west-1a'] }, ['availabilityZones.1: "eu-west-1a" is listed twice']],
    ['a malformed VPC CIDR', { vpcCidr: '10.20.0/16' }, ['vpcCidr: "10.20.0/16" is not an IPv4 CIDR block like 10.0.0.0/16']],
    ['a VPC CIDR with host bits', { vpcCidr: '10.20.1.0/16' }, ['vpcCidr: "10.20.1.0/16" has host bits set; the network address is 10.20.0.0/16']],
    ['a VPC larger than AWS allows', { vpcCidr: '10.0.0.0/8' }, ['vpcCidr: AWS allows VPC CIDR blocks from /16 to /28, got /8']],
    [
      'a VPC too small to derive subnets',
      { vpcCidr: '10.20.0.0/24' },
      ['vpcCidr: a /24 VPC is too small for the derived subnet plan (needs /22 or larger, so that public subnets are at least /28); use a larger VPC or list the subnets explicitly'],
    ],
    [
      'explicit subnets not one per zone, outside the VPC, too small and overlapping',
      { subnets: { public: ['10.20.0.0/24', '10.21.0.0/24', '10.20.9.0/29'], private: ['10.20.0.0/20', '10.20.1.0/24'] } },
      [
        'subnets.public: lists 3 subnets for 2 availability zones; give one per zone, in order',
        'subnets.public.1: 10.21.0.0/24 does not fit inside the VPC 10.20.0.0/16',
        'subnets.public.2: 10.20.9.0/29 is smaller than /28, the smallest subnet AWS allows',
        'subnets.private.0: 10.20.0.0/20 overlaps subnets.public[0] (10.20.0.0/24)',
        'subnets.private.1: 10.20.1.0/24 overlaps subnets.private[0] (10.20.0.0/20)',
      ],
    ],
    ['an explicit subnet that is no CIDR', { subnets: { public: ['10.20.0.0/24', 'ten'], private: ['10.20.16.0/20', '10.20.32.0/20'] } }, ['subnets.public.1: "ten" is not an IPv4 CIDR block like 10.0.0.0/16']],
    [
      'explicit isolated subnets without the switch',
      { subnets: { public: ['10.20.0.0/24', '10.20.1.0/24'], private: ['10.20.16.0/20', '10.20.32.0/20'], isolated: ['10.20.2.0/24', '10.20.3.0/24'] } },
      ['subnets.isolated: lists isolated subnets but "isolatedSubnets" is not true; set it or remove the list'],
    ],
    [
      'the switch with explicit subnets but no isolated list',
      { isolatedSubnets: true, subnets: { public: ['10.20.0.0/24', '10.20.1.0/24'], private: ['10.20.16.0/20', '10.20.32.0/20'] } },
      ['subnets: needs an "isolated" list (one per availability zone) because "isolatedSubnets" is true'],
    ],
    [
      'a flow-log retention CloudWatch does not offer',
      { flowLogRetentionDays: 45 },
      ['flowLogRetentionDays: 45 days is not a retention period CloudWatch Logs offers; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653'],
    ],
  ])('refuses %s', (_, change, expected) => {
    expect(messages(devProps(change))).toEqual(expected);
  });
});
