/**
 * The environment definition: one YAML file per environment
 * (`environments/<name>/environment.yaml`), the single source every stack is built from.
 * Every optional field documents its default.
 */
import type { ImageReference } from '@ecs-platform/image-registry';
import type { ExplicitSubnets, NatGatewayStrategy } from '@ecs-platform/network';

/** Production tier turns on the strict presets and policy rules (docs/design.md decision 6). */
export type Tier = 'production' | 'non-production';

/** How private subnets reach the internet, and explicit subnets per tier: the network library's types. */
export type { ExplicitSubnets, NatGatewayStrategy };

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
  /**
   * The environment whose images reach this one first: this environment deploys after it,
   * and promote-image pins only digests that it already runs (docs/ci-cd.md). The deploy order
   * of every stack is derived from these links. @default none: first in the deploy order
   */
  readonly promotesFrom?: string;
  /**
   * IAM roles (or users) that may assume the deploy role to run `cdktf diff/deploy` by hand,
   * besides the account's administrators (who always may): SSO permission-set roles,
   * break-glass roles, a role of another account. CI never needs an entry here. @default []
   */
  readonly operators?: readonly string[];
  /** Extra tags on every resource, besides Project, Environment, ManagedBy and Repository. @default {} */
  readonly tags: Readonly<Record<string, string>>;
  readonly dns: DnsDefinition;
  /** @default [] */
  readonly services: readonly ServiceDefinition[];
  /** Scheduled jobs: task definitions EventBridge Scheduler runs, no ECS service (docs/service-patterns.md). @default [] */
  readonly jobs?: readonly JobDefinition[];
  /** Cluster, capacity and load balancer settings (docs/compute.md). @default the tier's presets */
  readonly compute?: ComputeDefinition;
  /** Who hears the environment's alarms (docs/scaling.md). @default no subscriber (the production tier requires one) */
  readonly monitoring?: MonitoringDefinition;
}

export interface NetworkDefinition {
  /** IPv4 CIDR of the VPC, /16 to /22 when subnets are derived. */
  readonly vpcCidr: string;
  /** One NAT gateway per AZ (required in production), a single shared one, or none. */
  readonly natGateways: NatGatewayStrategy;
  /** Explicit subnet CIDRs per tier, one per AZ in order. @default derived from `vpcCidr` */
  readonly subnets?: ExplicitSubnets;
  /**
   * Adds an isolated subnet tier (no route to the internet, not even through NAT) for data
   * stores. With explicit `subnets`, `subnets.isolated` must then be listed too. @default false
   */
  readonly isolatedSubnets?: boolean;
  /**
   * Private connectivity to AWS services: an S3 gateway endpoint and interface endpoints for
   * ECR, CloudWatch Logs, Secrets Manager and SSM, so image pulls and logs bypass the NAT.
   * @default true in the production tier, false otherwise
   */
  readonly vpcEndpoints?: boolean;
  /**
   * Days VPC flow logs are kept; one of the periods CloudWatch Logs offers. Production keeps
   * at least its preset. @default 365 in the production tier, 30 otherwise
   */
  readonly flowLogRetentionDays?: number;
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

/**
 * A web service sits behind the load balancer; a backend service serves its port only to the
 * environment's other services, through Service Connect; a worker has no port and no load balancer.
 */
export type ServiceKind = 'web' | 'backend' | 'worker';

/** CPU architecture of a task (`runtime_platform.cpu_architecture`). */
export type CpuArchitecture = 'X86_64' | 'ARM64';

export interface ServiceDefinition {
  /** Service name, unique in the environment. */
  readonly name: string;
  /** @default "web" */
  readonly kind?: ServiceKind;
  readonly image: ImageReference;
  /** Task CPU units (256 = 0.25 vCPU); a Fargate size unless the service runs on EC2 capacity. */
  readonly cpu: number;
  /** Task memory in MiB; must be a size Fargate offers for `cpu` unless the service runs on EC2 capacity. */
  readonly memory: number;
  /** Port the container listens on. Required for web and backend services, not allowed for workers. */
  readonly containerPort?: number;
  /** Path the load balancer's health check requests. Required for web services, not allowed for workers. */
  readonly healthCheckPath?: string;
  readonly desiredCount: number;
  readonly minCount: number;
  readonly maxCount: number;
  /** Target tracking policies and scheduled actions (docs/scaling.md). @default no auto scaling */
  readonly scaling?: ScalingTargets;
  /** Capacity provider strategy of this service. @default `compute.capacity` */
  readonly capacity?: CapacityStrategy;
  /** @default "X86_64" */
  readonly architecture?: CpuArchitecture;
  /**
   * Plain settings, passed as environment variables. Never secrets: names that look secret
   * (PASSWORD, SECRET, TOKEN, KEY, CREDENTIAL) are rejected here. @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Secrets by environment variable name: Secrets Manager secret or SSM parameter ARNs, passed
   * through `secrets[].valueFrom`; the execution role may read exactly these (docs/design.md decision 8). @default {}
   */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Customer managed KMS keys that encrypt the secrets above; the execution role may decrypt with them. @default [] */
  readonly secretKmsKeyArns?: readonly string[];
  /** Load balancer health check of a web service. @default see `TargetHealthCheck` */
  readonly healthCheck?: TargetHealthCheck;
  /** Health check command run inside the container by the ECS agent. Required for workers. @default none for web services */
  readonly containerHealthCheck?: ContainerHealthCheck;
  /** Which requests the load balancer sends to a web service. @default every request for `dns.domainName` */
  readonly routing?: Routing;
  /** Seconds between SIGTERM and SIGKILL; at most 120 on Fargate. @default 30 */
  readonly stopTimeout?: number;
  /** Seconds the load balancer drains a target; not longer than `stopTimeout`. @default 30, or `stopTimeout` if shorter */
  readonly deregistrationDelay?: number;
  /** Mounts the container's root filesystem read-only (a writable /tmp is always mounted). @default true */
  readonly readOnlyRootFilesystem?: boolean;
  /** Why the root filesystem must be writable; required when `readOnlyRootFilesystem` is false. */
  readonly readOnlyRootFilesystemReason?: string;
  /** User (and optional group) the container runs as; never root. @default "1000" */
  readonly user?: string;
  /** Overrides the image's CMD, for example a worker entry point of the same image. @default the image's CMD */
  readonly command?: readonly string[];
  /** Additional containers in the task (for example a log router or a proxy). @default [] */
  readonly sidecars?: readonly SidecarDefinition[];
  /** Permissions of the application (the task role). @default none: the task role has no policy */
  readonly taskRolePolicies?: readonly TaskRolePolicy[];
  /** Egress the tasks need besides HTTPS (443) anywhere. @default [] */
  readonly egress?: readonly EgressRule[];
  /**
   * Makes a worker a queue worker: the SQS queue it consumes (created with its dead-letter
   * queue, or an existing one), scaled on the backlog per task (docs/service-patterns.md).
   * @default none: a worker that scales only on its `scaling` block
   */
  readonly queue?: QueueBinding;
  /**
   * Services of the environment this one calls by name through ECS Service Connect
   * (`http://<name>:<containerPort>`): each must serve a port (web or backend). The called
   * service's tasks admit this one's on that port, and nothing else is opened. @default []
   */
  readonly calls?: readonly string[];
}

/** Weights of the capacity providers a service runs on. Fargate and EC2 cannot be mixed. */
export interface CapacityStrategy {
  /** Weight of on-demand Fargate. @default 0 */
  readonly fargate?: number;
  /** Weight of Fargate Spot (interruptible, about 70 % cheaper). @default 0 */
  readonly fargateSpot?: number;
  /** Weight of the environment's EC2 capacity provider (`compute.ec2` must be set). @default 0 */
  readonly ec2?: number;
}

export interface TargetHealthCheck {
  /** HTTP codes that count as healthy. @default "200-399" */
  readonly matcher?: string;
  /** Seconds between checks (5 to 300). @default 15 */
  readonly interval?: number;
  /** Seconds to wait for an answer (2 to 120), less than `interval`. @default 5 */
  readonly timeout?: number;
  /** @default 2 */
  readonly healthyThreshold?: number;
  /** @default 3 */
  readonly unhealthyThreshold?: number;
  /** Seconds ECS ignores failing load balancer health checks after a task starts. @default 60 */
  readonly gracePeriod?: number;
}

export interface ContainerHealthCheck {
  /** Docker health check command, for example ["CMD", "/app/healthcheck"] or ["CMD-SHELL", "..."]. */
  readonly command: readonly string[];
  /** @default 30 */
  readonly interval?: number;
  /** @default 5 */
  readonly timeout?: number;
  /** @default 3 */
  readonly retries?: number;
  /** @default 10 */
  readonly startPeriod?: number;
}

export interface Routing {
  /** Host headers (up to 5 condition values together with `paths`). @default [dns.domainName] */
  readonly hosts?: readonly string[];
  /** Path patterns such as "/api/*". @default none: every path of the hosts */
  readonly paths?: readonly string[];
  /** Listener rule priority (1 to 50000), unique. @default derived from the service's position */
  readonly priority?: number;
}

/** An additional container of a task. */
export interface SidecarDefinition {
  /** Container name, unique in the task and not the service's name. */
  readonly name: string;
  /** Pinned like the service's image, from the same registry. */
  readonly image: ImageReference;
  /** Whether the task stops when this container stops. @default false */
  readonly essential?: boolean;
  /** CPU units reserved for this container out of the task's. @default none */
  readonly cpu?: number;
  /** Hard memory limit in MiB out of the task's. @default none */
  readonly memory?: number;
  /** @default none */
  readonly containerPort?: number;
  /** @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly secrets?: Readonly<Record<string, string>>;
  /** @default none */
  readonly containerHealthCheck?: ContainerHealthCheck;
  /** @default true */
  readonly readOnlyRootFilesystem?: boolean;
  /** Required when `readOnlyRootFilesystem` is false. */
  readonly readOnlyRootFilesystemReason?: string;
  /** @default "1000" */
  readonly user?: string;
  /** @default the image's CMD */
  readonly command?: readonly string[];
}

/** One statement of the task role's policy. */
export interface TaskRolePolicy {
  /** Statement id: letters and digits. */
  readonly sid: string;
  /** Actions like "s3:GetObject"; never "*" or "service:*". */
  readonly actions: readonly string[];
  /** Resource ARNs. Wildcards need a `reason`. */
  readonly resources: readonly string[];
  /** Why a wildcard resource is needed. */
  readonly reason?: string;
}

export interface EgressRule {
  /** TCP port. */
  readonly port: number;
  /** Destination IPv4 CIDR. */
  readonly cidr: string;
  /** What the tasks reach there. */
  readonly description: string;
}

/** Environment-wide compute settings. */
export interface ComputeDefinition {
  /** Default capacity provider strategy of the cluster and of services that name none. @default { fargate: 1 } */
  readonly capacity?: CapacityStrategy;
  /** EC2 capacity (an Auto Scaling group of ECS-optimised Amazon Linux 2023). @default none: Fargate only */
  readonly ec2?: Ec2Capacity;
  /** ECS Exec: encrypted, logged sessions into containers. @default false */
  readonly ecsExec?: boolean;
  /** CloudWatch Container Insights level. @default "enabled" */
  readonly containerInsights?: 'enabled' | 'enhanced';
  /** Days service logs are kept. @default 365 in the production tier, 30 otherwise */
  readonly logRetentionDays?: number;
  /** @default the tier's presets, see `LoadBalancerDefinition` */
  readonly loadBalancer?: LoadBalancerDefinition;
}

export interface Ec2Capacity {
  /** Instance type, for example "m7g.large"; its architecture must match `architecture`. */
  readonly instanceType: string;
  /** @default "X86_64" */
  readonly architecture?: CpuArchitecture;
  readonly minSize: number;
  readonly maxSize: number;
  /** @default minSize; ECS managed scaling moves it afterwards */
  readonly desiredCapacity?: number;
  /** Root volume size in GiB (encrypted gp3). @default 30 */
  readonly rootVolumeSize?: number;
}

export interface LoadBalancerDefinition {
  /** @default "internet-facing" */
  readonly scheme?: 'internet-facing' | 'internal';
  /** Who may connect (443, and 80 for the redirect). @default ["0.0.0.0/0"] internet-facing, [vpcCidr] internal */
  readonly ingressCidrs?: readonly string[];
  /** Access logs to an S3 bucket. @default true in the production tier, false otherwise */
  readonly accessLogs?: boolean;
  /** Required to turn `accessLogs` off in the production tier. */
  readonly accessLogsReason?: string;
  /** @default true in the production tier, false otherwise */
  readonly deletionProtection?: boolean;
  /** Required to turn `deletionProtection` off in the production tier. */
  readonly deletionProtectionReason?: string;
  /** Days access logs are kept. @default 365 in the production tier, 30 otherwise */
  readonly accessLogRetentionDays?: number;
  /** Idle connection timeout in seconds. @default 60 */
  readonly idleTimeout?: number;
}

/** An image pinned by immutable tag or digest; never `latest`, never unpinned (docs/design.md decision 5): the registry library's type. */
export type { ImageReference };

/**
 * Auto scaling of one service (docs/scaling.md). The service is auto-scaled (Terraform then
 * ignores its `desiredCount`, docs/design.md decision 5) when this block is present.
 */
export interface ScalingTargets {
  /** Average CPU utilisation target in percent (ECSServiceAverageCPUUtilization). @default no CPU policy */
  readonly cpuTarget?: number;
  /** Average memory utilisation target in percent (ECSServiceAverageMemoryUtilization). @default no memory policy */
  readonly memoryTarget?: number;
  /** ALB requests per target per minute (ALBRequestCountPerTarget); web services only. @default no request-count policy */
  readonly requestsPerTarget?: number;
  /** Seconds after a scale-out before the policies may scale out again; 0 to 3600. @default 60 */
  readonly scaleOutCooldown?: number;
  /** Seconds after a scale-in before the policies may scale in again; 0 to 3600. @default 300 */
  readonly scaleInCooldown?: number;
  /** Policies that may add tasks but never remove them. @default [] (every policy scales in) */
  readonly disableScaleIn?: readonly ScalingPolicyKind[];
  /** Scheduled changes of minCount and maxCount, for example a smaller service at night. @default [] */
  readonly schedules?: readonly ScalingSchedule[];
}

/** A target tracking policy: `cpu` (cpuTarget), `memory` (memoryTarget), `requests` (requestsPerTarget). */
export type ScalingPolicyKind = 'cpu' | 'memory' | 'requests';

/** A recurring scheduled action that sets the service's minimum and maximum task count. */
export interface ScalingSchedule {
  /** Unique within the service: 1 to 32 lowercase letters, digits and hyphens. */
  readonly name: string;
  /** `cron(Minutes Hours Day-of-month Month Day-of-week Year)`: six fields, as Application Auto Scaling reads them. */
  readonly cron: string;
  /** IANA time zone the cron expression is read in, for example `Europe/Berlin` or `UTC`. */
  readonly timezone: string;
  readonly minCount: number;
  readonly maxCount: number;
}

/** Environment-level monitoring: the subscribers of the alarm topic. */
export interface MonitoringDefinition {
  /** Email addresses subscribed to the alarm topic (each confirms once). @default [] */
  readonly alarmEmails?: readonly string[];
  /** Other subscribers of the alarm topic. @default [] */
  readonly alarmSubscriptions?: readonly AlarmSubscription[];
  /**
   * Why nobody hears this environment's alarms, for a non-production environment that has
   * services but no subscriber (production always needs one). @default none: a subscriber is required
   */
  readonly silenceReason?: string;
}

export interface AlarmSubscription {
  /** SNS protocol; plain `http` is not offered (alarm texts would travel unencrypted). */
  readonly protocol: AlarmSubscriptionProtocol;
  /** Email address, HTTPS URL, SQS queue ARN, Lambda function ARN or E.164 phone number, as `protocol` needs. */
  readonly endpoint: string;
}

export type AlarmSubscriptionProtocol = 'email' | 'https' | 'sqs' | 'lambda' | 'sms';

/**
 * The SQS queue of a queue worker and how the worker scales on it. The target is
 * `targetBacklogPerTask`, or `acceptableLatency / secondsPerMessage` (AWS's "scaling based on
 * Amazon SQS"); field names follow SQS's and Application Auto Scaling's (docs/service-patterns.md).
 */
export interface QueueBinding {
  /** The platform creates the queue `<env>-<service>` and its dead-letter queue `<env>-<service>-dlq`. Exactly one of `create` and `arn`. */
  readonly create?: QueueCreation;
  /** An existing standard queue of this account and region, by ARN. Exactly one of `create` and `arn`. */
  readonly arn?: string;
  /** The existing queue's dead-letter queue, for its alarm. @default none: no dead-letter alarm (only with `arn`) */
  readonly deadLetterQueueArn?: string;
  /** Customer managed key the queue is (or is to be) encrypted with; the worker may decrypt with it. @default SSE-SQS */
  readonly kmsKeyArn?: string;
  /** Longest a message may wait before a task takes it, in seconds. @default none (give targetBacklogPerTask) */
  readonly acceptableLatency?: number;
  /** Seconds one task takes per message, on average. @default none */
  readonly secondsPerMessage?: number;
  /** Messages per running task to keep. @default acceptableLatency / secondsPerMessage */
  readonly targetBacklogPerTask?: number;
  /** Seconds the oldest message may wait before its alarm fires. @default 2 x acceptableLatency (or 900), + 300 when minCount is 0 */
  readonly maxMessageAge?: number;
}

/** The settings of a queue the platform creates (SQS's attribute names). */
export interface QueueCreation {
  /** VisibilityTimeout, seconds (0 to 43200); not shorter than `secondsPerMessage`. @default 30 */
  readonly visibilityTimeout?: number;
  /** MessageRetentionPeriod, seconds (60 to 1209600). @default 345600 (4 days) */
  readonly messageRetentionPeriod?: number;
  /** ReceiveMessageWaitTimeSeconds: long polling, 0 to 20. @default 20 */
  readonly receiveMessageWaitTime?: number;
  /** RedrivePolicy maxReceiveCount: receives before a message moves to the dead-letter queue, 1 to 1000. @default 5 */
  readonly maxReceiveCount?: number;
  /** The dead-letter queue's MessageRetentionPeriod; longer than `messageRetentionPeriod`. @default 1209600 (14 days) */
  readonly deadLetterRetentionPeriod?: number;
}

/** A scheduled job: a task definition EventBridge Scheduler runs, no ECS service (docs/service-patterns.md). */
export interface JobDefinition {
  /** Unique among the environment's services and jobs (they share the log group and role names). */
  readonly name: string;
  readonly image: ImageReference;
  /** What the job runs, for example another entry point of a service's image. @default the image's CMD */
  readonly command?: readonly string[];
  readonly cpu: number;
  readonly memory: number;
  /** @default "X86_64" */
  readonly architecture?: CpuArchitecture;
  /** @default `compute.capacity` */
  readonly capacity?: CapacityStrategy;
  /** `cron(Minutes Hours Day-of-month Month Day-of-week Year)` or `rate(<value> <unit>)`, as EventBridge Scheduler reads it. */
  readonly schedule: string;
  /** IANA time zone of a cron schedule (required there; not allowed with rate). */
  readonly timezone?: string;
  /** Retries when a run cannot be started. @default { maximumRetryAttempts: 3, maximumEventAge: 3600 } */
  readonly retryPolicy?: JobRetryPolicy;
  /** @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly secrets?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly secretKmsKeyArns?: readonly string[];
  /** @default none */
  readonly containerHealthCheck?: ContainerHealthCheck;
  /** @default 30 */
  readonly stopTimeout?: number;
  /** @default true */
  readonly readOnlyRootFilesystem?: boolean;
  readonly readOnlyRootFilesystemReason?: string;
  /** @default "1000" */
  readonly user?: string;
  /** @default none */
  readonly taskRolePolicies?: readonly TaskRolePolicy[];
  /** @default [] */
  readonly egress?: readonly EgressRule[];
}

/** EventBridge Scheduler's RetryPolicy of a job. */
export interface JobRetryPolicy {
  /** 0 to 185. @default 3 */
  readonly maximumRetryAttempts?: number;
  /** Seconds, 60 to 86400. @default 3600 */
  readonly maximumEventAge?: number;
}
