import { Template } from '@ecs-platform/testing';
import { availabilityZoneRebalancingProblems } from './checks';
import { WEB_DEPLOYMENT_DEFAULTS } from './defaults';
import { Service, type ServiceProps } from './service';
import { environment, type Environment, refusal, webProps, workerProps } from './spec-fixtures';

function web(env: Environment, more: Partial<ServiceProps> = {}): Template {
  new Service(env.stack, 'storefront', webProps(env, { deploymentAlarmsReason: 'alarms are not the subject of this test', ...more }));
  return Template.fromStack(env.stack);
}

describe('rolling deployments of a web service, per tier', () => {
  it('states the defaults in one table: bounds, grace period, circuit breaker, alarms, AZ rebalancing, no bake time', () => {
    expect(WEB_DEPLOYMENT_DEFAULTS).toEqual({
      production: {
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        healthCheckGracePeriod: 60,
        circuitBreaker: { enable: true, rollback: true },
        deploymentAlarms: 'required',
        availabilityZoneRebalancing: true,
        bakeTimeMinutes: undefined,
      },
      'non-production': {
        minimumHealthyPercent: 50,
        maximumPercent: 200,
        healthCheckGracePeriod: 60,
        circuitBreaker: { enable: true, rollback: true },
        deploymentAlarms: 'optional',
        availabilityZoneRebalancing: true,
        bakeTimeMinutes: undefined,
      },
    });
  });

  for (const tier of ['production', 'non-production'] as const) {
    it(`deploys a ${tier} web service with the table's settings`, () => {
      const expected = WEB_DEPLOYMENT_DEFAULTS[tier];
      const template = web(environment(tier), { tier });
      template.resourceMatches('aws_ecs_service', 'storefront/service', {
        deployment_minimum_healthy_percent: expected.minimumHealthyPercent,
        deployment_maximum_percent: expected.maximumPercent,
        health_check_grace_period_seconds: expected.healthCheckGracePeriod,
        deployment_circuit_breaker: expected.circuitBreaker,
        deployment_controller: { type: 'ECS' },
        availability_zone_rebalancing: 'ENABLED',
      });
    });
  }
});

describe('AZ rebalancing', () => {
  it('is on for Fargate services and for EC2 services, which spread over the zones first', () => {
    const env = environment('production', {
      ec2Capacity: { instanceType: 'm7i.large', minSize: 1, maxSize: 2, vpcId: 'vpc-1', subnetIds: ['subnet-private-a'] },
    });
    new Service(env.stack, 'order-worker', workerProps(env, { capacity: { ec2: 1 } }));
    const template = web(env);
    template.resourceMatches('aws_ecs_service', 'storefront/service', { availability_zone_rebalancing: 'ENABLED' });
    template.resourceMatches('aws_ecs_service', 'order-worker/service', {
      availability_zone_rebalancing: 'ENABLED',
      ordered_placement_strategy: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'spread', field: 'instanceId' },
      ],
    });
  });

  it('is off when the deployment has no room above the desired count (maximumPercent 100), or when turned off', () => {
    const tight = web(environment('non-production'), { tier: 'non-production', minimumHealthyPercent: 50, maximumPercent: 100 });
    tight.resourceMatches('aws_ecs_service', 'storefront/service', { availability_zone_rebalancing: 'DISABLED' });
    const off = web(environment(), { availabilityZoneRebalancing: false });
    off.resourceMatches('aws_ecs_service', 'storefront/service', { availability_zone_rebalancing: 'DISABLED' });
  });

  it('refuses to be turned on without that room', () => {
    const env = environment('non-production');
    expect(
      refusal(
        () =>
          new Service(
            env.stack,
            'storefront',
            webProps(env, { tier: 'non-production', minimumHealthyPercent: 50, maximumPercent: 100, availabilityZoneRebalancing: true }),
          ),
      ),
    ).toEqual(['availabilityZoneRebalancing: needs maximumPercent above 100, got 100: ECS starts a task in the emptier zone before it stops one in the fuller']);
    expect(availabilityZoneRebalancingProblems({ tier: 'production', availabilityZoneRebalancing: true })).toEqual([]);
  });
});
