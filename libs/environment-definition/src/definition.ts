/**
 * The environment definition: one YAML file per environment
 * (`environments/<name>/environment.yaml`), the single source every stack is built from.
 * Every optional field documents its default.
 */

/** Production tier turns on the strict presets and policy rules (design decision 6). */
export type Tier = 'production' | 'non-production';

/** How private subnets reach the internet. */
export type NatGatewayStrategy = 'one-per-az' | 'single' | 'none';

export interface EnvironmentDefinition {
  /** Environment name; equals its folder name and becomes the stack name. */
  readonly name: string;
  readonly tier: Tier;
  /** The 12-digit AWS account this environment lives in; the provider refuses any other. */
  readonly accountId: string;
  readonly region: string;
  /** Availability zones, in order; at least two, all in `region`. Appending one never renumbers subnets. */
  readonly availabilityZones: readonly string[];
  readonly network: NetworkDefinition;
  readonly stateBackend: StateBackendDefinition;
  /** Role Terraform assumes to deploy. @default none: the caller's credentials are used */
  readonly deployRoleArn?: string;
  /** Extra tags on every resource, besides Project, Environment, ManagedBy and Repository. @default {} */
  readonly tags: Readonly<Record<string, string>>;
  readonly dns: DnsDefinition;
  /** @default [] */
  readonly services: readonly ServiceDefinition[];
}

export interface NetworkDefinition {
  /** IPv4 CIDR of the VPC, /16 to /22 when subnets are derived. */
  readonly vpcCidr: string;
  /** One NAT gateway per AZ (required in production), a single shared one, or none. */
  readonly natGateways: NatGatewayStrategy;
  /** Explicit subnet CIDRs per tier, one per AZ in order. @default derived from `vpcCidr` */
  readonly subnets?: ExplicitSubnets;
}

export interface ExplicitSubnets {
  readonly public: readonly string[];
  readonly private: readonly string[];
  /** @default none */
  readonly isolated?: readonly string[];
}

export interface StateBackendDefinition {
  /** S3 bucket holding Terraform state, created by the bootstrap stack of this account. */
  readonly bucket: string;
  /** DynamoDB table for state locking, created by the same bootstrap stack. */
  readonly lockTable: string;
  readonly region: string;
}

export interface DnsDefinition {
  /** Domain the load balancer answers on, for example `shop.example.com`. */
  readonly domainName: string;
  /** Route 53 hosted zone used for DNS records and certificate validation. @default none */
  readonly hostedZoneId?: string;
  /** Existing ACM certificate in this account and region. @default one is requested through `hostedZoneId` */
  readonly certificateArn?: string;
}

export interface ServiceDefinition {
  /** Service name, unique in the environment. */
  readonly name: string;
  readonly image: ImageReference;
  /** Fargate CPU units (256 = 0.25 vCPU). */
  readonly cpu: number;
  /** Memory in MiB; must be a size Fargate offers for `cpu`. */
  readonly memory: number;
  readonly containerPort: number;
  /** Path the load balancer's health check requests. */
  readonly healthCheckPath: string;
  readonly desiredCount: number;
  readonly minCount: number;
  readonly maxCount: number;
  /** Target tracking targets. @default no auto scaling */
  readonly scaling?: ScalingTargets;
}

/** An image pinned by immutable tag or digest; never `latest`, never unpinned (decision 5). */
export interface ImageReference {
  /** ECR repository name, for example `sample-service`. */
  readonly repository: string;
  /** Immutable release tag. Exactly one of `tag` and `digest`. */
  readonly tag?: string;
  /** Image digest, `sha256:` and 64 hex digits. Exactly one of `tag` and `digest`. */
  readonly digest?: string;
}

export interface ScalingTargets {
  /** Average CPU utilisation target in percent. @default no CPU policy */
  readonly cpuTarget?: number;
  /** Average memory utilisation target in percent. @default no memory policy */
  readonly memoryTarget?: number;
  /** ALB requests per target per minute. @default no request-count policy */
  readonly requestsPerTarget?: number;
}
