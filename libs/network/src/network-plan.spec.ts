import { planNetwork } from './network-plan';
import { devDefinition, prodDefinition } from './test-support';

describe('planNetwork', () => {
  it('applies the tier presets when the definition is silent', () => {
    expect(planNetwork(devDefinition())).toMatchObject({ isolatedSubnets: false, vpcEndpoints: false, flowLogRetentionDays: 30 });
    expect(planNetwork(prodDefinition())).toMatchObject({ isolatedSubnets: false, vpcEndpoints: true, flowLogRetentionDays: 365 });
  });

  it('lets the definition override the presets', () => {
    expect(planNetwork(devDefinition({ vpcEndpoints: true, flowLogRetentionDays: 7, isolatedSubnets: true }))).toMatchObject({
      isolatedSubnets: true,
      vpcEndpoints: true,
      flowLogRetentionDays: 7,
    });
  });

  it('puts a single NAT gateway in the first AZ and routes every AZ through it', () => {
    const zones = planNetwork(devDefinition({ natGateways: 'single' })).zones;
    expect(zones.map((z) => [z.availabilityZone, z.hostsNatGateway, z.natGatewayZone])).toEqual([
      ['eu-west-1a', true, 'eu-west-1a'],
      ['eu-west-1b', false, 'eu-west-1a'],
    ]);
  });

  it('gives every AZ its own NAT gateway with one-per-az, and none with none', () => {
    expect(planNetwork(prodDefinition()).zones.every((z) => z.hostsNatGateway && z.natGatewayZone === z.availabilityZone)).toBe(true);
    expect(planNetwork(devDefinition({ natGateways: 'none' })).zones.some((z) => z.hostsNatGateway || z.natGatewayZone)).toBe(false);
  });

  it('rejects explicit subnets that do not cover every AZ (validation normally catches this first)', () => {
    expect(() => planNetwork(devDefinition({ subnets: { public: ['10.20.0.0/24'], private: ['10.20.16.0/20', '10.20.32.0/20'] } }))).toThrow(
      'network.subnets.public lists 1 subnets for 2 availability zones',
    );
    expect(() =>
      planNetwork(
        devDefinition({ isolatedSubnets: true, subnets: { public: ['10.20.0.0/24', '10.20.1.0/24'], private: ['10.20.16.0/20', '10.20.32.0/20'] } }),
      ),
    ).toThrow('network.subnets.isolated must list one subnet per availability zone when isolatedSubnets is true');
  });
});
