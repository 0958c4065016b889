import { formatCidr, type Ipv4Cidr, parseCidr, subnet } from './ipv4';

/** The subnet tiers a VPC is cut into. */
export type SubnetTier = 'public' | 'private' | 'isolated';

/** Subnet CIDR blocks per tier, in availability-zone order. */
export type SubnetPlan = Record<SubnetTier, string[]>;

/** Most availability zones any AWS region has; the plan reserves room for all of them. */
export const MAX_AVAILABILITY_ZONES = 6;

/** Largest and smallest VPC the derived plan supports (AWS allows /16 to /28). */
export const LARGEST_VPC_PREFIX = 16;
export const SMALLEST_PLANNED_VPC_PREFIX = 22;

/**
 * Derives subnet CIDRs from the VPC CIDR, deterministically and by AZ index, so appending an
 * availability zone adds subnets without renumbering (and so replacing) existing ones.
 *
 * The VPC is cut in eighths. Eighths 0 to 5 are the private subnets (one per possible AZ),
 * because tasks live there and each needs an address. Eighth 6 is cut in eight again for the
 * public subnets (load balancer and NAT gateways need few addresses), eighth 7 likewise for
 * the isolated tier. For a /16: private /19 (8,187 usable), public and isolated /22 (1,019).
 */
export function planSubnets(vpcCidr: string, availabilityZoneCount: number): SubnetPlan {
  const vpc = parseCidr(vpcCidr);
  if (typeof vpc === 'string') throw new Error(vpc);
  const problem = subnetPlanProblem(vpc, availabilityZoneCount);
  if (problem) throw new Error(problem);
  const eighth = (index: number): Ipv4Cidr => subnet(vpc, 3, index);
  const indexes = [...Array(availabilityZoneCount).keys()];
  return {
    private: indexes.map((i) => formatCidr(eighth(i))),
    public: indexes.map((i) => formatCidr(subnet(eighth(6), 3, i))),
    isolated: indexes.map((i) => formatCidr(subnet(eighth(7), 3, i))),
  };
}

/** Why {@link planSubnets} cannot plan this VPC, or undefined when it can. */
export function subnetPlanProblem(vpc: Ipv4Cidr, availabilityZoneCount: number): string | undefined {
  if (availabilityZoneCount > MAX_AVAILABILITY_ZONES) {
    return `the derived subnet plan supports at most ${MAX_AVAILABILITY_ZONES} availability zones, got ${availabilityZoneCount}`;
  }
  if (vpc.prefix < LARGEST_VPC_PREFIX) {
    return `AWS allows VPC CIDR blocks from /${LARGEST_VPC_PREFIX} to /28, got /${vpc.prefix}`;
  }
  if (vpc.prefix > SMALLEST_PLANNED_VPC_PREFIX) {
    return `a /${vpc.prefix} VPC is too small for the derived subnet plan (needs /${SMALLEST_PLANNED_VPC_PREFIX} or larger, so that public subnets are at least /28); use a larger VPC or list the subnets explicitly`;
  }
  return undefined;
}
