import { planNetwork } from './network-plan';
import type { NetworkProps } from './props';

const dev = (more: Partial<NetworkProps> = {}): NetworkProps => ({
  name: 'dev',
  tier: 'non-production',
  accountId: '210987654321',
  region: 'eu-west-1',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  vpcCidr: '10.20.0.0/16',
  natGateways: 'single',
  ...more,
});

const prod = (more: Partial<NetworkProps> = {}): NetworkProps => ({
  name: 'prod',
  accountId: '456789012345',
  region: 'eu-central-1',
  availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
  vpcCidr: '10.40.0.0/16',
  ...more,
});

describe('planNetwork', () => {
  it("applies the tier's defaults when the props are silent", () => {
    expect(planNetwork(dev())).toMatchObject({ tier: 'non-production', isolatedSubnets: false, vpcEndpoints: false, flowLogRetentionDays: 30 });
    expect(planNetwork(prod())).toMatchObject({
      tier: 'production',
      natGateways: 'one-per-az',
      isolatedSubnets: false,
      vpcEndpoints: true,
      flowLogRetentionDays: 365,
    });
  });

  it('lets the props override the defaults', () => {
    expect(planNetwork(dev({ vpcEndpoints: true, flowLogRetentionDays: 7, isolatedSubnets: true }))).toMatchObject({
      isolatedSubnets: true,
      vpcEndpoints: true,
      flowLogRetentionDays: 7,
    });
  });

  it('puts a single NAT gateway in the first AZ and routes every AZ through it', () => {
    const zones = planNetwork(dev({ natGateways: 'single' })).zones;
    expect(zones.map((z) => [z.availabilityZone, z.hostsNatGateway, z.natGatewayZone])).toEqual([
      ['eu-west-1a', true, 'eu-west-1a'],
      ['eu-west-1b', false, 'eu-west-1a'],
    ]);
  });

  it('gives every AZ its own NAT gateway with one-per-az, and none with none', () => {
    expect(planNetwork(prod()).zones.every((z) => z.hostsNatGateway && z.natGatewayZone === z.availabilityZone)).toBe(true);
    expect(planNetwork(dev({ natGateways: 'none' })).zones.some((z) => z.hostsNatGateway || z.natGatewayZone)).toBe(false);
  });

  it('refuses props the checks refuse, naming every problem', () => {
    expect(() => planNetwork(dev({ subnets: { public: ['10.20.0.0/24'], private: ['10.20.16.0/20', '10.20.32.0/20'] } }))).toThrow(
      'invalid network props:\n  subnets.public: lists 1 subnets for 2 availability zones; give one per zone, in order',
    );
    expect(() => planNetwork(prod({ natGateways: 'single' }))).toThrow('natGateways: production tier needs "one-per-az"');
  });
});
