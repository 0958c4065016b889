/**
 * Layer 4 from the definition: `services[].scaling` and `monitoring` become libs/scaling's
 * AlarmTopic, one ServiceScaling per service that has `scaling` (made by compute's
 * `Service.autoScaleTaskCount`, so Terraform ignores its desired_count by construction), one
 * ServiceAlarms per service, and the ServicesDashboard. The constructs check their own props and apply the
 * tier's strictness themselves (the tier is passed through); what is decided here is what only
 * the definition knows: which policies a `scaling` block switches on, `disableScaleIn` by
 * policy name, which services sit behind the load balancer, a queue worker's backlog target and
 * alarm age, the alarms of the scheduled jobs.
 *
 * Construct ids keep the addresses of the stacks: `scaling/alarm-topic/...`,
 * `scaling/<service>/scaling/...`, `scaling/<service>/alarms/...`, `scaling/dashboard/...`
 * (docs/design.md decision 7), and the order they are created in keeps the synthesized JSON;
 * a queue worker's queue alarms are `scaling/<service>/queue-alarms/...`, the jobs' alarms
 * `scaling/jobs/...`.
 */
import type { ScheduledTask, ScheduleGroup, Service } from '@ecs-platform/compute';
import { type EnvironmentDefinition, isLoadBalanced, type QueueBinding, type ScalingTargets, type ServiceDefinition } from '@ecs-platform/environment-definition';
import type { IWorkQueue } from '@ecs-platform/messaging';
import {
  AlarmTopic,
  type LoadBalancerTargetRef,
  oldestMessageAlarmAge,
  QueueAlarms,
  ScheduleAlarms,
  ServiceAlarms,
  type ServiceScaling,
  ServicesDashboard,
  type TargetTrackingOptions,
} from '@ecs-platform/scaling';
import { Construct } from 'constructs';

/** What the scaling layer reads from an environment definition. */
export type ScalingDefinition = Pick<EnvironmentDefinition, 'name' | 'tier' | 'accountId' | 'region' | 'monitoring' | 'jobs'> & {
  readonly services: readonly Pick<ServiceDefinition, 'name' | 'kind' | 'minCount' | 'maxCount' | 'scaling' | 'queue'>[];
};

export interface ScalingFromDefinitionProps {
  readonly definition: ScalingDefinition;
  /** Compute's services by name (`ComputeFromDefinition.services`); one for every service of the definition. */
  readonly services: Readonly<Record<string, Service>>;
  /** The queue of each queue worker, by service name (`ComputeFromDefinition.queues`). @default {} */
  readonly queues?: Readonly<Record<string, IWorkQueue>>;
  /** The scheduled jobs by name and their group (`ComputeFromDefinition.jobs`, `.scheduleGroup`). @default none */
  readonly jobs?: { readonly group: ScheduleGroup; readonly tasks: Readonly<Record<string, ScheduledTask>> };
}

/** One service's scaling (when the definition scales it) and alarms. */
export interface ServiceScalingLayer {
  /** @default none: the service is not auto-scaled */
  readonly scaling?: ServiceScaling;
  readonly alarms: ServiceAlarms;
  /** For the ECS service to name with rollback and wait for; empty for a worker. */
  readonly deploymentAlarms: ServiceAlarms['deploymentAlarms'];
  /** A queue worker's oldest-message and dead-letter alarms. @default none (not a queue worker) */
  readonly queueAlarms?: QueueAlarms;
}

/** Layer 4 of an environment, built from its definition. */
export class ScalingFromDefinition extends Construct {
  readonly alarmTopic: AlarmTopic;
  readonly dashboard: ServicesDashboard;
  /** By service name. */
  readonly services: Readonly<Record<string, ServiceScalingLayer>>;
  /** The alarms of the scheduled jobs. @default none (no jobs) */
  readonly jobAlarms?: ScheduleAlarms;

  constructor(scope: Construct, id: string, props: ScalingFromDefinitionProps) {
    super(scope, id);
    const { definition } = props;
    const environment = definition.name;
    const resolved = definition.services.map((svc) => {
      const service = computeServiceOf(svc, props.services);
      return { svc, service, loadBalancerTarget: loadBalancerTargetOf(svc, service) };
    });

    const { monitoring } = definition;
    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      environment,
      accountId: definition.accountId,
      region: definition.region,
      alarmEmails: monitoring?.alarmEmails,
      alarmSubscriptions: monitoring?.alarmSubscriptions,
      tier: definition.tier,
      silenceReason: monitoring?.silenceReason,
      // An environment without services or jobs has no alarms yet, so nobody needs to hear it.
      hasAlarms: definition.services.length > 0 || (definition.jobs ?? []).length > 0,
    });

    const services: Record<string, ServiceScalingLayer> = {};
    for (const { svc, service, loadBalancerTarget } of resolved) {
      const node = new Construct(this, svc.name);
      // The service makes its scaler (and ignores desired_count from then on); it goes under
      // this layer's node, where the stacks have always had it.
      const queue = svc.queue ? queueOf(svc.name, props.queues) : undefined;
      const scaling =
        svc.scaling || svc.queue
          ? scaleService(service.autoScaleTaskCount({ minCapacity: svc.minCount, maxCapacity: svc.maxCount, scope: node, id: 'scaling' }), svc.scaling ?? {})
          : undefined;
      // A queue worker also scales on its backlog, after the policies and schedules it had.
      if (scaling && svc.queue && queue) scaleOnBacklog(scaling, queue, svc.queue, svc.scaling);
      const alarms = new ServiceAlarms(node, 'alarms', {
        service: service.serviceRef,
        environment,
        name: svc.name,
        topicArn: this.alarmTopic.topic.arn,
        lowestTaskCount: scaling?.lowestCapacity ?? svc.minCount,
        loadBalancerTarget,
      });
      // The alarms watch the service's target group; the service names them (rollback on
      // alarm) and so waits for them.
      service.addDeploymentAlarms(alarms.deploymentAlarms);
      const queueAlarms =
        svc.queue && queue
          ? new QueueAlarms(node, 'queue-alarms', {
              environment,
              name: svc.name,
              topicArn: this.alarmTopic.topic.arn,
              queueName: queue.queueName,
              deadLetterQueueName: queue.deadLetterQueue?.queueName,
              maxMessageAge:
                svc.queue.maxMessageAge ?? oldestMessageAlarmAge({ acceptableLatency: svc.queue.acceptableLatency, scalesToZero: (scaling?.lowestCapacity ?? svc.minCount) === 0 }),
            })
          : undefined;
      services[svc.name] = { scaling, alarms, deploymentAlarms: alarms.deploymentAlarms, ...(queueAlarms ? { queueAlarms } : {}) };
    }
    this.services = services;

    if (props.jobs && Object.keys(props.jobs.tasks).length > 0) {
      this.jobAlarms = new ScheduleAlarms(this, 'jobs', {
        environment,
        scheduleGroupName: props.jobs.group.scheduleGroupName,
        topicArn: this.alarmTopic.topic.arn,
        jobs: Object.entries(props.jobs.tasks).map(([name, task]) => ({ name, deadLetterQueueName: task.deadLetterQueue.queueName })),
      });
    }

    this.dashboard = new ServicesDashboard(this, 'dashboard', {
      environment,
      region: definition.region,
      services: resolved.map(({ svc, service, loadBalancerTarget }) => ({
        name: svc.name,
        service: service.serviceRef,
        loadBalancerTarget,
        cpuTarget: svc.scaling?.cpuTarget,
        memoryTarget: svc.scaling?.memoryTarget,
      })),
    });
  }
}

/**
 * The policies and schedules a `scaling` block switches on, in the order the stacks have
 * always applied them (cpu, memory, requests, then the schedules): each waits for the one before.
 */
function scaleService(scaling: ServiceScaling, targets: ScalingTargets): ServiceScaling {
  const disabled = new Set(targets.disableScaleIn ?? []);
  const options = (kind: 'cpu' | 'memory' | 'requests'): TargetTrackingOptions => ({
    scaleInCooldown: targets.scaleInCooldown,
    scaleOutCooldown: targets.scaleOutCooldown,
    disableScaleIn: disabled.has(kind),
  });
  if (targets.cpuTarget !== undefined) scaling.scaleOnCpuUtilization({ targetUtilizationPercent: targets.cpuTarget, ...options('cpu') });
  if (targets.memoryTarget !== undefined) scaling.scaleOnMemoryUtilization({ targetUtilizationPercent: targets.memoryTarget, ...options('memory') });
  if (targets.requestsPerTarget !== undefined) scaling.scaleOnRequestCount({ requestsPerTarget: targets.requestsPerTarget, ...options('requests') });
  for (const entry of targets.schedules ?? []) {
    scaling.scaleOnSchedule(entry.name, { schedule: entry.cron, timezone: entry.timezone, minCapacity: entry.minCount, maxCapacity: entry.maxCount });
  }
  return scaling;
}

/**
 * The backlog policy of a queue worker: its target from the definition (targetBacklogPerTask,
 * or acceptableLatency / secondsPerMessage), with the `scaling` block's cooldowns when it has one.
 */
function scaleOnBacklog(scaling: ServiceScaling, queue: IWorkQueue, binding: QueueBinding, targets: ScalingTargets | undefined): void {
  scaling.scaleOnBacklogPerTask({
    queueName: queue.queueName,
    targetBacklogPerTask: binding.targetBacklogPerTask,
    acceptableLatency: binding.acceptableLatency,
    secondsPerMessage: binding.secondsPerMessage,
    scaleInCooldown: targets?.scaleInCooldown,
    scaleOutCooldown: targets?.scaleOutCooldown,
  });
}

function queueOf(name: string, queues: Readonly<Record<string, IWorkQueue>> | undefined): IWorkQueue {
  const queue = queues?.[name];
  if (!queue) throw new Error(`service "${name}" is a queue worker: compute gave it no queue`);
  return queue;
}

function computeServiceOf(svc: ScalingDefinition['services'][number], services: Readonly<Record<string, Service>>): Service {
  const found = services[svc.name];
  if (!found) throw new Error(`service "${svc.name}": compute has no such service`);
  if (found.autoScaled && svc.scaling === undefined && svc.queue === undefined) {
    throw new Error(
      `service "${svc.name}": compute ignores its desired_count but the definition has no "scaling"; ` +
        'Terraform must ignore desired_count exactly when the service is auto-scaled (docs/design.md decision 5)',
    );
  }
  return found;
}

function loadBalancerTargetOf(svc: ScalingDefinition['services'][number], service: Service): LoadBalancerTargetRef | undefined {
  if (!isLoadBalanced(svc)) return undefined;
  const target = service.loadBalancerTarget;
  if (!target) throw new Error(`service "${svc.name}" is a web service: compute gave it no target group on a load balancer`);
  return target;
}
