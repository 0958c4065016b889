import { Match, Template } from '@ecs-platform/testing';
import { serviceCallProblems } from './checks';
import { Service, type ServiceProps } from './service';
import { environment, type Environment, refusal, REGION, webProps, workerProps } from './spec-fixtures';

/** A backend service of `env`: a port, a container health check, no load balancer. */
function backendProps(env: Environment, more: Partial<ServiceProps> = {}): ServiceProps {
  return {
    ...workerProps(env),
    name: 'catalog',
    kind: 'backend',
    command: undefined,
    containerPort: 8080,
    containerHealthCheck: { command: ['CMD', 'node', 'src/healthcheck.js'] },
    ...more,
  };
}

function web(env: Environment, more: Partial<ServiceProps> = {}): Service {
  return new Service(env.stack, 'storefront', webProps(env, { deploymentAlarmsReason: 'alarms are not the subject of this test', ...more }));
}

function containers(template: Template, path: string): Array<Record<string, unknown>> {
  return JSON.parse(template.resource('aws_ecs_task_definition', `${path}/task-definition`).container_definitions as string);
}

describe('Cluster: Service Connect namespace', () => {
  it('has none unless asked', () => {
    const env = environment();
    const template = Template.fromStack(env.stack);
    template.resourceCountIs('aws_service_discovery_http_namespace', 0);
    expect(template.resource('aws_ecs_cluster', 'cluster/cluster').service_connect_defaults).toBeUndefined();
    expect(env.cluster.serviceConnectNamespaceArn).toBeUndefined();
  });

  it('serviceConnect makes an HTTP namespace named after the cluster, its Service Connect default', () => {
    const env = environment('production', { serviceConnect: true });
    const template = Template.fromStack(env.stack);
    template.resourceMatches('aws_service_discovery_http_namespace', 'cluster/service-connect-namespace', {
      name: 'shop',
      description: 'Service Connect namespace of the ECS cluster shop',
    });
    template.resourceMatches('aws_ecs_cluster', 'cluster/cluster', {
      service_connect_defaults: { namespace: template.ref('aws_service_discovery_http_namespace', 'cluster/service-connect-namespace', 'arn') },
    });
  });

  it('enableServiceConnect makes it once', () => {
    const env = environment();
    const arn = env.cluster.enableServiceConnect();
    expect(env.cluster.enableServiceConnect()).toBe(arn);
    expect(env.cluster.serviceConnectNamespaceArn).toBe(arn);
    Template.fromStack(env.stack).resourceCountIs('aws_service_discovery_http_namespace', 1);
  });
});

describe('Service: kind backend', () => {
  const env = environment('production', { serviceConnect: true });
  new Service(env.stack, 'catalog', backendProps(env));
  const template = Template.fromStack(env.stack);
  const namespace = template.ref('aws_service_discovery_http_namespace', 'cluster/service-connect-namespace', 'arn');

  it('serves its container port through Service Connect only: a named port, a server entry, no load balancer', () => {
    expect(containers(template, 'catalog')[0].portMappings).toEqual([{ containerPort: 8080, protocol: 'tcp', name: 'catalog', appProtocol: 'http' }]);
    template.resourceMatches('aws_ecs_service', 'catalog/service', {
      load_balancer: Match.absent(),
      health_check_grace_period_seconds: Match.absent(),
      service_connect_configuration: {
        enabled: true,
        namespace,
        service: [{ port_name: 'catalog', discovery_name: 'catalog', client_alias: { port: 8080, dns_name: 'catalog' } }],
        log_configuration: {
          log_driver: 'awslogs',
          options: { 'awslogs-group': '/ecs/shop/catalog', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'service-connect' },
        },
      },
    });
    template.resourceCountIs('aws_lb_target_group', 0);
  });

  it('admits nobody until a service calls it', () => {
    expect(template.findResources('aws_vpc_security_group_ingress_rule', { security_group_id: template.ref('aws_security_group', 'catalog/security-group') })).toEqual({});
  });

  it('needs a port, a container health check, no load balancer fields and the cluster namespace', () => {
    const other = environment();
    expect(
      refusal(
        () =>
          new Service(
            other.stack,
            'catalog',
            backendProps(other, { containerPort: undefined, containerHealthCheck: undefined, healthCheckPath: '/healthz', loadBalancer: other.loadBalancer }),
          ),
      ),
    ).toEqual([
      "kind: a backend service needs the cluster's Service Connect namespace (the Cluster's serviceConnect): other services reach it only through Service Connect",
      'containerPort: is required for a backend service (kind: backend): other services call it on this port through Service Connect',
      'healthCheckPath: is only for web services: a backend service has no load balancer (other services reach it through Service Connect)',
      'loadBalancer: is only for web services: a backend service has no load balancer (other services reach it through Service Connect)',
      'containerHealthCheck: is required for a backend service: without a load balancer nothing else notices a hung task',
    ]);
  });

  it('needs a name Cloud Map takes as a discovery name', () => {
    const other = environment('production', { serviceConnect: true });
    expect(refusal(() => new Service(other.stack, 'catalog', backendProps(other, { name: `c${'a'.repeat(64)}` })))).toEqual([
      `name: "c${'a'.repeat(64)}" cannot be a Service Connect discovery name: at most 64 letters, digits, hyphens and underscores, starting with a letter or digit`,
    ]);
  });
});

describe('Service.connectTo: one caller, one called service, one port', () => {
  const env = environment('production', { serviceConnect: true });
  const storefront = web(env);
  const catalog = new Service(env.stack, 'catalog', backendProps(env));
  new Service(env.stack, 'order-worker', workerProps(env));
  const connection = storefront.connectTo(catalog);
  const template = Template.fromStack(env.stack);
  const namespace = template.ref('aws_service_discovery_http_namespace', 'cluster/service-connect-namespace', 'arn');
  const storefrontTasks = template.ref('aws_security_group', 'storefront/security-group');
  const catalogTasks = template.ref('aws_security_group', 'catalog/security-group');

  it('admits the caller on the called port, and lets the caller reach it there, nothing more', () => {
    expect(connection.port).toBe(8080);
    template.resourceMatches('aws_vpc_security_group_ingress_rule', 'catalog/service-connect-from-storefront', {
      security_group_id: catalogTasks,
      referenced_security_group_id: storefrontTasks,
      ip_protocol: 'tcp',
      from_port: 8080,
      to_port: 8080,
      description: 'storefront calls catalog through Service Connect',
    });
    template.resourceMatches('aws_vpc_security_group_egress_rule', 'storefront/service-connect-to-catalog', {
      security_group_id: storefrontTasks,
      referenced_security_group_id: catalogTasks,
      from_port: 8080,
      to_port: 8080,
    });
    // The catalog's only ingress is the storefront's; the worker is not opened at all.
    expect(Object.keys(template.findResources('aws_vpc_security_group_ingress_rule', { security_group_id: catalogTasks }))).toEqual([
      'catalog/service-connect-from-storefront',
    ]);
    expect(Object.keys(template.findResources('aws_vpc_security_group_ingress_rule', { security_group_id: template.ref('aws_security_group', 'order-worker/security-group') }))).toEqual(
      [],
    );
    template.resourceMatches('aws_ecs_service', 'order-worker/service', { service_connect_configuration: Match.absent() });
  });

  it('makes the caller a client only: the namespace and the proxy logs, no server entry, its port mapping unnamed', () => {
    template.resourceMatches('aws_ecs_service', 'storefront/service', {
      service_connect_configuration: Match.objectEquals({
        enabled: true,
        namespace,
        log_configuration: {
          log_driver: 'awslogs',
          options: { 'awslogs-group': '/ecs/shop/storefront', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'service-connect' },
        },
      }),
    });
    expect(containers(template, 'storefront')[0].portMappings).toEqual([{ containerPort: 8080, protocol: 'tcp' }]);
  });

  it('starts the caller after the called service and the two rules', () => {
    expect(template.resource('aws_ecs_service', 'storefront/service').depends_on).toEqual(
      expect.arrayContaining([
        template.address('aws_ecs_service', 'catalog/service'),
        template.address('aws_vpc_security_group_ingress_rule', 'catalog/service-connect-from-storefront'),
        template.address('aws_vpc_security_group_egress_rule', 'storefront/service-connect-to-catalog'),
      ]),
    );
    expect(template.resource('aws_ecs_service', 'catalog/service').depends_on ?? []).not.toContain(template.address('aws_ecs_service', 'storefront/service'));
  });

  it('is idempotent, and allowCallsFrom is the same call seen from the called service', () => {
    expect(storefront.connectTo(catalog)).toBe(connection);
    expect(catalog.allowCallsFrom(storefront)).toBe(connection);
    expect(Object.keys(storefront.connections)).toEqual(['catalog']);
  });
});

describe('Service.connectTo: a web service called by another, and services that call each other', () => {
  const env = environment('production', { serviceConnect: true });
  const storefront = web(env);
  const catalog = new Service(env.stack, 'catalog', backendProps(env));
  catalog.allowCallsFrom(storefront);
  storefront.allowCallsFrom(catalog);
  const template = Template.fromStack(env.stack);

  it('makes the called web service a server too, with its port mapping named', () => {
    expect(containers(template, 'storefront')[0].portMappings).toEqual([{ containerPort: 8080, protocol: 'tcp', name: 'storefront', appProtocol: 'http' }]);
    template.resourceMatches('aws_ecs_service', 'storefront/service', {
      service_connect_configuration: { service: [{ port_name: 'storefront', discovery_name: 'storefront', client_alias: { port: 8080, dns_name: 'storefront' } }] },
      // The load balancer still routes to the same container and port.
      load_balancer: [{ container_name: 'storefront', container_port: 8080 }],
    });
  });

  it('orders only the first call, so the two services do not wait for each other', () => {
    const waitsForCatalog = template.resource('aws_ecs_service', 'storefront/service').depends_on as string[];
    const waitsForStorefront = (template.resource('aws_ecs_service', 'catalog/service').depends_on ?? []) as string[];
    expect(waitsForCatalog).toContain(template.address('aws_ecs_service', 'catalog/service'));
    expect(waitsForStorefront).not.toContain(template.address('aws_ecs_service', 'storefront/service'));
    expect(waitsForStorefront).toContain(template.address('aws_vpc_security_group_ingress_rule', 'storefront/service-connect-from-catalog'));
  });
});

describe('Service.connectTo: refusals', () => {
  it('refuses itself, a service without a port, and a cluster without a namespace', () => {
    const env = environment('production', { serviceConnect: true });
    const storefront = web(env);
    const worker = new Service(env.stack, 'order-worker', workerProps(env));
    expect(refusal(() => storefront.connectTo(storefront))).toEqual(['connectTo: a service cannot call itself: it reaches its own port on localhost']);
    expect(refusal(() => storefront.connectTo(worker))).toEqual([
      'connectTo: "order-worker" has no container port to call: only a web or backend service serves through Service Connect',
    ]);

    const plain = environment();
    const caller = new Service(plain.stack, 'order-worker', workerProps(plain));
    const called = web(plain);
    expect(refusal(() => caller.connectTo(called))).toEqual([
      "connectTo: needs the cluster's Service Connect namespace (the Cluster's serviceConnect or enableServiceConnect())",
    ]);
  });

  it('refuses a service of another namespace', () => {
    const env = environment('production', { serviceConnect: true });
    const other = environment('production', { serviceConnect: true });
    const storefront = web(env);
    const catalog = new Service(other.stack, 'catalog', backendProps(other));
    expect(refusal(() => storefront.connectTo(catalog))).toEqual([
      'connectTo: "catalog" is in another Service Connect namespace: both services must join the same one',
    ]);
  });

  it('serviceCallProblems is the rule the definition loader runs too', () => {
    expect(serviceCallProblems({ name: 'a', kind: 'worker' }, { name: 'b', kind: 'backend', containerPort: 8080 })).toEqual([]);
    expect(serviceCallProblems({ name: 'a', kind: 'web' }, { name: 'a', kind: 'web', containerPort: 8080 })).toEqual([
      { path: [], message: 'a service cannot call itself: it reaches its own port on localhost' },
    ]);
  });
});
