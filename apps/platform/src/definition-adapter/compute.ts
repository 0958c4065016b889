/**
 * Layers 1 and 3 from the definition: the `compute` section, `dns` and `services` become the
 * props of libs/compute's Cluster, HttpsLoadBalancer and Services. The tier's defaults are
 * applied by the constructs themselves (`COMPUTE_TIER_DEFAULTS`); what is decided here is what
 * only the definition knows: a service's derived listener rule priority, the images it pins
 * (resolved through the registry), which services Application Auto Scaling owns, which queue a
 * queue worker consumes.
 *
 * Construct ids keep the addresses of the stacks: `compute/key`, `compute/cluster/...`,
 * `compute/load-balancer/...`, `compute/services/<service>/...` (docs/design.md decision 7);
 * queue workers' queues are `compute/queues/<service>/...`, scheduled jobs
 * `compute/schedule-group/...` and `compute/jobs/<job>/...`.
 */
import {
  Cluster,
  type ClusterProps,
  ecsLogKey,
  HttpsLoadBalancer,
  type HttpsLoadBalancerProps,
  ScheduledTask,
  type ScheduledTaskProps,
  ScheduleGroup,
  Service,
  type ServiceKind,
  type ServiceProps,
} from '@ecs-platform/compute';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { workQueueName } from '@ecs-platform/aws-names';
import {
  containerImages,
  type EnvironmentDefinition,
  type JobDefinition,
  listenerRulePriority,
  type RegistryDefinition,
  type ServiceDefinition,
  usesServiceConnect,
} from '@ecs-platform/environment-definition';
import { imageUri } from '@ecs-platform/image-registry';
import { existingWorkQueue, type IWorkQueue, WorkQueue } from '@ecs-platform/messaging';
import { type ITerraformDependable, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';

/** What compute reads from an environment definition. */
export type ComputeDefinition = Pick<EnvironmentDefinition, 'name' | 'tier' | 'accountId' | 'region' | 'dns' | 'services' | 'compute' | 'jobs'>;

/** The network the load balancer and the tasks are placed in (the Network's outputs). */
export interface ComputeNetwork {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  /** @default none: no interface endpoints */
  readonly endpointSecurityGroupId?: string;
}

export interface ComputeFromDefinitionProps {
  readonly definition: ComputeDefinition;
  readonly network: ComputeNetwork;
  /** Image URI of each service by name. @default resolved from `registry` */
  readonly images?: Readonly<Record<string, string>>;
  /** The shared registry sidecars' images (and services' missing from `images`) come from. @default ECR of the environment's own account and region */
  readonly registry?: Pick<RegistryDefinition, 'accountId' | 'region' | 'replicationRegions'>;
  /** What the tasks need to reach AWS and the internet (`Network.egressDependencies`). @default none */
  readonly egressDependencies?: readonly ITerraformDependable[];
  /** Tags of what EC2 Auto Scaling launches (default_tags do not reach them). @default {} */
  readonly launchTags?: Readonly<Record<string, string>>;
}

/** What the scaling and monitoring layer needs of one service. Values may be Terraform tokens. */
export interface ServiceOutputs {
  readonly serviceName: string;
  readonly clusterName: string;
  /** `targetgroup/<name>/<id>`, for ALBRequestCountPerTarget; web services only. */
  readonly targetGroupArnSuffix?: string;
  /** `app/<name>/<id>`; web services only. */
  readonly loadBalancerArnSuffix?: string;
  /** Whether Application Auto Scaling owns the desired count (Terraform ignores it then). */
  readonly autoScaled: boolean;
  readonly kind: ServiceKind;
}

export interface ComputeOutputs {
  readonly clusterName: string;
  readonly clusterArn: string;
  /** Undefined when the environment runs no web service (and so has no load balancer). */
  readonly loadBalancerArn?: string;
  readonly loadBalancerArnSuffix?: string;
  readonly loadBalancerDnsName?: string;
  /** By service name, in definition order. */
  readonly services: Readonly<Record<string, ServiceOutputs>>;
}

/**
 * Whether Application Auto Scaling owns the service's task count: a target tracking policy or
 * a schedule moves it, and a queue worker always scales on its backlog (docs/design.md decision 5).
 */
export function isAutoScaled(svc: Pick<ServiceDefinition, 'scaling' | 'queue'>): boolean {
  const scaling = svc.scaling;
  return (
    svc.queue !== undefined ||
    (scaling !== undefined &&
      ((scaling.cpuTarget ?? scaling.memoryTarget ?? scaling.requestsPerTarget) !== undefined || (scaling.schedules ?? []).length > 0))
  );
}

/**
 * The queue a queue worker consumes: created as `<env>-<service>` with its dead-letter queue
 * (`scope` is where it goes), or the existing one its `queue.arn` names.
 */
export function workQueueOf(definition: Pick<ComputeDefinition, 'name' | 'accountId' | 'region'>, svc: ServiceDefinition, scope: Construct): IWorkQueue | undefined {
  const queue = svc.queue;
  if (!queue) return undefined;
  if (queue.arn) {
    return existingWorkQueue(queue.arn, definition, { kmsKeyArn: queue.kmsKeyArn, deadLetterQueueArn: queue.deadLetterQueueArn });
  }
  return new WorkQueue(scope, svc.name, { queueName: workQueueName(definition.name, svc.name), ...queue.create, kmsKeyArn: queue.kmsKeyArn });
}

/** The props of one scheduled job. */
export function jobProps(
  definition: ComputeDefinition,
  job: JobDefinition,
  context: {
    readonly cluster: Cluster;
    readonly scheduleGroup: ScheduleGroup;
    readonly network: ComputeNetwork;
    readonly logKmsKeyArn: string;
    readonly image: string;
    readonly egressDependencies?: readonly ITerraformDependable[];
  },
): ScheduledTaskProps {
  return {
    name: job.name,
    environmentName: definition.name,
    accountId: definition.accountId,
    region: definition.region,
    tier: definition.tier,
    cluster: context.cluster,
    network: {
      vpcId: context.network.vpcId,
      subnetIds: context.network.privateSubnetIds,
      endpointSecurityGroupId: context.network.endpointSecurityGroupId,
      egressDependencies: context.egressDependencies,
    },
    logKmsKeyArn: context.logKmsKeyArn,
    logRetentionDays: definition.compute?.logRetentionDays,
    scheduleGroup: context.scheduleGroup,
    schedule: job.schedule,
    timezone: job.timezone,
    retryPolicy: job.retryPolicy,
    image: context.image,
    cpu: job.cpu,
    memory: job.memory,
    architecture: job.architecture,
    capacity: job.capacity,
    stopTimeout: job.stopTimeout,
    command: job.command,
    environment: job.environment,
    secrets: job.secrets,
    secretKmsKeyArns: job.secretKmsKeyArns,
    containerHealthCheck: job.containerHealthCheck,
    readOnlyRootFilesystem: job.readOnlyRootFilesystem,
    readOnlyRootFilesystemReason: job.readOnlyRootFilesystemReason,
    user: job.user,
    taskRolePolicies: job.taskRolePolicies,
    egress: job.egress,
  };
}

export function clusterProps(
  definition: ComputeDefinition,
  network: ComputeNetwork,
  key: KmsKey,
  launchTags?: Readonly<Record<string, string>>,
): ClusterProps {
  const compute = definition.compute ?? {};
  return {
    clusterName: definition.name,
    accountId: definition.accountId,
    region: definition.region,
    tier: definition.tier,
    containerInsights: compute.containerInsights,
    defaultCapacityStrategy: compute.capacity,
    ...(compute.ec2 ? { ec2Capacity: { ...compute.ec2, vpcId: network.vpcId, subnetIds: network.privateSubnetIds, launchTags } } : {}),
    ...(compute.ecsExec ? { executeCommand: { kmsKeyArn: key.arn, logRetentionDays: compute.logRetentionDays } } : {}),
    // The namespace exists only where a service serves or calls through Service Connect.
    ...(usesServiceConnect(definition) ? { serviceConnect: true } : {}),
  };
}

export function loadBalancerProps(definition: ComputeDefinition, network: ComputeNetwork): HttpsLoadBalancerProps {
  const lb = definition.compute?.loadBalancer ?? {};
  const internal = lb.scheme === 'internal';
  return {
    name: definition.name,
    accountId: definition.accountId,
    region: definition.region,
    tier: definition.tier,
    vpcId: network.vpcId,
    subnetIds: internal ? network.privateSubnetIds : network.publicSubnetIds,
    internal,
    // An internal load balancer admits its VPC unless the definition says whom.
    ingressCidrs: lb.ingressCidrs ?? [internal ? network.vpcCidr : '0.0.0.0/0'],
    domainName: definition.dns.domainName,
    hostedZoneId: definition.dns.hostedZoneId,
    certificateArn: definition.dns.certificateArn,
    idleTimeout: lb.idleTimeout,
    deletionProtection: lb.deletionProtection,
    deletionProtectionReason: lb.deletionProtectionReason,
    accessLogs: lb.accessLogs,
    accessLogsReason: lb.accessLogsReason,
    accessLogRetentionDays: lb.accessLogRetentionDays,
  };
}

/** The props of one service; `index` is its position in the definition (for a derived listener rule priority). */
export function serviceProps(
  definition: ComputeDefinition,
  svc: ServiceDefinition,
  index: number,
  context: {
    readonly cluster: Cluster;
    readonly loadBalancer?: HttpsLoadBalancer;
    readonly network: ComputeNetwork;
    readonly logKmsKeyArn: string;
    readonly images: Readonly<Record<string, string>>;
    readonly egressDependencies?: readonly ITerraformDependable[];
  },
): ServiceProps {
  const kind = svc.kind ?? 'web';
  const web = kind === 'web';
  return {
    name: svc.name,
    environmentName: definition.name,
    accountId: definition.accountId,
    region: definition.region,
    tier: definition.tier,
    cluster: context.cluster,
    network: {
      vpcId: context.network.vpcId,
      subnetIds: context.network.privateSubnetIds,
      endpointSecurityGroupId: context.network.endpointSecurityGroupId,
      egressDependencies: context.egressDependencies,
    },
    logKmsKeyArn: context.logKmsKeyArn,
    logRetentionDays: definition.compute?.logRetentionDays,
    kind,
    image: context.images[svc.name],
    cpu: svc.cpu,
    memory: svc.memory,
    architecture: svc.architecture,
    capacity: svc.capacity,
    desiredCount: svc.desiredCount,
    containerPort: svc.containerPort,
    healthCheckPath: svc.healthCheckPath,
    healthCheck: svc.healthCheck,
    deregistrationDelay: svc.deregistrationDelay,
    ...(web
      ? {
          loadBalancer: context.loadBalancer,
          // Hosts default to the load balancer's domain (dns.domainName).
          routing: { hosts: svc.routing?.hosts, paths: svc.routing?.paths, priority: listenerRulePriority(svc, index) },
        }
      : {}),
    stopTimeout: svc.stopTimeout,
    command: svc.command,
    environment: svc.environment,
    secrets: svc.secrets,
    secretKmsKeyArns: svc.secretKmsKeyArns,
    containerHealthCheck: svc.containerHealthCheck,
    readOnlyRootFilesystem: svc.readOnlyRootFilesystem,
    readOnlyRootFilesystemReason: svc.readOnlyRootFilesystemReason,
    user: svc.user,
    sidecars: (svc.sidecars ?? []).map((sidecar) => ({ ...sidecar, image: context.images[sidecar.name] })),
    taskRolePolicies: svc.taskRolePolicies,
    egress: svc.egress,
  };
}

/**
 * Image URI per container per service: services' from `images` when given, everything else
 * from the registry. A workspace without a shared registry pulls from ECR in the
 * environment's own account and region.
 */
export function resolveImages(props: ComputeFromDefinitionProps): Record<string, Record<string, string>> {
  const { definition } = props;
  const registry = props.registry ?? { accountId: definition.accountId, region: definition.region, replicationRegions: [] };
  const resolve = (image: ServiceDefinition['image']): string => imageUri(registry, image, definition.region);
  const result: Record<string, Record<string, string>> = {};
  for (const svc of definition.services) {
    const images: Record<string, string> = { [svc.name]: props.images?.[svc.name] ?? resolve(svc.image) };
    for (const sidecar of svc.sidecars ?? []) images[sidecar.name] = resolve(sidecar.image);
    result[svc.name] = images;
  }
  // Jobs pull from the registry as services do; their names are unique among both.
  for (const job of definition.jobs ?? []) result[job.name] = { [job.name]: props.images?.[job.name] ?? resolve(job.image) };
  // Every image of the definition is accounted for (the registry derives pulls from the same list).
  const expected = containerImages(definition).length;
  const resolved = Object.values(result).reduce((sum, images) => sum + Object.keys(images).length, 0);
  if (expected !== resolved) throw new Error(`resolved ${resolved} images for ${expected} containers`);
  return result;
}

/**
 * The compute layer of one environment, built from its definition: the log key, the
 * cluster, the load balancer (when a service is `kind: web`) and every service; and the
 * Terraform outputs `cluster_name`, `service_names` and `alb_dns_name`.
 */
export class ComputeFromDefinition extends Construct {
  readonly key: KmsKey;
  readonly cluster: Cluster;
  /** Undefined when every service is a worker. */
  readonly loadBalancer?: HttpsLoadBalancer;
  /** By service name, in definition order. */
  readonly services: Readonly<Record<string, Service>>;
  /** The queue of each queue worker, by service name. */
  readonly queues: Readonly<Record<string, IWorkQueue>>;
  /** The environment's schedule group; undefined without jobs. */
  readonly scheduleGroup?: ScheduleGroup;
  /** Scheduled jobs by name, in definition order. */
  readonly jobs: Readonly<Record<string, ScheduledTask>>;
  readonly outputs: ComputeOutputs;

  constructor(scope: Construct, id: string, props: ComputeFromDefinitionProps) {
    super(scope, id);
    const { definition, network } = props;
    const images = resolveImages(props);

    this.key = ecsLogKey(this, { name: definition.name, accountId: definition.accountId, region: definition.region }).key;
    this.cluster = new Cluster(this, 'cluster', clusterProps(definition, network, this.key, props.launchTags));
    if (definition.services.some((svc) => (svc.kind ?? 'web') === 'web')) {
      this.loadBalancer = new HttpsLoadBalancer(this, 'load-balancer', loadBalancerProps(definition, network));
    }

    const servicesScope = new Construct(this, 'services');
    const services: Record<string, Service> = {};
    definition.services.forEach((svc, i) => {
      const service = new Service(
        servicesScope,
        svc.name,
        serviceProps(definition, svc, i, {
          cluster: this.cluster,
          loadBalancer: this.loadBalancer,
          network,
          logKmsKeyArn: this.key.arn,
          images: images[svc.name],
          egressDependencies: props.egressDependencies,
        }),
      );
      services[svc.name] = service;
    });
    // Service Connect calls, once every service exists (a service may call one defined after it).
    for (const svc of definition.services) {
      for (const callee of svc.calls ?? []) services[svc.name].connectTo(services[callee]);
    }
    this.services = services;

    // Queue workers: their queues, then what the workers may do with them.
    const queues: Record<string, IWorkQueue> = {};
    const withQueues = definition.services.filter((svc) => svc.queue);
    if (withQueues.length > 0) {
      const queuesScope = new Construct(this, 'queues');
      for (const svc of withQueues) {
        const queue = workQueueOf(definition, svc, queuesScope) as IWorkQueue;
        services[svc.name].consumeQueue(queue);
        queues[svc.name] = queue;
      }
    }
    this.queues = queues;

    // Scheduled jobs: task definitions EventBridge Scheduler runs, in the environment's group.
    const jobs: Record<string, ScheduledTask> = {};
    const jobList = definition.jobs ?? [];
    if (jobList.length > 0) {
      const group = new ScheduleGroup(this, 'schedule-group', { environmentName: definition.name, accountId: definition.accountId, region: definition.region });
      this.scheduleGroup = group;
      const jobsScope = new Construct(this, 'jobs');
      for (const job of jobList) {
        jobs[job.name] = new ScheduledTask(
          jobsScope,
          job.name,
          jobProps(definition, job, {
            cluster: this.cluster,
            scheduleGroup: group,
            network,
            logKmsKeyArn: this.key.arn,
            image: images[job.name][job.name],
            egressDependencies: props.egressDependencies,
          }),
        );
      }
    }
    this.jobs = jobs;

    const alb = this.loadBalancer;
    this.outputs = {
      clusterName: this.cluster.clusterName,
      clusterArn: this.cluster.clusterArn,
      ...(alb ? { loadBalancerArn: alb.loadBalancer.arn, loadBalancerArnSuffix: alb.loadBalancerArnSuffix, loadBalancerDnsName: alb.dnsName } : {}),
      services: Object.fromEntries(
        Object.entries(services).map(([name, service]) => [
          name,
          {
            serviceName: service.serviceName,
            clusterName: service.clusterName,
            ...(service.targetGroup && service.loadBalancer
              ? { targetGroupArnSuffix: service.targetGroup.arnSuffix, loadBalancerArnSuffix: service.loadBalancer.loadBalancerArnSuffix }
              : {}),
            autoScaled: service.autoScaled,
            kind: service.kind,
          },
        ]),
      ),
    };

    const output = (name: string, value: unknown, description: string): void => {
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    };
    output('cluster_name', this.outputs.clusterName, 'ECS cluster name');
    output(
      'service_names',
      Object.values(this.outputs.services).map((svc) => svc.serviceName),
      'ECS service names, in definition order',
    );
    if (this.outputs.loadBalancerDnsName) output('alb_dns_name', this.outputs.loadBalancerDnsName, 'DNS name of the load balancer');
    if (withQueues.length > 0) {
      output('queue_urls', Object.fromEntries(Object.entries(queues).map(([name, queue]) => [name, queue.queueUrl])), 'URL of each queue worker\'s queue, by service: where producers send');
    }
  }
}
