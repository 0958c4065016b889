import type { ServiceDefinition } from '@ecs-platform/environment-definition';
import { Template, testStack } from '@ecs-platform/testing';
import { type ComputeDefinition, ComputeFromDefinition, isAutoScaled, loadBalancerProps } from './compute';

const NETWORK = { vpcId: 'vpc-1', vpcCidr: '10.20.0.0/16', publicSubnetIds: ['subnet-pa', 'subnet-pb'], privateSubnetIds: ['subnet-a', 'subnet-b'] };

function web(name: string, more: Partial<ServiceDefinition> = {}): ServiceDefinition {
  return {
    name,
    image: { repository: 'sample-service', tag: '1.2.3' },
    cpu: 256,
    memory: 512,
    containerPort: 8080,
    healthCheckPath: '/healthz',
    desiredCount: 1,
    minCount: 1,
    maxCount: 2,
    ...more,
  };
}

function definition(more: Partial<ComputeDefinition> = {}): ComputeDefinition {
  return {
    name: 'dev',
    tier: 'non-production',
    accountId: '210987654321',
    region: 'eu-west-1',
    dns: { domainName: 'dev.shop.example.com', hostedZoneId: 'Z0DEV' },
    services: [web('storefront')],
    ...more,
  };
}

describe('the compute adapter', () => {
  it('derives listener rule priorities from positions (path rules first) and routes to dns.domainName by default', () => {
    const stack = testStack();
    new ComputeFromDefinition(stack, 'compute', {
      definition: definition({ services: [web('storefront'), web('api', { routing: { hosts: ['api.example.com'], paths: ['/v1/*'] } })] }),
      network: NETWORK,
    });
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_lb_listener_rule', 'compute/services/storefront/listener-rule', {
      priority: 40010,
      condition: [{ host_header: { values: ['dev.shop.example.com'] } }],
    });
    template.resourceMatches('aws_lb_listener_rule', 'compute/services/api/listener-rule', {
      priority: 20,
      condition: [{ host_header: { values: ['api.example.com'] } }, { path_pattern: { values: ['/v1/*'] } }],
    });
    template.hasOutput('service_names');
    template.hasOutput('alb_dns_name');
  });

  it('makes no load balancer for workers only', () => {
    const stack = testStack();
    const worker = { ...web('jobs'), kind: 'worker' as const, containerPort: undefined, healthCheckPath: undefined, containerHealthCheck: { command: ['CMD', 'true'] } };
    const compute = new ComputeFromDefinition(stack, 'compute', { definition: definition({ services: [worker] }), network: NETWORK });
    expect(compute.loadBalancer).toBeUndefined();
    expect(Object.keys(Template.fromStack(stack).outputs())).toEqual(['cluster_name', 'service_names']);
  });

  it('gives the cluster a Service Connect namespace only when a service serves or calls through it, and connects each call', () => {
    const without = testStack();
    new ComputeFromDefinition(without, 'compute', { definition: definition(), network: NETWORK });
    Template.fromStack(without).resourceCountIs('aws_service_discovery_http_namespace', 0);

    const stack = testStack();
    // The caller comes first: a call may name a service defined after it.
    const catalog = { ...web('catalog'), kind: 'backend' as const, healthCheckPath: undefined, containerHealthCheck: { command: ['CMD', 'true'] } };
    new ComputeFromDefinition(stack, 'compute', { definition: definition({ services: [web('storefront', { calls: ['catalog'] }), catalog] }), network: NETWORK });
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_service_discovery_http_namespace', 'compute/cluster/service-connect-namespace', { name: 'dev' });
    template.resourceMatches('aws_vpc_security_group_ingress_rule', 'compute/services/catalog/service-connect-from-storefront', {
      referenced_security_group_id: template.ref('aws_security_group', 'compute/services/storefront/security-group'),
      from_port: 8080,
    });
    template.resourceMatches('aws_ecs_service', 'compute/services/catalog/service', {
      service_connect_configuration: { service: [{ discovery_name: 'catalog', client_alias: { port: 8080, dns_name: 'catalog' } }] },
    });
    expect(template.resource('aws_ecs_service', 'compute/services/storefront/service').depends_on).toContain(
      template.address('aws_ecs_service', 'compute/services/catalog/service'),
    );
    // Only web services are behind the load balancer.
    expect(Object.keys(template.findResources('aws_lb_target_group'))).toEqual(['compute/services/storefront/target-group']);
  });

  it('lets an internal load balancer admit its VPC unless told whom', () => {
    const internal = loadBalancerProps(definition({ compute: { loadBalancer: { scheme: 'internal' } } }), NETWORK);
    expect(internal).toMatchObject({ internal: true, subnetIds: NETWORK.privateSubnetIds, ingressCidrs: ['10.20.0.0/16'] });
    expect(loadBalancerProps(definition(), NETWORK)).toMatchObject({ internal: false, subnetIds: NETWORK.publicSubnetIds, ingressCidrs: ['0.0.0.0/0'] });
  });

  it('hands the count to Application Auto Scaling exactly when a policy or a schedule moves it', () => {
    expect(isAutoScaled({})).toBe(false);
    expect(isAutoScaled({ scaling: { cpuTarget: 60 } })).toBe(true);
    expect(isAutoScaled({ scaling: { schedules: [{ name: 'night', cron: 'cron(0 20 * * ? *)', timezone: 'UTC', minCount: 0, maxCount: 0 }] } })).toBe(true);
  });
});
