import { type EnvironmentDefinition, isLoadBalanced, type ServiceDefinition } from '@ecs-platform/environment-definition';
import { Construct } from 'constructs';
import { AlarmTopic } from './alarm-topic';
import { ServicesDashboard } from './dashboard';
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DEPLOYMENT_ALARM_KINDS, deploymentAlarmNames } from './names';
import { type AlarmThresholds, type LoadBalancerTarget, ServiceAlarms } from './service-alarms';
import { ServiceScaling } from './service-scaling';

/**
 * What this library needs of one ECS service from the compute layer. Plain strings or tokens;
 * this library does not import the compute library.
 */
export interface ServiceComputeOutputs {
  /** ECS service name; pass the service resource's `name` so the scalable target waits for the service. */
  readonly serviceName: string;
  /** ECS cluster name; pass the cluster resource's `name`. */
  readonly clusterName: string;
  /** `arn_suffix` of the service's target group. Required for a web service. @default none (worker) */
  readonly targetGroupArnSuffix?: string;
  /** `arn_suffix` of the load balancer. Required for a web service. @default none (worker) */
  readonly loadBalancerArnSuffix?: string;
  /**
   * Whether compute ignores the service's `desired_count` (docs/design.md decision 5). Must equal
   * "the definition has `scaling`", or the scaler and Terraform would fight over the count.
   */
  readonly autoScaled: boolean;
}

/** The parts of a service definition this library reads. */
export type ScaledServiceDefinition = Pick<ServiceDefinition, 'name' | 'kind' | 'minCount' | 'maxCount' | 'scaling'>;

export interface ScalingAndMonitoringProps {
  /** The environment definition (name, account, region, services, monitoring). */
  readonly definition: Pick<EnvironmentDefinition, 'name' | 'accountId' | 'region' | 'monitoring'> & {
    readonly services: readonly ScaledServiceDefinition[];
  };
  /** Compute outputs by service name; one for every service of the definition. */
  readonly services: Readonly<Record<string, ServiceComputeOutputs>>;
  /** @default DEFAULT_ALARM_THRESHOLDS for every service */
  readonly alarmThresholds?: Partial<AlarmThresholds>;
}

/** One service's scaling (when auto-scaled) and alarms. */
export interface ServiceMonitoring {
  /** @default none: the service is not auto-scaled */
  readonly scaling?: ServiceScaling;
  readonly alarms: ServiceAlarms;
  /** Names for the ECS service's deployment alarms; empty for a worker. */
  readonly deploymentAlarmNames: readonly string[];
  /** The deployment alarms themselves, for the ECS service to name and wait for; empty for a worker. */
  readonly deploymentAlarms: readonly CloudwatchMetricAlarm[];
}

/**
 * Layer 4 of an environment: auto scaling of every service that has `scaling`, the alarm
 * topic, the alarms of every service and the environment's dashboard.
 *
 * Construct ids: `alarm-topic`, `dashboard`, and per service `<service>/scaling` and
 * `<service>/alarms`; the service's name keeps the addresses stable when services are added,
 * removed or reordered (docs/design.md decision 7).
 */
export class ScalingAndMonitoring extends Construct {
  readonly alarmTopic: AlarmTopic;
  readonly dashboard: ServicesDashboard;
  /** By service name. */
  readonly services: Readonly<Record<string, ServiceMonitoring>>;

  constructor(scope: Construct, id: string, props: ScalingAndMonitoringProps) {
    super(scope, id);
    const { definition } = props;
    const environment = definition.name;
    const resolved = definition.services.map((svc) => ({ svc, outputs: computeOutputsOf(svc, props.services) }));

    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      environment,
      accountId: definition.accountId,
      region: definition.region,
      monitoring: definition.monitoring,
    });

    const services: Record<string, ServiceMonitoring> = {};
    for (const { svc, outputs } of resolved) {
      const node = new Construct(this, svc.name);
      const loadBalancer = loadBalancerOf(svc, outputs);
      const scaling = svc.scaling ? scaleService(node, environment, svc, outputs, svc.scaling, loadBalancer) : undefined;
      const alarms = new ServiceAlarms(node, 'alarms', {
        environment,
        service: svc.name,
        clusterName: outputs.clusterName,
        serviceName: outputs.serviceName,
        lowestMinCount: lowestMinCount(svc),
        topicArn: this.alarmTopic.topic.arn,
        loadBalancer,
        thresholds: props.alarmThresholds,
      });
      const deploymentAlarms = DEPLOYMENT_ALARM_KINDS.flatMap((kind) => (alarms.alarms[kind] ? [alarms.alarms[kind]] : []));
      services[svc.name] = {
        scaling,
        alarms,
        deploymentAlarmNames: deploymentAlarmNames(environment, svc.name, loadBalancer !== undefined),
        deploymentAlarms,
      };
    }
    this.services = services;

    this.dashboard = new ServicesDashboard(this, 'dashboard', {
      environment,
      region: definition.region,
      services: resolved.map(({ svc, outputs }) => ({
        service: svc.name,
        clusterName: outputs.clusterName,
        serviceName: outputs.serviceName,
        loadBalancer: loadBalancerOf(svc, outputs),
        cpuTarget: svc.scaling?.cpuTarget,
        memoryTarget: svc.scaling?.memoryTarget,
      })),
    });
  }
}

/** Today's mapping of `services[].scaling` onto ServiceScaling (moves to the app's definition adapter). */
function scaleService(
  scope: Construct,
  environment: string,
  svc: ScaledServiceDefinition,
  outputs: ServiceComputeOutputs,
  targets: NonNullable<ScaledServiceDefinition['scaling']>,
  loadBalancerTarget: LoadBalancerTarget | undefined,
): ServiceScaling {
  const scaling = new ServiceScaling(scope, 'scaling', {
    service: { clusterName: outputs.clusterName, serviceName: outputs.serviceName },
    namePrefix: `${environment}-${svc.name}`,
    minCapacity: svc.minCount,
    maxCapacity: svc.maxCount,
    loadBalancerTarget,
    tier: 'non-production',
  });
  const disabled = new Set(targets.disableScaleIn ?? []);
  const options = (kind: 'cpu' | 'memory' | 'requests') => ({
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

/** The fewest tasks a service may run: its minCount or the lowest minCount of its schedules. */
export function lowestMinCount(svc: Pick<ScaledServiceDefinition, 'minCount' | 'scaling'>): number {
  return Math.min(svc.minCount, ...(svc.scaling?.schedules ?? []).map((entry) => entry.minCount));
}

function computeOutputsOf(svc: ScaledServiceDefinition, outputs: Readonly<Record<string, ServiceComputeOutputs>>): ServiceComputeOutputs {
  const found = outputs[svc.name];
  if (!found) throw new Error(`service "${svc.name}": no compute outputs (serviceName, clusterName, ...) were given for it`);
  if (found.autoScaled !== (svc.scaling !== undefined)) {
    throw new Error(
      `service "${svc.name}": compute says autoScaled=${found.autoScaled} but the definition ${svc.scaling ? 'has' : 'has no'} "scaling"; ` +
        'Terraform must ignore desired_count exactly when the service is auto-scaled (docs/design.md decision 5)',
    );
  }
  return found;
}

function loadBalancerOf(svc: ScaledServiceDefinition, outputs: ServiceComputeOutputs): LoadBalancerTarget | undefined {
  if (!isLoadBalanced(svc)) return undefined;
  const { loadBalancerArnSuffix, targetGroupArnSuffix } = outputs;
  if (!loadBalancerArnSuffix || !targetGroupArnSuffix) {
    throw new Error(`service "${svc.name}" is a web service: its compute outputs need loadBalancerArnSuffix and targetGroupArnSuffix`);
  }
  return { loadBalancerArnSuffix, targetGroupArnSuffix };
}
