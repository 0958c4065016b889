/**
 * The shapes several constructs (and their checks) share. Field names follow the environment
 * definition where it already names the AWS concept, so one message fits both ways in.
 */

/** CPU architecture of a task or an instance (`runtime_platform.cpu_architecture`). */
export type CpuArchitecture = 'X86_64' | 'ARM64';

/**
 * Whether a service sits behind a load balancer (`web`), serves a port only to other services of
 * its environment through Service Connect (`backend`: no load balancer), or serves no port at all
 * (`worker`: no port, no target group).
 */
export type ServiceKind = 'web' | 'backend' | 'worker';

/** Weights of the capacity providers a service (or a cluster's default strategy) runs on. Fargate and EC2 cannot be mixed. */
export interface CapacityStrategy {
  /** Weight of on-demand Fargate. @default 0 */
  readonly fargate?: number;
  /** Weight of Fargate Spot (interruptible, about 70 % cheaper). @default 0 */
  readonly fargateSpot?: number;
  /** Weight of the cluster's EC2 capacity provider (the cluster needs EC2 capacity). @default 0 */
  readonly ec2?: number;
}

/** The load balancer's health check of a web service's targets. */
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

/** A Docker health check the ECS agent runs inside a container. */
export interface ContainerHealthCheck {
  /** For example ["CMD", "/app/healthcheck"] or ["CMD-SHELL", "..."]. */
  readonly command: readonly string[];
  /** Seconds between checks (5 to 300). @default 30 */
  readonly interval?: number;
  /** Seconds (2 to 60). @default 5 */
  readonly timeout?: number;
  /** Failures before the container counts as unhealthy (1 to 10). @default 3 */
  readonly retries?: number;
  /** Seconds after start during which failures do not count (0 to 300). @default 10 */
  readonly startPeriod?: number;
}

/** Which requests the HTTPS listener forwards to a web service. */
export interface Routing {
  /** Host headers (up to 5 condition values together with `paths`). @default the load balancer's domain name */
  readonly hosts?: readonly string[];
  /** Path patterns such as "/api/*". @default none: every path of the hosts */
  readonly paths?: readonly string[];
  /** Listener rule priority (1 to 50000), unique on the listener; lower is evaluated first. @default none: a web `Service` requires one */
  readonly priority?: number;
}

/** One statement of a task role's policy: what the application may do. */
export interface TaskRolePolicy {
  /** Statement id: letters and digits. */
  readonly sid: string;
  /** Actions like "s3:GetObject"; never "*" or "service:*", and each one must exist. */
  readonly actions: readonly string[];
  /** Resource ARNs. Wildcards need a `reason`. */
  readonly resources: readonly string[];
  /** Why a wildcard resource is needed. @default none (no wildcard allowed) */
  readonly reason?: string;
}

/** Egress of a service's tasks besides HTTPS anywhere. */
export interface EgressRule {
  /** TCP port. */
  readonly port: number;
  /** Destination IPv4 CIDR. */
  readonly cidr: string;
  /** What the tasks reach there. */
  readonly description: string;
}

/** The container settings a service's own container and its sidecars share. */
export interface ContainerOptions {
  /** Overrides the image's CMD. @default the image's CMD */
  readonly command?: readonly string[];
  /** Plain settings as environment variables; names that look secret are refused. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Secrets by variable name: Secrets Manager secret or SSM parameter ARNs (`valueFrom`). @default {} */
  readonly secrets?: Readonly<Record<string, string>>;
  /** @default none (a worker needs one) */
  readonly containerHealthCheck?: ContainerHealthCheck;
  /** Mounts the root filesystem read-only (a writable /tmp is always mounted). @default true */
  readonly readOnlyRootFilesystem?: boolean;
  /** Why the root filesystem must be writable; required when `readOnlyRootFilesystem` is false. @default none */
  readonly readOnlyRootFilesystemReason?: string;
  /** User (and optional group) the container runs as; never root. @default "1000" */
  readonly user?: string;
}

/** An additional container of a task (a log router, a proxy). */
export interface SidecarProps extends ContainerOptions {
  /** Container name, unique in the task and not the service's name. */
  readonly name: string;
  /** Image URI, pinned by immutable tag or digest. */
  readonly image: string;
  /** Whether the task stops when this container stops. @default false */
  readonly essential?: boolean;
  /** CPU units reserved out of the task's. @default none */
  readonly cpu?: number;
  /** Hard memory limit in MiB out of the task's. @default none */
  readonly memory?: number;
  /** @default none */
  readonly containerPort?: number;
}

/** EC2 capacity of a cluster: an Auto Scaling group of ECS-optimised Amazon Linux 2023 instances. */
export interface Ec2CapacityOptions {
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
