import 'cdktf/lib/testing/adapters/jest'; // types of the CDKTF Jest matchers
import { Testing } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { devDefinition, prodDefinition, ref, synthNetwork } from './test-support';

Testing.setupJest();

describe('Network: VPC and subnets', () => {
  const dev = synthNetwork(devDefinition());

  it('creates a VPC with DNS support and hostnames', () => {
    expect(dev.synthesized).toHaveResourceWithProperties(Vpc, {
      cidr_block: '10.20.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
  });

  it('creates one public and one private subnet per AZ with the derived CIDRs, none mapping public IPs', () => {
    const subnets = dev.resources('aws_subnet');
    expect(Object.keys(subnets).sort()).toEqual([
      'network/eu-west-1a/private-subnet',
      'network/eu-west-1a/public-subnet',
      'network/eu-west-1b/private-subnet',
      'network/eu-west-1b/public-subnet',
    ]);
    expect(subnets['network/eu-west-1a/private-subnet']).toMatchObject({ cidr_block: '10.20.0.0/19', availability_zone: 'eu-west-1a' });
    expect(subnets['network/eu-west-1b/private-subnet']).toMatchObject({ cidr_block: '10.20.32.0/19', availability_zone: 'eu-west-1b' });
    expect(subnets['network/eu-west-1a/public-subnet']).toMatchObject({ cidr_block: '10.20.192.0/22', availability_zone: 'eu-west-1a' });
    expect(subnets['network/eu-west-1b/public-subnet']).toMatchObject({ cidr_block: '10.20.196.0/22', availability_zone: 'eu-west-1b' });
    for (const subnet of Object.values(subnets)) expect(subnet.map_public_ip_on_launch).toBe(false);
  });

  it('uses explicit subnet CIDRs when the definition gives them', () => {
    const explicit = synthNetwork(
      devDefinition({ subnets: { public: ['10.20.0.0/24', '10.20.1.0/24'], private: ['10.20.16.0/20', '10.20.32.0/20'] } }),
    );
    const subnets = explicit.resources('aws_subnet');
    expect(subnets['network/eu-west-1b/public-subnet'].cidr_block).toBe('10.20.1.0/24');
    expect(subnets['network/eu-west-1a/private-subnet'].cidr_block).toBe('10.20.16.0/20');
  });

  it('keeps every existing address and CIDR when an AZ is appended', () => {
    const threeZones = synthNetwork(devDefinition({}, { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] }));
    const before = dev.json.resource as Record<string, Record<string, unknown>>;
    const after = threeZones.json.resource as Record<string, Record<string, unknown>>;
    for (const [type, resources] of Object.entries(before)) {
      for (const [name, body] of Object.entries(resources)) {
        expect({ address: `${type}.${name}`, body: after[type]?.[name] }).toEqual({ address: `${type}.${name}`, body });
      }
    }
    expect(threeZones.resources('aws_subnet')['network/eu-west-1c/private-subnet'].cidr_block).toBe('10.20.64.0/19');
  });

  it('keeps the other zones\' subnets when an AZ is removed or the list reordered', () => {
    const zoneSubnets = (zones: string[]): Record<string, unknown> => {
      const { json } = synthNetwork(devDefinition({ natGateways: 'one-per-az' }, { availabilityZones: zones }));
      return Object.fromEntries(
        Object.entries(json.resource.aws_subnet as Record<string, Record<string, unknown>>).map(([name, body]) => [name, body.cidr_block]),
      );
    };
    const all = zoneSubnets(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    const withoutA = zoneSubnets(['eu-west-1b', 'eu-west-1c']);
    const reordered = zoneSubnets(['eu-west-1c', 'eu-west-1b', 'eu-west-1a']);
    for (const [address, cidr] of Object.entries(withoutA)) expect(all[address]).toBe(cidr);
    expect(reordered).toEqual(all);
  });

  it('adds an isolated tier with no routes when asked', () => {
    const isolated = synthNetwork(devDefinition({ isolatedSubnets: true }));
    const subnets = isolated.resources('aws_subnet');
    expect(subnets['network/eu-west-1a/isolated-subnet'].cidr_block).toBe('10.20.224.0/22');
    expect(subnets['network/eu-west-1b/isolated-subnet'].cidr_block).toBe('10.20.228.0/22');
    const table = ref(isolated, 'aws_route_table', 'network/isolated-route-table');
    const associations = isolated.resources('aws_route_table_association');
    expect(associations['network/eu-west-1a/isolated-route-table-association']).toMatchObject({
      route_table_id: table,
      subnet_id: ref(isolated, 'aws_subnet', 'network/eu-west-1a/isolated-subnet'),
    });
    const routes = Object.values(isolated.resources('aws_route'));
    expect(routes.filter((route) => route.route_table_id === table)).toEqual([]);
    expect(isolated.resources('aws_route_table')['network/isolated-route-table'].route).toBeUndefined();
    expect(isolated.json.output.isolated_subnet_ids.value).toHaveLength(2);
  });

  it('has no isolated tier by default', () => {
    expect(Object.keys(dev.resources('aws_subnet')).some((path) => path.includes('isolated'))).toBe(false);
    expect(dev.json.output.isolated_subnet_ids).toBeUndefined();
  });
});

describe('Network: gateways and routes', () => {
  it('routes the public route table to the internet gateway and associates every public subnet', () => {
    const dev = synthNetwork(devDefinition());
    const publicTable = ref(dev, 'aws_route_table', 'network/public-route-table');
    expect(dev.resources('aws_route')['network/public-default-route']).toMatchObject({
      route_table_id: publicTable,
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: ref(dev, 'aws_internet_gateway', 'network/internet-gateway'),
    });
    for (const zone of ['eu-west-1a', 'eu-west-1b']) {
      expect(dev.resources('aws_route_table_association')[`network/${zone}/public-route-table-association`]).toMatchObject({
        route_table_id: publicTable,
        subnet_id: ref(dev, 'aws_subnet', `network/${zone}/public-subnet`),
      });
    }
  });

  it('one-per-az: each private route table goes through the NAT gateway of its own AZ', () => {
    const prod = synthNetwork(prodDefinition());
    const zones = ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'];
    expect(Object.keys(prod.resources('aws_nat_gateway')).sort()).toEqual(zones.map((z) => `network/${z}/nat-gateway`));
    for (const zone of zones) {
      expect(prod.resources('aws_nat_gateway')[`network/${zone}/nat-gateway`]).toMatchObject({
        subnet_id: ref(prod, 'aws_subnet', `network/${zone}/public-subnet`),
        allocation_id: ref(prod, 'aws_eip', `network/${zone}/nat-eip`, 'allocation_id'),
      });
      expect(prod.resources('aws_eip')[`network/${zone}/nat-eip`].domain).toBe('vpc');
      expect(prod.resources('aws_route')[`network/${zone}/private-default-route`]).toMatchObject({
        route_table_id: ref(prod, 'aws_route_table', `network/${zone}/private-route-table`),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref(prod, 'aws_nat_gateway', `network/${zone}/nat-gateway`),
      });
      expect(prod.resources('aws_route_table_association')[`network/${zone}/private-route-table-association`]).toMatchObject({
        route_table_id: ref(prod, 'aws_route_table', `network/${zone}/private-route-table`),
        subnet_id: ref(prod, 'aws_subnet', `network/${zone}/private-subnet`),
      });
    }
  });

  it('single: one NAT gateway in the first AZ serves every private route table', () => {
    const dev = synthNetwork(devDefinition({ natGateways: 'single' }));
    expect(Object.keys(dev.resources('aws_nat_gateway'))).toEqual(['network/eu-west-1a/nat-gateway']);
    expect(Object.keys(dev.resources('aws_eip'))).toEqual(['network/eu-west-1a/nat-eip']);
    const nat = ref(dev, 'aws_nat_gateway', 'network/eu-west-1a/nat-gateway');
    expect(dev.resources('aws_route')['network/eu-west-1a/private-default-route'].nat_gateway_id).toBe(nat);
    expect(dev.resources('aws_route')['network/eu-west-1b/private-default-route'].nat_gateway_id).toBe(nat);
  });

  it('none: no NAT gateway, no elastic IP and no default route for private subnets', () => {
    const dev = synthNetwork(devDefinition({ natGateways: 'none' }));
    expect(dev.resources('aws_nat_gateway')).toEqual({});
    expect(dev.resources('aws_eip')).toEqual({});
    expect(Object.keys(dev.resources('aws_route'))).toEqual(['network/public-default-route']);
    expect(Object.keys(dev.resources('aws_route_table')).sort()).toEqual([
      'network/eu-west-1a/private-route-table',
      'network/eu-west-1b/private-route-table',
      'network/public-route-table',
    ]);
  });

  it('moving from a single NAT to one per AZ keeps the existing NAT gateway address', () => {
    const single = synthNetwork(devDefinition({ natGateways: 'single' }));
    const perZone = synthNetwork(devDefinition({ natGateways: 'one-per-az' }));
    expect(Object.keys(perZone.json.resource.aws_nat_gateway)).toEqual(
      expect.arrayContaining(Object.keys(single.json.resource.aws_nat_gateway)),
    );
  });
});

describe('Network: flow logs', () => {
  const dev = synthNetwork(devDefinition());
  const group = dev.resources('aws_cloudwatch_log_group')['network/flow-logs/log-group'];
  const groupArn = 'arn:aws:logs:eu-west-1:210987654321:log-group:/aws/vpc/flow-logs/dev';

  it('logs ALL traffic of the VPC to the log group through the role', () => {
    expect(dev.resources('aws_flow_log')['network/flow-logs/flow-log']).toMatchObject({
      vpc_id: ref(dev, 'aws_vpc', 'network/vpc'),
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: ref(dev, 'aws_cloudwatch_log_group', 'network/flow-logs/log-group', 'arn'),
      iam_role_arn: ref(dev, 'aws_iam_role', 'network/flow-logs/role', 'arn'),
    });
  });

  it('keeps flow logs for the tier preset, or the definition override', () => {
    expect(group.retention_in_days).toBe(30);
    const prod = synthNetwork(prodDefinition());
    expect(prod.resources('aws_cloudwatch_log_group')['network/flow-logs/log-group'].retention_in_days).toBe(365);
    const longer = synthNetwork(devDefinition({ flowLogRetentionDays: 90 }));
    expect(longer.resources('aws_cloudwatch_log_group')['network/flow-logs/log-group'].retention_in_days).toBe(90);
  });

  it('trusts only VPC Flow Logs of this account', () => {
    const trust = JSON.parse(dev.resources('aws_iam_role')['network/flow-logs/role'].assume_role_policy);
    expect(trust.Statement).toEqual([
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
    ]);
  });

  it('lets the role write to that log group only', () => {
    const policy = dev.resources('aws_iam_role_policy')['network/flow-logs/role-policy'];
    expect(policy.role).toBe(ref(dev, 'aws_iam_role', 'network/flow-logs/role'));
    expect(JSON.parse(policy.policy).Statement).toEqual([
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
    ]);
    expect(group.name).toBe('/aws/vpc/flow-logs/dev');
  });

  it('encrypts the log group with a rotating key that only this region\'s Logs may use for this group', () => {
    const key = dev.resources('aws_kms_key')['network/flow-logs/key'];
    expect(group.kms_key_id).toBe(ref(dev, 'aws_kms_key', 'network/flow-logs/key', 'arn'));
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
    const dev = synthNetwork(devDefinition());
    expect(dev.resources('aws_default_security_group')['network/default-security-group']).toMatchObject({
      vpc_id: ref(dev, 'aws_vpc', 'network/vpc'),
      ingress: [],
      egress: [],
    });
  });
});

describe('Network: VPC endpoints', () => {
  const prod = synthNetwork(prodDefinition());
  const zones = ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'];
  const endpoints = prod.resources('aws_vpc_endpoint');

  it('are on by default in production and off by default otherwise', () => {
    expect(Object.keys(endpoints).sort()).toEqual(
      ['ecr-api', 'ecr-dkr', 'logs', 's3', 'secretsmanager', 'ssm'].map((name) => `network/endpoints/${name}`),
    );
    expect(synthNetwork(devDefinition()).resources('aws_vpc_endpoint')).toEqual({});
  });

  it('follow the definition switch over the tier preset', () => {
    expect(synthNetwork(prodDefinition({ vpcEndpoints: false })).resources('aws_vpc_endpoint')).toEqual({});
    expect(Object.keys(synthNetwork(devDefinition({ vpcEndpoints: true })).resources('aws_vpc_endpoint'))).toHaveLength(6);
  });

  it('add ssmmessages only when ECS Exec is on', () => {
    const exec = synthNetwork(prodDefinition(), { ecsExec: true }).resources('aws_vpc_endpoint');
    expect(exec['network/endpoints/ssmmessages']).toMatchObject({ service_name: 'com.amazonaws.eu-central-1.ssmmessages' });
    expect(endpoints['network/endpoints/ssmmessages']).toBeUndefined();
  });

  it('route S3 through a gateway endpoint on the private route tables', () => {
    expect(endpoints['network/endpoints/s3']).toMatchObject({
      service_name: 'com.amazonaws.eu-central-1.s3',
      vpc_endpoint_type: 'Gateway',
      route_table_ids: zones.map((zone) => ref(prod, 'aws_route_table', `network/${zone}/private-route-table`)),
    });
  });

  it('place interface endpoints with private DNS in the private subnets behind the endpoint security group', () => {
    const group = ref(prod, 'aws_security_group', 'network/endpoints/security-group');
    for (const [name, service] of [['ecr-api', 'ecr.api'], ['ecr-dkr', 'ecr.dkr'], ['logs', 'logs'], ['secretsmanager', 'secretsmanager'], ['ssm', 'ssm']]) {
      expect(endpoints[`network/endpoints/${name}`]).toMatchObject({
        service_name: `com.amazonaws.eu-central-1.${service}`,
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: zones.map((zone) => ref(prod, 'aws_subnet', `network/${zone}/private-subnet`)),
        security_group_ids: [group],
      });
    }
  });

  it('admit HTTPS from the VPC CIDR only and allow no egress', () => {
    const group = prod.resources('aws_security_group')['network/endpoints/security-group'];
    expect(group.ingress).toEqual([
      expect.objectContaining({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.40.0.0/16'], security_groups: [], self: false }),
    ]);
    expect(group.egress).toEqual([]);
  });
});

describe('Network: outputs', () => {
  it('exposes typed ids for compute and Terraform outputs for operators', () => {
    const prod = synthNetwork(prodDefinition());
    const { outputs } = prod.network;
    expect(outputs.availabilityZones).toEqual(['eu-central-1a', 'eu-central-1b', 'eu-central-1c']);
    expect(outputs.privateSubnetIds).toHaveLength(3);
    expect(outputs.privateRouteTableIds).toHaveLength(3);
    expect(outputs.isolatedSubnetIds).toEqual([]);
    expect(outputs.endpointSecurityGroupId).toBeDefined();
    expect(Object.keys(outputs.subnetIdsByZone)).toEqual(outputs.availabilityZones);
    expect(prod.json.output.vpc_id.value).toBe(ref(prod, 'aws_vpc', 'network/vpc'));
    expect(prod.json.output.private_subnet_ids.value).toEqual(
      ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'].map((zone) => ref(prod, 'aws_subnet', `network/${zone}/private-subnet`)),
    );
    expect(prod.json.output.public_subnet_ids.value).toHaveLength(3);
  });

  it('can leave Terraform outputs to the caller', () => {
    expect(synthNetwork(devDefinition(), { outputs: false }).json.output).toBeUndefined();
  });

  it('pins the resource addresses of the dev network', () => {
    const dev = synthNetwork(devDefinition());
    const addresses = Object.entries(dev.json.resource as Record<string, Record<string, unknown>>).flatMap(([type, resources]) =>
      Object.keys(resources).map((name) => `${type}.${name}`),
    );
    expect(addresses.sort()).toMatchSnapshot();
  });
});
