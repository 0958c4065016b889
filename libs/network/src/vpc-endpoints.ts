import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';

/**
 * Interface endpoints every ECS environment needs to run Fargate tasks without the NAT:
 * pull images (ecr.api, ecr.dkr; layers come from S3 through the gateway endpoint), ship logs,
 * read secrets and parameters.
 */
export const INTERFACE_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm'] as const;

/** Added when ECS Exec is on: the SSM agent in the task opens its session channel here. */
export const ECS_EXEC_ENDPOINT_SERVICES = ['ssmmessages'] as const;

export interface VpcEndpointsProps {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Subnets the interface endpoints get a network interface in (one per AZ). */
  readonly subnetIds: string[];
  /** Route tables the S3 gateway endpoint adds its prefix-list route to. */
  readonly routeTableIds: string[];
  /** Also create the endpoints ECS Exec needs. @default false */
  readonly ecsExec?: boolean;
}

/** An S3 gateway endpoint and private-DNS interface endpoints behind one security group. */
export class VpcEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly s3: VpcEndpoint;
  /** Interface endpoints by service short name (`ecr.api`, `logs`, ...). */
  readonly interfaceEndpoints: Readonly<Record<string, VpcEndpoint>>;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const { name, region, vpcId } = props;

    // Endpoints only accept connections; replies to those pass because security groups are
    // stateful. So the group has no egress rule at all (explicitly empty, which also removes
    // any rule added outside Terraform), and ingress is HTTPS from inside the VPC only.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      // A prefix, so that a replaced group (its description names the VPC CIDR) can be created
      // before the endpoints leave the old one.
      namePrefix: `${name}-vpc-endpoints-`,
      lifecycle: { createBeforeDestroy: true },
      description: `HTTPS from ${props.vpcCidr} to the VPC interface endpoints`,
      vpcId,
      ingress: [
        {
          description: 'HTTPS from inside the VPC',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrBlocks: [props.vpcCidr],
          ipv6CidrBlocks: [],
          prefixListIds: [],
          securityGroups: [],
          selfAttribute: false,
        },
      ],
      egress: [],
      tags: { Name: `${name}-vpc-endpoints` },
    });

    // Gateway endpoints are free; S3 carries the ECR image layers.
    this.s3 = new VpcEndpoint(this, 's3', {
      vpcId,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTableIds,
      tags: { Name: `${name}-s3` },
    });

    const services = [...INTERFACE_ENDPOINT_SERVICES, ...(props.ecsExec ? ECS_EXEC_ENDPOINT_SERVICES : [])];
    const endpoints: Record<string, VpcEndpoint> = {};
    for (const service of services) {
      // Construct id = service name: adding or removing one endpoint never moves another.
      endpoints[service] = new VpcEndpoint(this, service.replace('.', '-'), {
        vpcId,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: props.subnetIds,
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${name}-${service}` },
      });
    }
    this.interfaceEndpoints = endpoints;
  }
}
