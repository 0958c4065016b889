import 'cdktf/lib/testing/adapters/jest'; // types of the CDKTF Jest matchers
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { TerraformStack, Testing } from 'cdktf';
import { ServiceScaling, type ServiceScalingProps } from './service-scaling';
import { LOAD_BALANCER_SUFFIX, prodProps, ref, synthScaling, TARGET_GROUP_SUFFIX } from './test-support';

describe('ServiceScaling: scalable target', () => {
  const prod = synthScaling();

  it('registers each auto-scaled service with min and max from the definition', () => {
    expect(prod.synthesized).toHaveResourceWithProperties(AppautoscalingTarget, {
      service_namespace: 'ecs',
      resource_id: 'service/prod/prod-storefront',
      scalable_dimension: 'ecs:service:DesiredCount',
      min_capacity: 3,
      max_capacity: 12,
    });
    expect(Object.keys(prod.resources('aws_appautoscaling_target')).sort()).toEqual([
      'scaling/mailer/scaling/scalable-target',
      'scaling/storefront/scaling/scalable-target',
    ]);
  });

  it('lets Terraform own min and max, unless schedules change them', () => {
    const targets = prod.resources('aws_appautoscaling_target');
    expect(targets['scaling/storefront/scaling/scalable-target'].lifecycle).toBeUndefined();
    expect(targets['scaling/mailer/scaling/scalable-target'].lifecycle).toEqual({ ignore_changes: ['min_capacity', 'max_capacity'] });
  });

  it('does not register a service without scaling', () => {
    const props = prodProps();
    const definition = { ...props.definition, services: [{ name: 'storefront', minCount: 2, maxCount: 2 }] };
    const fixed = synthScaling({ definition, services: { storefront: { ...props.services.storefront, autoScaled: false } } });
    expect(fixed.resources('aws_appautoscaling_target')).toEqual({});
    expect(fixed.resources('aws_appautoscaling_policy')).toEqual({});
    expect(fixed.construct.services.storefront.scaling).toBeUndefined();
  });
});

describe('ServiceScaling: target tracking policies', () => {
  const prod = synthScaling();
  const policies = prod.resources('aws_appautoscaling_policy');
  const target = 'scaling/storefront/scaling/scalable-target';

  it('creates one policy per target the definition sets', () => {
    expect(Object.keys(policies).sort()).toEqual([
      'scaling/mailer/scaling/cpu-policy',
      'scaling/storefront/scaling/cpu-policy',
      'scaling/storefront/scaling/memory-policy',
      'scaling/storefront/scaling/requests-policy',
    ]);
  });

  it('tracks average CPU on the registered target, out fast and in slowly by default', () => {
    expect(policies['scaling/storefront/scaling/cpu-policy']).toMatchObject({
      name: 'prod-storefront-cpu',
      policy_type: 'TargetTrackingScaling',
      service_namespace: ref(prod, 'aws_appautoscaling_target', target, 'service_namespace'),
      resource_id: ref(prod, 'aws_appautoscaling_target', target, 'resource_id'),
      scalable_dimension: ref(prod, 'aws_appautoscaling_target', target, 'scalable_dimension'),
      target_tracking_scaling_policy_configuration: {
        target_value: 55,
        scale_out_cooldown: 60,
        scale_in_cooldown: 300,
        disable_scale_in: false,
        predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
      },
    });
  });

  it('tracks memory with scale-in disabled when the definition says so', () => {
    expect(policies['scaling/storefront/scaling/memory-policy'].target_tracking_scaling_policy_configuration).toEqual({
      target_value: 70,
      scale_out_cooldown: 60,
      scale_in_cooldown: 300,
      disable_scale_in: true,
      predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageMemoryUtilization' },
    });
  });

  it('tracks requests per target with the load balancer / target group resource label', () => {
    expect(policies['scaling/storefront/scaling/requests-policy'].target_tracking_scaling_policy_configuration).toEqual({
      target_value: 800,
      scale_out_cooldown: 60,
      scale_in_cooldown: 300,
      disable_scale_in: false,
      predefined_metric_specification: {
        predefined_metric_type: 'ALBRequestCountPerTarget',
        resource_label: `${LOAD_BALANCER_SUFFIX}/${TARGET_GROUP_SUFFIX}`,
      },
    });
  });

  it('takes cooldowns from the service', () => {
    expect(policies['scaling/mailer/scaling/cpu-policy'].target_tracking_scaling_policy_configuration).toMatchObject({
      scale_out_cooldown: 30,
      scale_in_cooldown: 900,
    });
  });

  it('chains the changes to one target, which Application Auto Scaling refuses concurrently', () => {
    const id = (path: string) => `aws_appautoscaling_policy.${policies[path]['//'].metadata.uniqueId}`;
    const targetId = `aws_appautoscaling_target.${prod.resources('aws_appautoscaling_target')[target]['//'].metadata.uniqueId}`;
    expect(policies['scaling/storefront/scaling/cpu-policy'].depends_on).toEqual([targetId]);
    expect(policies['scaling/storefront/scaling/memory-policy'].depends_on).toEqual([id('scaling/storefront/scaling/cpu-policy')]);
    expect(policies['scaling/storefront/scaling/requests-policy'].depends_on).toEqual([id('scaling/storefront/scaling/memory-policy')]);
  });

  it('refuses a request-count policy without the load balancer suffixes', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const props: ServiceScalingProps = {
      environment: 'prod',
      service: 'mailer',
      clusterName: 'prod',
      serviceName: 'prod-mailer',
      minCount: 1,
      maxCount: 2,
      scaling: { requestsPerTarget: 100 },
    };
    expect(() => new ServiceScaling(stack, 'scaling', props)).toThrow(
      'service "mailer": requestsPerTarget needs loadBalancerArnSuffix and targetGroupArnSuffix (only a load-balanced service can scale on requests)',
    );
  });
});

describe('ServiceScaling: scheduled actions', () => {
  const prod = synthScaling();
  const actions = prod.resources('aws_appautoscaling_scheduled_action');
  const target = 'scaling/mailer/scaling/scalable-target';

  it('changes min and max on a cron schedule in a time zone', () => {
    expect(Object.keys(actions).sort()).toEqual(['scaling/mailer/scaling/schedule-morning', 'scaling/mailer/scaling/schedule-night']);
    expect(actions['scaling/mailer/scaling/schedule-night']).toMatchObject({
      name: 'prod-mailer-night',
      service_namespace: ref(prod, 'aws_appautoscaling_target', target, 'service_namespace'),
      resource_id: ref(prod, 'aws_appautoscaling_target', target, 'resource_id'),
      scalable_dimension: ref(prod, 'aws_appautoscaling_target', target, 'scalable_dimension'),
      schedule: 'cron(0 22 ? * * *)',
      timezone: 'Europe/Berlin',
      scalable_target_action: { min_capacity: '1', max_capacity: '2' },
    });
    expect(actions['scaling/mailer/scaling/schedule-morning'].scalable_target_action).toEqual({ min_capacity: '1', max_capacity: '4' });
  });

  it('applies the schedules after the policies, one at a time', () => {
    const policy = prod.resources('aws_appautoscaling_policy')['scaling/mailer/scaling/cpu-policy'];
    const night = actions['scaling/mailer/scaling/schedule-night'];
    expect(night.depends_on).toEqual([`aws_appautoscaling_policy.${policy['//'].metadata.uniqueId}`]);
    expect(actions['scaling/mailer/scaling/schedule-morning'].depends_on).toEqual([
      `aws_appautoscaling_scheduled_action.${night['//'].metadata.uniqueId}`,
    ]);
  });
});
