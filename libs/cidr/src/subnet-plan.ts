import { formatCidr, type Ipv4Cidr, parseCidr, subnet } from './ipv4';

/** The subnet tiers a VPC is cut into. */
export type SubnetTier = 'public' | 'private' | 'isolated';

/** Subnet CIDR blocks per tier, in availability-zone order. */
export type SubnetPlan = Record<SubnetTier, string[]>;

/** Availability-zone letters the derived plan has a slot for; no region has more zones. */
export const PLANNED_ZONE_LETTERS = 'abcdef';
export const MAX_AVAILABILITY_ZONES = PLANNED_ZONE_LETTERS.length;

/** Largest and smallest VPC the derived plan supports (AWS allows /16 to /28). */
export const LARGEST_VPC_PREFIX = 16;
export const SMALLEST_PLANNED_VPC_PREFIX = 22;

/**
 * The slot of an availability zone in the derived plan: its letter, a = 0 to f = 5, or
 * undefined for a name without a planned letter.
 */
export function zoneSlot(availabilityZone: string): number | undefined {
  const index = PLANNED_ZONE_LETTERS.indexOf(availabilityZone.slice(-1));
  return index < 0 || !/[0-9][a-z]$/.test(availabilityZone) ? undefined : index;
}

/**
 * Derives subnet CIDRs from the VPC CIDR. Each zone's subnets depend only on the zone's
 * letter, never on its position in the list, so appending, removing or reordering zones
 * never renumbers (and so replaces) the subnets of the others.
 *
 * The VPC is cut in eighths. Eighths 0 to 5 are the private subnets (one per zone letter),
 * because tasks live there and each needs an address. Eighth 6 is cut in eight again for the
 * public subnets (load balancer and NAT gateways need few addresses), eighth 7 likewise for
 * the isolated tier. For a /16: private /19 (8,187 usable), public and isolated /22 (1,019).
 */
export function planSubnets(vpcCidr: string, availabilityZones: readonly string[]): SubnetPlan {
  const vpc = parseCidr(vpcCidr);
  if (typeof vpc === 'string') throw new Error(vpc);
  const problem = subnetPlanProblem(vpc, availabilityZones);
  if (problem) throw new Error(problem);
  const eighth = (index: number): Ipv4Cidr => subnet(vpc, 3, index);
  const slots = availabilityZones.map((zone) => zoneSlot(zone) as number);
  return {
    private: slots.map((slot) => formatCidr(eighth(slot))),
    public: slots.map((slot) => formatCidr(subnet(eighth(6), 3, slot))),
    isolated: slots.map((slot) => formatCidr(subnet(eighth(7), 3, slot))),
  };
}

/** Why {@link planSubnets} cannot plan this VPC, or undefined when it can. */
export function subnetPlanProblem(vpc: Ipv4Cidr, availabilityZones: readonly string[]): string | undefined {
  const unplanned = availabilityZones.filter((zone) => zoneSlot(zone) === undefined);
  if (unplanned.length > 0) {
    return `the derived subnet plan has slots for zones ending in a to f only, not ${unplanned.join(', ')}; list the subnets explicitly`;
  }
  if (vpc.prefix < LARGEST_VPC_PREFIX) {
    return `AWS allows VPC CIDR blocks from /${LARGEST_VPC_PREFIX} to /28, got /${vpc.prefix}`;
  }
  if (vpc.prefix > SMALLEST_PLANNED_VPC_PREFIX) {
    return `a /${vpc.prefix} VPC is too small for the derived subnet plan (needs /${SMALLEST_PLANNED_VPC_PREFIX} or larger, so that public subnets are at least /28); use a larger VPC or list the subnets explicitly`;
  }
  return undefined;
}
