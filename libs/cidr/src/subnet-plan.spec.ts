import fc from 'fast-check';
import { contains, formatCidr, mustParseCidr, overlaps, parseCidr } from './ipv4';
import { LARGEST_VPC_PREFIX, PLANNED_ZONE_LETTERS, planSubnets, SMALLEST_PLANNED_VPC_PREFIX } from './subnet-plan';

/** Any VPC the derived plan supports: a random network address at /16 to /22. */
const plannableVpc = fc
  .tuple(fc.integer({ min: LARGEST_VPC_PREFIX, max: SMALLEST_PLANNED_VPC_PREFIX }), fc.nat({ max: 0xffffffff }))
  .map(([prefix, address]) => formatCidr({ network: (address & (0xffffffff << (32 - prefix))) >>> 0, prefix }));
/** Any non-empty set of distinct zones of a region, in any order. */
const zoneList = fc
  .shuffledSubarray([...PLANNED_ZONE_LETTERS], { minLength: 1 })
  .map((letters) => letters.map((letter) => `eu-west-1${letter}`));

function allSubnets(vpc: string, zones: string[]): string[] {
  const plan = planSubnets(vpc, zones);
  return [...plan.private, ...plan.public, ...plan.isolated];
}

describe('planSubnets (properties)', () => {
  it('gives one subnet per AZ in every tier', () => {
    fc.assert(
      fc.property(plannableVpc, zoneList, (vpc, zones) => {
        const plan = planSubnets(vpc, zones);
        const count = zones.length;
        expect([plan.private.length, plan.public.length, plan.isolated.length]).toEqual([count, count, count]);
      }),
    );
  });

  it('places every subnet inside the VPC, on a valid network address, at /28 or larger', () => {
    fc.assert(
      fc.property(plannableVpc, zoneList, (vpc, zones) => {
        for (const text of allSubnets(vpc, zones)) {
          const block = parseCidr(text);
          expect(typeof block).toBe('object'); // host bits clear, so AWS takes it as written
          expect(contains(mustParseCidr(vpc), mustParseCidr(text))).toBe(true);
          expect(mustParseCidr(text).prefix).toBeLessThanOrEqual(28);
        }
      }),
    );
  });

  it('never overlaps two subnets', () => {
    fc.assert(
      fc.property(plannableVpc, zoneList, (vpc, zones) => {
        const blocks = allSubnets(vpc, zones).map(mustParseCidr);
        blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
      }),
    );
  });

  it('gives each zone the same subnets whatever the other zones: appending, removing or reordering renumbers nothing', () => {
    fc.assert(
      fc.property(plannableVpc, zoneList, (vpc, zones) => {
        const plan = planSubnets(vpc, zones);
        zones.forEach((zone, i) => {
          const alone = planSubnets(vpc, [zone]);
          for (const tier of ['private', 'public', 'isolated'] as const) expect(plan[tier][i]).toBe(alone[tier][0]);
        });
      }),
    );
  });

  it('refuses a VPC smaller than /22 with the reason', () => {
    fc.assert(
      fc.property(fc.integer({ min: SMALLEST_PLANNED_VPC_PREFIX + 1, max: 28 }), zoneList, (prefix, zones) => {
        expect(() => planSubnets(`10.0.0.0/${prefix}`, zones)).toThrow(
          `a /${prefix} VPC is too small for the derived subnet plan (needs /22 or larger, so that public subnets are at least /28); use a larger VPC or list the subnets explicitly`,
        );
      }),
    );
  });

  it('refuses a VPC larger than AWS allows and more AZs than it plans for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: LARGEST_VPC_PREFIX - 1 }), (prefix) => {
        expect(() => planSubnets(`10.0.0.0/${prefix}`, ['eu-west-1a'])).toThrow(`AWS allows VPC CIDR blocks from /16 to /28, got /${prefix}`);
      }),
    );
    expect(() => planSubnets('10.0.0.0/16', ['us-east-1a', 'us-east-1g'])).toThrow(
      'the derived subnet plan has slots for zones ending in a to f only, not us-east-1g; list the subnets explicitly',
    );
  });

  it('places a zone by its letter, not its position', () => {
    expect(planSubnets('10.20.0.0/16', ['eu-west-1c', 'eu-west-1a'])).toEqual({
      private: ['10.20.64.0/19', '10.20.0.0/19'],
      public: ['10.20.200.0/22', '10.20.192.0/22'],
      isolated: ['10.20.232.0/22', '10.20.224.0/22'],
    });
  });

  it('matches the documented layout for a /16', () => {
    expect(planSubnets('10.20.0.0/16', ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'])).toEqual({
      private: ['10.20.0.0/19', '10.20.32.0/19', '10.20.64.0/19'],
      public: ['10.20.192.0/22', '10.20.196.0/22', '10.20.200.0/22'],
      isolated: ['10.20.224.0/22', '10.20.228.0/22', '10.20.232.0/22'],
    });
  });
});
