import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { assertValidProps } from '@ecs-platform/construct-props';
import { type ITerraformDependable, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { checkNetworkProps } from './checks';
import { FlowLogs } from './flow-logs';
import { type NetworkPlan, planNetwork, type ZonePlan } from './network-plan';
import type { NetworkProps } from './props';
import { VpcEndpoints } from './vpc-endpoints';

/** Subnet ids of one availability zone. */
export interface ZoneSubnetIds {
  readonly public: string;
  readonly private: string;
  /** Undefined when the environment has no isolated tier. */
  readonly isolated?: string;
}

/** What the compute library (and anything else on this network) consumes. All values are Terraform tokens. */
export interface NetworkOutputs {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** The availability zones, in `availabilityZones` order; the lists below follow it. */
  readonly availabilityZones: readonly string[];
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  /** Empty when the environment has no isolated tier. */
  readonly isolatedSubnetIds: readonly string[];
  readonly subnetIdsByZone: Readonly<Record<string, ZoneSubnetIds>>;
  readonly publicRouteTableId: string;
  /** One per AZ, in AZ order. */
  readonly privateRouteTableIds: readonly string[];
  /** Undefined when the environment has no isolated tier. */
  readonly isolatedRouteTableId?: string;
  /** Security group of the interface endpoints; undefined when endpoints are off. Tasks need no rule for it: it admits the whole VPC on 443. */
  readonly endpointSecurityGroupId?: string;
  readonly flowLogGroupName: string;
}

/** The resources of one availability zone. */
export interface NetworkZone {
  readonly availabilityZone: string;
  readonly publicSubnet: Subnet;
  readonly privateSubnet: Subnet;
  /** Undefined when the network has no isolated tier. */
  readonly isolatedSubnet?: Subnet;
  /** This zone's own private route table (one per zone, so each zone egresses through its own NAT). */
  readonly privateRouteTable: RouteTable;
  /** Undefined when this zone hosts no NAT gateway. */
  readonly natGateway?: NatGateway;
}

/** Subnets of one tier, in availability-zone order. */
export interface SubnetsByTier {
  readonly public: readonly Subnet[];
  readonly private: readonly Subnet[];
  /** Empty when the network has no isolated tier. */
  readonly isolated: readonly Subnet[];
}

interface ZoneContext {
  readonly env: string;
  readonly vpc: Vpc;
  readonly internetGateway: InternetGateway;
  readonly publicRouteTable: RouteTable;
  readonly isolatedRouteTable?: RouteTable;
}

/** The resources of one availability zone, grouped under a construct named after the zone. */
class Zone extends Construct implements NetworkZone {
  readonly availabilityZone: string;
  readonly publicSubnet: Subnet;
  readonly privateSubnet: Subnet;
  readonly privateRouteTable: RouteTable;
  readonly isolatedSubnet?: Subnet;
  readonly natGateway?: NatGateway;

  constructor(scope: Construct, zone: ZonePlan, context: ZoneContext) {
    super(scope, zone.availabilityZone);
    this.availabilityZone = zone.availabilityZone;
    const { env, vpc, internetGateway } = context;
    const az = zone.availabilityZone;
    const subnet = (tier: string, cidrBlock: string): Subnet =>
      new Subnet(this, `${tier}-subnet`, {
        vpcId: vpc.id,
        availabilityZone: az,
        cidrBlock,
        // Nothing gets a public IP by accident: the load balancer and NAT gateways bring their own.
        mapPublicIpOnLaunch: false,
        tags: { Name: `${env}-${tier}-${az}`, Tier: tier },
      });

    this.publicSubnet = subnet('public', zone.publicCidr);
    new RouteTableAssociation(this, 'public-route-table-association', {
      subnetId: this.publicSubnet.id,
      routeTableId: context.publicRouteTable.id,
    });
    this.privateSubnet = subnet('private', zone.privateCidr);
    if (zone.isolatedCidr && context.isolatedRouteTable) {
      this.isolatedSubnet = subnet('isolated', zone.isolatedCidr);
      new RouteTableAssociation(this, 'isolated-route-table-association', {
        subnetId: this.isolatedSubnet.id,
        routeTableId: context.isolatedRouteTable.id,
      });
    }

    if (zone.hostsNatGateway) {
      // AWS needs the internet gateway attached before it can allocate and use the address.
      const eip = new Eip(this, 'nat-eip', {
        domain: 'vpc',
        tags: { Name: `${env}-nat-${az}` },
        dependsOn: [internetGateway],
      });
      this.natGateway = new NatGateway(this, 'nat-gateway', {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnet.id,
        connectivityType: 'public',
        tags: { Name: `${env}-nat-${az}` },
        dependsOn: [internetGateway],
      });
    }

    // One private route table per AZ, so each AZ egresses through its own NAT gateway and
    // switching from a single NAT to one per AZ only changes routes.
    this.privateRouteTable = new RouteTable(this, 'private-route-table', {
      vpcId: vpc.id,
      tags: { Name: `${env}-private-${az}` },
    });
    new RouteTableAssociation(this, 'private-route-table-association', {
      subnetId: this.privateSubnet.id,
      routeTableId: this.privateRouteTable.id,
    });
  }

  /** Called once every zone exists, because a single NAT gateway lives in another zone. */
  routeToNat(natGateway: NatGateway): Route {
    return new Route(this, 'private-default-route', {
      routeTableId: this.privateRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: natGateway.id,
    });
  }
}

/**
 * The network of one environment: a VPC over the listed AZs with public, private and
 * (optionally) isolated subnets, internet and NAT gateways, flow logs, a locked default
 * security group and (optionally) VPC endpoints. Its props are checked in the constructor
 * (`checkNetworkProps`), the production tier's rules included.
 *
 * Construct ids are Terraform addresses (docs/design.md decision 7): per-AZ resources live under a construct
 * named after the AZ, never its index, so appending an AZ adds resources and moves none.
 */
export class Network extends Construct {
  /** The props with the tier's defaults applied. */
  readonly plan: NetworkPlan;
  readonly vpc: Vpc;
  readonly internetGateway: InternetGateway;
  readonly publicRouteTable: RouteTable;
  /** Undefined when the network has no isolated tier. */
  readonly isolatedRouteTable?: RouteTable;
  /** Per availability zone, by zone name, in `availabilityZones` order. */
  readonly zones: Readonly<Record<string, NetworkZone>>;
  /** Subnets by tier, in availability-zone order. */
  readonly subnets: SubnetsByTier;
  readonly flowLogs: FlowLogs;
  /** Undefined when `vpcEndpoints` is off. */
  readonly endpoints?: VpcEndpoints;
  /** The endpoints' security group (HTTPS from the VPC); undefined when `vpcEndpoints` is off. */
  readonly endpointSecurityGroup?: SecurityGroup;
  /** Ids (Terraform tokens) that compute and anything else on this network consumes. */
  readonly outputs: NetworkOutputs;
  /**
   * What workloads in the private subnets need before they can reach AWS APIs and the
   * internet: the default routes to the NAT gateways, and the VPC endpoints when there are
   * any. Nothing a service declares references them, so Terraform cannot infer the order;
   * compute makes every service depend on these.
   */
  readonly egressDependencies: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    assertValidProps(this, checkNetworkProps(props));
    const env = props.name;
    const plan = planNetwork(props);
    this.plan = plan;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: plan.vpcCidr,
      enableDnsSupport: true,
      // Private DNS of interface endpoints and service discovery need both DNS settings.
      enableDnsHostnames: true,
      tags: { Name: env },
    });
    const vpcId = this.vpc.id;

    // Managed and empty: AWS's default group lets members talk to each other and out
    // anywhere; anything placed in it by mistake should get nothing.
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId,
      ingress: [],
      egress: [],
      tags: { Name: `${env}-default-unused` },
    });

    const internetGateway = new InternetGateway(this, 'internet-gateway', { vpcId, tags: { Name: env } });
    this.internetGateway = internetGateway;
    const publicRouteTable = new RouteTable(this, 'public-route-table', { vpcId, tags: { Name: `${env}-public` } });
    this.publicRouteTable = publicRouteTable;
    new Route(this, 'public-default-route', {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: internetGateway.id,
    });
    // Isolated subnets share one route table with only the implicit local route.
    const isolatedRouteTable = plan.isolatedSubnets
      ? new RouteTable(this, 'isolated-route-table', { vpcId, tags: { Name: `${env}-isolated` } })
      : undefined;
    this.isolatedRouteTable = isolatedRouteTable;

    const context: ZoneContext = { env, vpc: this.vpc, internetGateway, publicRouteTable, isolatedRouteTable };
    const zones = plan.zones.map((zonePlan) => new Zone(this, zonePlan, context));
    const zoneByName = new Map(zones.map((zone) => [zone.node.id, zone]));
    const natRoutes: Route[] = [];
    plan.zones.forEach((zonePlan, i) => {
      if (!zonePlan.natGatewayZone) return; // natGateways: none: private subnets stay off the internet.
      const nat = zoneByName.get(zonePlan.natGatewayZone)?.natGateway;
      if (!nat) throw new Error(`no NAT gateway in ${zonePlan.natGatewayZone}`);
      natRoutes.push(zones[i].routeToNat(nat));
    });
    this.zones = Object.fromEntries(zones.map((zone) => [zone.availabilityZone, zone]));
    this.subnets = {
      public: zones.map((zone) => zone.publicSubnet),
      private: zones.map((zone) => zone.privateSubnet),
      isolated: zones.flatMap((zone) => (zone.isolatedSubnet ? [zone.isolatedSubnet] : [])),
    };

    this.flowLogs = new FlowLogs(this, 'flow-logs', {
      name: env,
      vpcId,
      accountId: props.accountId,
      region: props.region,
      retentionDays: plan.flowLogRetentionDays,
    });

    const privateRouteTableIds = zones.map((zone) => zone.privateRouteTable.id);
    const privateSubnetIds = zones.map((zone) => zone.privateSubnet.id);
    if (plan.vpcEndpoints) {
      this.endpoints = new VpcEndpoints(this, 'endpoints', {
        name: env,
        region: props.region,
        vpcId,
        vpcCidr: plan.vpcCidr,
        subnetIds: privateSubnetIds,
        routeTableIds: privateRouteTableIds,
        ecsExec: props.ecsExec ?? false,
      });
      this.endpointSecurityGroup = this.endpoints.securityGroup;
    }

    this.egressDependencies = [
      ...natRoutes,
      ...(this.endpoints ? [this.endpoints.s3, ...Object.values(this.endpoints.interfaceEndpoints)] : []),
    ];

    const isolatedSubnetIds = zones.flatMap((zone) => (zone.isolatedSubnet ? [zone.isolatedSubnet.id] : []));
    this.outputs = {
      vpcId,
      vpcCidr: plan.vpcCidr,
      availabilityZones: plan.zones.map((zone) => zone.availabilityZone),
      publicSubnetIds: zones.map((zone) => zone.publicSubnet.id),
      privateSubnetIds,
      isolatedSubnetIds,
      subnetIdsByZone: Object.fromEntries(
        zones.map((zone) => [
          zone.node.id,
          {
            public: zone.publicSubnet.id,
            private: zone.privateSubnet.id,
            ...(zone.isolatedSubnet ? { isolated: zone.isolatedSubnet.id } : {}),
          },
        ]),
      ),
      publicRouteTableId: publicRouteTable.id,
      privateRouteTableIds,
      ...(isolatedRouteTable ? { isolatedRouteTableId: isolatedRouteTable.id } : {}),
      ...(this.endpoints ? { endpointSecurityGroupId: this.endpoints.securityGroup.id } : {}),
      flowLogGroupName: this.flowLogs.logGroup.name,
    };

    if (props.outputs ?? true) this.addTerraformOutputs();
  }

  private addTerraformOutputs(): void {
    const output = (name: string, value: unknown, description: string): void => {
      // Plain names for operators (`terraform output vpc_id`) instead of hashed logical ids.
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    };
    output('vpc_id', this.outputs.vpcId, 'VPC id');
    output('public_subnet_ids', this.outputs.publicSubnetIds, 'Public subnet ids, in availability-zone order');
    output('private_subnet_ids', this.outputs.privateSubnetIds, 'Private subnet ids, in availability-zone order');
    if (this.plan.isolatedSubnets) {
      output('isolated_subnet_ids', this.outputs.isolatedSubnetIds, 'Isolated subnet ids, in availability-zone order');
    }
  }
}
