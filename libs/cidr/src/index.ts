export {
  contains,
  formatCidr,
  type Ipv4Cidr,
  mustParseCidr,
  overlaps,
  parseCidr,
  size,
  subnet,
} from './ipv4';
export {
  LARGEST_VPC_PREFIX,
  MAX_AVAILABILITY_ZONES,
  planSubnets,
  PLANNED_ZONE_LETTERS,
  SMALLEST_PLANNED_VPC_PREFIX,
  type SubnetPlan,
  subnetPlanProblem,
  type SubnetTier,
  zoneSlot,
} from './subnet-plan';
