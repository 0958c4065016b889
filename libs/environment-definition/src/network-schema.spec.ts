import { formatProblem } from './load';
import { type Definition, problemsAfter, validateChanged as validate } from './test-fixtures';

// The network fields of issue 3: isolatedSubnets, vpcEndpoints, flowLogRetentionDays.
const threeSubnets = (third: number) => [0, 1, 2].map((i) => `10.40.${third + i}.0/24`);

describe('network definition fields', () => {
  it('are optional and keep their values when given', () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
    const result = validate((d) => Object.assign(d.network, { isolatedSubnets: true, vpcEndpoints: false, flowLogRetentionDays: 400 }));
    expect(result.ok && result.value.network).toMatchObject({ isolatedSubnets: true, vpcEndpoints: false, flowLogRetentionDays: 400 });
  });

  it.each<[string, (d: Definition) => void, string[]]>([
    ['isolatedSubnets not a boolean', (d) => (d.network.isolatedSubnets = 'yes'), ['network.isolatedSubnets: must be true or false, got the string "yes"']],
    ['vpcEndpoints not a boolean', (d) => (d.network.vpcEndpoints = 1), ['network.vpcEndpoints: must be true or false, got number 1']],
    [
      'retention not a whole number',
      (d) => (d.network.flowLogRetentionDays = 400.5),
      ['network.flowLogRetentionDays: must be a whole number, got number 400.5'],
    ],
    [
      'retention period not in the CloudWatch list',
      (d) => (d.network.flowLogRetentionDays = 45),
      [
        'network.flowLogRetentionDays: 45 days is not a retention period CloudWatch Logs offers; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
      ],
    ],
    [
      'production keeping flow logs shorter than its preset',
      (d) => (d.network.flowLogRetentionDays = 90),
      ['network.flowLogRetentionDays: production tier keeps flow logs at least 365 days for incident investigation; got 90'],
    ],
    [
      'explicit isolated subnets without the switch',
      (d) => (d.network.subnets = { public: threeSubnets(0), private: threeSubnets(10), isolated: threeSubnets(20) }),
      ['network.subnets.isolated: lists isolated subnets but "isolatedSubnets" is not true; set it or remove the list'],
    ],
    [
      'the switch with explicit subnets but no isolated list',
      (d) => Object.assign(d.network, { isolatedSubnets: true, subnets: { public: threeSubnets(0), private: threeSubnets(10) } }),
      ['network.subnets: needs an "isolated" list (one per availability zone) because "isolatedSubnets" is true'],
    ],
    [
      'no NAT and no endpoints while services run',
      (d) => Object.assign(d, { tier: 'non-production', network: { ...d.network, natGateways: 'none' } }),
      ['network.vpcEndpoints: must be true when natGateways is "none": services in private subnets could not pull images, write logs or read secrets'],
    ],
    ['a misspelt field', (d) => (d.network.vpcEndpoint = true), ['network.vpcEndpoint: unknown field (did you mean "vpcEndpoints"?)']],
  ])('reports %s', (_, change, expected) => {
    expect(problemsAfter(change)).toEqual(expected);
  });

  it('accepts no NAT when endpoints are on, or when no service runs', () => {
    expect(problemsAfter((d) => Object.assign(d, { tier: 'non-production', network: { ...d.network, natGateways: 'none', vpcEndpoints: true } }))).toEqual([]);
    expect(problemsAfter((d) => Object.assign(d, { tier: 'non-production', services: [], network: { ...d.network, natGateways: 'none' } }))).toEqual([]);
  });

  it('lets a non-production tier keep flow logs shorter', () => {
    expect(problemsAfter((d) => Object.assign(d, { tier: 'non-production' }, { network: { ...d.network, flowLogRetentionDays: 7 } }))).toEqual([]);
  });

  it('accepts explicit isolated subnets with the switch on', () => {
    expect(
      problemsAfter((d) =>
        Object.assign(d.network, { isolatedSubnets: true, subnets: { public: threeSubnets(0), private: threeSubnets(10), isolated: threeSubnets(20) } }),
      ),
    ).toEqual([]);
  });

  it('names the file and the field', () => {
    const result = validate((d) => (d.network.flowLogRetentionDays = 45));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatProblem(result.problems[0])).toMatch(/^environments\/prod\/environment\.yaml:\d+:\d+: network\.flowLogRetentionDays: 45 days/);
  });
});
