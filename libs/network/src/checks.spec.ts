import { formatPropPath } from '@ecs-platform/construct-props';
import { checkAvailabilityZones, checkNetworkProps, checkSubnetCidrs, checkWorkloadEgress } from './checks';
import type { NetworkProps } from './props';

const props: NetworkProps = {
  name: 'dev',
  tier: 'non-production',
  accountId: '210987654321',
  region: 'eu-west-1',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  vpcCidr: '10.20.0.0/16',
  natGateways: 'single',
};

describe('network checks', () => {
  it('accept valid props', () => {
    expect(checkNetworkProps(props)).toEqual([]);
  });

  it('name the prop a message refers to the way the caller asks', () => {
    const subnets = { public: ['10.20.0.0/24', '10.20.1.0/24'], private: ['10.20.0.0/20', '10.20.32.0/20'] };
    const definitionField = (path: readonly (string | number)[]): string => formatPropPath(['network', ...path]);
    expect(checkSubnetCidrs({ ...props, subnets }, { fieldName: definitionField })).toEqual([
      { path: ['subnets', 'private', 0], message: '10.20.0.0/20 overlaps network.subnets.public[0] (10.20.0.0/24)' },
    ]);
  });

  it('refuse a network without NAT and without endpoints for workloads, whatever the tier', () => {
    const message = 'must be true when natGateways is "none": services in private subnets could not pull images, write logs or read secrets';
    expect(checkWorkloadEgress({ tier: 'non-production', natGateways: 'none' })).toEqual([{ path: ['vpcEndpoints'], message }]);
    expect(checkWorkloadEgress({ tier: 'non-production', natGateways: 'none', vpcEndpoints: true })).toEqual([]);
    // Production turns the endpoints on by default.
    expect(checkWorkloadEgress({ natGateways: 'none' })).toEqual([]);
    expect(checkWorkloadEgress({ natGateways: 'none', vpcEndpoints: false })).toEqual([{ path: ['vpcEndpoints'], message }]);
  });

  it('take zones only by their names in the region', () => {
    expect(checkAvailabilityZones({ region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'euw1-az2', 'eu-west-12'] })).toEqual([
      { path: ['availabilityZones', 1], message: '"euw1-az2" is not an availability zone of region eu-west-1' },
      { path: ['availabilityZones', 2], message: '"eu-west-12" is not an availability zone of region eu-west-1' },
    ]);
  });
});
