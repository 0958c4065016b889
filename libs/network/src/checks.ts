/**
 * The rules a Network's props must follow, as pure functions: the constructor calls them, and
 * the environment-definition loader calls the same ones for the `network` section (mapping
 * the prop paths to its field paths), so both paths give the same message.
 */
import { contains, type Ipv4Cidr, overlaps, parseCidr, subnetPlanProblem } from '@ecs-platform/cidr';
import { formatPropPath, logRetentionProblem, type PropPath, type PropProblem, propProblem } from '@ecs-platform/construct-props';
import type { NetworkProps } from './props';
import { DEFAULT_NAT_GATEWAYS, DEFAULT_NETWORK_TIER, MIN_AVAILABILITY_ZONES, NETWORK_TIER_DEFAULTS } from './tier-defaults';

export interface NetworkCheckOptions {
  /**
   * How a message names another prop it refers to (`overlaps subnets.public[0] (...)`). The
   * loader passes its own, so that a message names the definition's field. @default formatPropPath
   */
  readonly fieldName?: (path: PropPath) => string;
}

/** At least two zones, each a zone of `region`, none twice. */
export function checkAvailabilityZones(props: Pick<NetworkProps, 'region' | 'availabilityZones'>): PropProblem[] {
  const { region, availabilityZones: zones } = props;
  const problems: PropProblem[] = [];
  if (zones.length < MIN_AVAILABILITY_ZONES) {
    problems.push(propProblem(['availabilityZones'], `must list at least ${MIN_AVAILABILITY_ZONES}, got ${zones.length}`));
  }
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    // A zone is its region's name and one letter (eu-west-1a); a zone id (euw1-az1) is not a name.
    if (!(zone.length === region.length + 1 && zone.startsWith(region) && /[a-z]$/.test(zone))) {
      problems.push(propProblem(['availabilityZones', i], `"${zone}" is not an availability zone of region ${region}`));
    }
    if (seen.has(zone)) problems.push(propProblem(['availabilityZones', i], `"${zone}" is listed twice`));
    seen.add(zone);
  });
  return problems;
}

/** Production needs a NAT gateway in every zone. */
export function checkNatGateways(props: Pick<NetworkProps, 'tier' | 'natGateways'>): PropProblem[] {
  const tier = props.tier ?? DEFAULT_NETWORK_TIER;
  const natGateways = props.natGateways ?? DEFAULT_NAT_GATEWAYS;
  if (tier === 'production' && natGateways !== 'one-per-az') {
    return [
      propProblem(
        ['natGateways'],
        `production tier needs "one-per-az" so that losing one availability zone does not cut the others off; got "${natGateways}"`,
      ),
    ];
  }
  return [];
}

function retentionProblems(path: PropPath, days: number): PropProblem[] {
  if (!Number.isInteger(days)) return [propProblem(path, `must be a whole number, got ${days}`)];
  const period = logRetentionProblem(days);
  return period ? [propProblem(path, period)] : [];
}

/** A period CloudWatch Logs offers, and in production at least the production default. */
export function checkFlowLogRetention(props: Pick<NetworkProps, 'tier' | 'flowLogRetentionDays'>): PropProblem[] {
  const days = props.flowLogRetentionDays;
  if (days === undefined) return [];
  const path = ['flowLogRetentionDays'];
  const period = retentionProblems(path, days);
  if (period.length > 0) return period;
  const minimum = NETWORK_TIER_DEFAULTS.production.flowLogRetentionDays;
  if ((props.tier ?? DEFAULT_NETWORK_TIER) === 'production' && days < minimum) {
    return [propProblem(path, `production tier keeps flow logs at least ${minimum} days for incident investigation; got ${days}`)];
  }
  return [];
}

/** FlowLogs on its own: a retention period CloudWatch Logs offers (the tier's minimum is the Network's rule). */
export function checkFlowLogsProps(props: { readonly retentionDays: number }): PropProblem[] {
  return retentionProblems(['retentionDays'], props.retentionDays);
}

/** The isolated switch and an explicit isolated list agree, so that neither is silently ignored. */
export function checkIsolatedSubnets(props: Pick<NetworkProps, 'subnets' | 'isolatedSubnets'>): PropProblem[] {
  const explicit = props.subnets;
  if (!explicit) return [];
  if (explicit.isolated && !props.isolatedSubnets) {
    return [propProblem(['subnets', 'isolated'], 'lists isolated subnets but "isolatedSubnets" is not true; set it or remove the list')];
  }
  if (!explicit.isolated && props.isolatedSubnets) {
    return [propProblem(['subnets'], 'needs an "isolated" list (one per availability zone) because "isolatedSubnets" is true')];
  }
  return [];
}

/**
 * The VPC CIDR is a block with its host bits clear; derived subnets need /16 to /22 and zones
 * ending in a to f; explicit ones are one per zone, inside the VPC, /28 or larger, and do not
 * overlap.
 */
export function checkSubnetCidrs(
  props: Pick<NetworkProps, 'vpcCidr' | 'subnets' | 'availabilityZones'>,
  options: NetworkCheckOptions = {},
): PropProblem[] {
  const fieldName = options.fieldName ?? formatPropPath;
  const { vpcCidr, subnets: explicit, availabilityZones: zones } = props;
  const vpc = parseCidr(vpcCidr);
  if (typeof vpc === 'string') return [propProblem(['vpcCidr'], vpc)];
  if (!explicit) {
    const problem = subnetPlanProblem(vpc, zones);
    return problem ? [propProblem(['vpcCidr'], problem)] : [];
  }
  const problems: PropProblem[] = [];
  const placed: Array<{ label: string; cidr: Ipv4Cidr }> = [];
  for (const tier of ['public', 'private', 'isolated'] as const) {
    const cidrs = explicit[tier];
    if (!cidrs) continue;
    if (cidrs.length !== zones.length) {
      problems.push(
        propProblem(['subnets', tier], `lists ${cidrs.length} subnets for ${zones.length} availability zones; give one per zone, in order`),
      );
    }
    cidrs.forEach((text, i) => {
      const path = ['subnets', tier, i];
      const block = parseCidr(text);
      if (typeof block === 'string') {
        problems.push(propProblem(path, block));
        return;
      }
      if (!contains(vpc, block)) problems.push(propProblem(path, `${text} does not fit inside the VPC ${vpcCidr}`));
      if (block.prefix > 28) problems.push(propProblem(path, `${text} is smaller than /28, the smallest subnet AWS allows`));
      const clash = placed.find((other) => overlaps(other.cidr, block));
      if (clash) problems.push(propProblem(path, `${text} overlaps ${clash.label}`));
      placed.push({ label: `${fieldName(path)} (${text})`, cidr: block });
    });
  }
  return problems;
}

/**
 * Workloads in the private subnets (Fargate tasks) reach ECR, CloudWatch Logs and Secrets
 * Manager through a NAT gateway or through the endpoints; without both they cannot start. The
 * Network cannot know whether workloads will run in it, so whoever places them calls this
 * (the loader does when the definition has services).
 */
export function checkWorkloadEgress(props: Pick<NetworkProps, 'tier' | 'natGateways' | 'vpcEndpoints'>): PropProblem[] {
  const tier = props.tier ?? DEFAULT_NETWORK_TIER;
  const natGateways = props.natGateways ?? DEFAULT_NAT_GATEWAYS;
  if (natGateways === 'none' && !(props.vpcEndpoints ?? NETWORK_TIER_DEFAULTS[tier].vpcEndpoints)) {
    return [
      propProblem(
        ['vpcEndpoints'],
        'must be true when natGateways is "none": services in private subnets could not pull images, write logs or read secrets',
      ),
    ];
  }
  return [];
}

/** Every rule of a Network's props, all problems at once. */
export function checkNetworkProps(props: NetworkProps, options: NetworkCheckOptions = {}): PropProblem[] {
  return [
    ...checkAvailabilityZones(props),
    ...checkSubnetCidrs(props, options),
    ...checkIsolatedSubnets(props),
    ...checkNatGateways(props),
    ...checkFlowLogRetention(props),
  ];
}
