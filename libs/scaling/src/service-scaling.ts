import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingScheduledAction } from '@cdktf/provider-aws/lib/appautoscaling-scheduled-action';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { SCALING_DEFAULTS, type ScalingPolicyKind, type ScalingTargets } from '@ecs-platform/environment-definition';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface ServiceScalingProps {
  /** Environment name; prefixes policy and scheduled action names. */
  readonly environment: string;
  /** The service's name in the definition; names the policies (`<environment>-<service>-cpu`). */
  readonly service: string;
  /**
   * ECS cluster name. Pass the cluster resource's `name` (a token) so that Terraform registers
   * the scalable target only after the cluster exists.
   */
  readonly clusterName: string;
  /**
   * ECS service name. Pass the service resource's `name` (a token): Application Auto Scaling
   * refuses to register a service that does not exist yet.
   */
  readonly serviceName: string;
  /** The definition's `minCount`: the scalable target's minimum. */
  readonly minCount: number;
  /** The definition's `maxCount`: the scalable target's maximum. */
  readonly maxCount: number;
  /** The definition's `services[].scaling`. */
  readonly scaling: ScalingTargets;
  /**
   * `arn_suffix` of the load balancer (`app/<name>/<id>`). Required with `requestsPerTarget`.
   * @default none: no request-count policy is possible
   */
  readonly loadBalancerArnSuffix?: string;
  /**
   * `arn_suffix` of the service's target group (`targetgroup/<name>/<id>`). Required with `requestsPerTarget`.
   * @default none: no request-count policy is possible
   */
  readonly targetGroupArnSuffix?: string;
}

interface PolicySpec {
  readonly kind: ScalingPolicyKind;
  readonly metric: string;
  readonly target?: number;
}

/**
 * One auto-scaled ECS service: its scalable target (`service/<cluster>/<service>`,
 * `ecs:service:DesiredCount`, min and max from the definition), one target tracking policy per
 * target the definition sets, and its scheduled actions.
 *
 * With schedules, the schedules own the target's min and max at run time, so Terraform ignores
 * drift on them (it would otherwise undo the night schedule at the next apply); the definition
 * keeps them in step by requiring a schedule that restores `minCount`/`maxCount`.
 */
export class ServiceScaling extends Construct {
  readonly target: AppautoscalingTarget;
  /** Target tracking policies by kind; only the kinds the definition sets. */
  readonly policies: Partial<Record<ScalingPolicyKind, AppautoscalingPolicy>>;
  /** Scheduled actions by schedule name. */
  readonly scheduledActions: Readonly<Record<string, AppautoscalingScheduledAction>>;

  constructor(scope: Construct, id: string, props: ServiceScalingProps) {
    super(scope, id);
    const { environment, service, scaling } = props;
    const schedules = scaling.schedules ?? [];

    this.target = new AppautoscalingTarget(this, 'scalable-target', {
      serviceNamespace: 'ecs',
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: props.minCount,
      maxCapacity: props.maxCount,
      ...(schedules.length > 0 ? { lifecycle: { ignoreChanges: ['min_capacity', 'max_capacity'] } } : {}),
    });

    const specs: PolicySpec[] = [
      { kind: 'cpu', metric: 'ECSServiceAverageCPUUtilization', target: scaling.cpuTarget },
      { kind: 'memory', metric: 'ECSServiceAverageMemoryUtilization', target: scaling.memoryTarget },
      { kind: 'requests', metric: 'ALBRequestCountPerTarget', target: scaling.requestsPerTarget },
    ];
    const disabled = new Set(scaling.disableScaleIn ?? []);
    // Application Auto Scaling rejects concurrent changes to one scalable target
    // (ConcurrentUpdateException, hashicorp/terraform-provider-aws#17915), so every policy and
    // scheduled action waits for the one before it.
    let previous: ITerraformDependable = this.target;
    this.policies = {};
    for (const spec of specs) {
      if (spec.target === undefined) continue;
      const policy = new AppautoscalingPolicy(this, `${spec.kind}-policy`, {
        name: `${environment}-${service}-${spec.kind}`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: this.target.serviceNamespace,
        resourceId: this.target.resourceId,
        scalableDimension: this.target.scalableDimension,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: spec.target,
          scaleOutCooldown: scaling.scaleOutCooldown ?? SCALING_DEFAULTS.scaleOutCooldown,
          scaleInCooldown: scaling.scaleInCooldown ?? SCALING_DEFAULTS.scaleInCooldown,
          disableScaleIn: disabled.has(spec.kind),
          predefinedMetricSpecification: {
            predefinedMetricType: spec.metric,
            ...(spec.kind === 'requests' ? { resourceLabel: requestCountLabel(props) } : {}),
          },
        },
        dependsOn: [previous],
      });
      this.policies[spec.kind] = policy;
      previous = policy;
    }

    const actions: Record<string, AppautoscalingScheduledAction> = {};
    for (const entry of schedules) {
      const action = new AppautoscalingScheduledAction(this, `schedule-${entry.name}`, {
        name: `${environment}-${service}-${entry.name}`,
        serviceNamespace: this.target.serviceNamespace,
        resourceId: this.target.resourceId,
        scalableDimension: this.target.scalableDimension,
        schedule: entry.cron,
        timezone: entry.timezone,
        // The provider takes both capacities as strings.
        scalableTargetAction: { minCapacity: String(entry.minCount), maxCapacity: String(entry.maxCount) },
        dependsOn: [previous],
      });
      actions[entry.name] = action;
      previous = action;
    }
    this.scheduledActions = actions;
  }
}

/** `ResourceLabel` of ALBRequestCountPerTarget: `app/<lb>/<id>/targetgroup/<tg>/<id>`. */
export function requestCountLabel(props: Pick<ServiceScalingProps, 'service' | 'loadBalancerArnSuffix' | 'targetGroupArnSuffix'>): string {
  if (!props.loadBalancerArnSuffix || !props.targetGroupArnSuffix) {
    throw new Error(
      `service "${props.service}": requestsPerTarget needs loadBalancerArnSuffix and targetGroupArnSuffix (only a load-balanced service can scale on requests)`,
    );
  }
  return `${props.loadBalancerArnSuffix}/${props.targetGroupArnSuffix}`;
}
