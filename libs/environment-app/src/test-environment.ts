/**
 * A small, real environment for an environment app's specs (`environments/<env>/stack.spec.ts`):
 * a network, a cluster, an HTTPS load balancer, the services named, an alarm topic, all built
 * by the layer libraries in a test stack, so that an app runs against the same handle types it
 * gets at synthesis. The real stack (from the definition) is checked by synthesis, the policy
 * pack and the offline gate; this is for asserting what the app adds.
 */
import { Cluster, ecsLogKey, HttpsLoadBalancer, Service, type ServiceNetworkProps } from '@ecs-platform/compute';
import type { Tier } from '@ecs-platform/construct-props';
import { Network } from '@ecs-platform/network';
import { AlarmTopic } from '@ecs-platform/scaling';
import { TerraformStack, Testing } from 'cdktf';
import { type Environment, serviceHandles, serviceOf } from './environment';

export interface TestEnvironmentProps {
  /** @default 'test' */
  readonly name?: string;
  /** @default 'production' */
  readonly tier?: Tier;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** @default 'eu-central-1' */
  readonly region?: string;
  /** Web services (behind the load balancer, each on its own path) and workers, by name. @default { web: ['storefront'], workers: [] } */
  readonly services?: { readonly web?: readonly string[]; readonly workers?: readonly string[] };
  /** Isolated subnets, for data stores. @default true */
  readonly isolatedSubnets?: boolean;
}

export function testEnvironment(props: TestEnvironmentProps = {}): Environment {
  const name = props.name ?? 'test';
  const tier = props.tier ?? 'production';
  const accountId = props.accountId ?? '123456789012';
  const region = props.region ?? 'eu-central-1';
  const where = { accountId, region, tier };
  const stack = new TerraformStack(Testing.app(), name);
  const network = new Network(stack, 'network', {
    name,
    ...where,
    availabilityZones: [`${region}a`, `${region}b`],
    vpcCidr: '10.90.0.0/16',
    natGateways: tier === 'production' ? 'one-per-az' : 'single',
    isolatedSubnets: props.isolatedSubnets ?? true,
  });
  const serviceNetwork: ServiceNetworkProps = {
    vpcId: network.outputs.vpcId,
    subnetIds: network.outputs.privateSubnetIds,
    endpointSecurityGroupId: network.outputs.endpointSecurityGroupId,
    egressDependencies: network.egressDependencies,
  };
  const { key } = ecsLogKey(stack, { name, accountId, region });
  const cluster = new Cluster(stack, 'cluster', { clusterName: name, ...where });
  const web = props.services?.web ?? ['storefront'];
  const loadBalancer =
    web.length > 0
      ? new HttpsLoadBalancer(stack, 'load-balancer', {
          name,
          ...where,
          vpcId: network.outputs.vpcId,
          subnetIds: network.outputs.publicSubnetIds,
          domainName: `${name}.example.com`,
          certificateArn: `arn:aws:acm:${region}:${accountId}:certificate/3b1f6c2e-8a47-4d95-b0e3-7c5a9d2f1e64`,
        })
      : undefined;
  const image = `${accountId}.dkr.ecr.${region}.amazonaws.com/sample-service:1.0.0`;
  const common = { environmentName: name, ...where, cluster, network: serviceNetwork, logKmsKeyArn: key.arn, image, cpu: 256, memory: 512 };
  const services: Record<string, Service> = {};
  web.forEach((service, i) => {
    services[service] = new Service(stack, service, {
      ...common,
      name: service,
      containerPort: 8080,
      healthCheckPath: '/healthz',
      loadBalancer,
      routing: { priority: 10 * (i + 1), paths: [`/${service}/*`] },
      deploymentAlarmsReason: 'a test environment: the alarms are not what its specs look at',
    });
  });
  for (const service of props.services?.workers ?? []) {
    services[service] = new Service(stack, service, {
      ...common,
      name: service,
      command: ['node', 'src/worker.js'],
      containerHealthCheck: { command: ['CMD-SHELL', 'test -f /tmp/heartbeat'] },
    });
  }
  const alarmTopic = new AlarmTopic(stack, 'alarm-topic', { environment: name, accountId, region, tier, alarmEmails: ['oncall@example.com'] });
  const definitionFile = `environments/${name}/environment.yaml`;
  const handles = serviceHandles(name, services, definitionFile);
  return {
    stack,
    name,
    tier,
    accountId,
    region,
    tags: { Environment: name },
    network,
    serviceNetwork,
    cluster,
    logKey: key,
    loadBalancer,
    alarmTopic,
    services: handles,
    service: (service) => serviceOf(name, handles, definitionFile, service),
  };
}
