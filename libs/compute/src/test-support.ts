import type { ServiceDefinition } from '@ecs-platform/environment-definition';
import type { NetworkOutputs } from '@ecs-platform/network';
import { TerraformStack, Testing } from 'cdktf';
import { Compute, type ComputeProps } from './compute';
import type { ComputeSource } from './settings';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const REGISTRY = { accountId: '567890123456', region: 'eu-central-1', replicationRegions: ['eu-west-1'] };

export function web(overrides: Partial<ServiceDefinition> = {}): ServiceDefinition {
  return {
    name: 'storefront',
    image: { repository: 'sample-service', tag: '1.2.3' },
    cpu: 256,
    memory: 512,
    containerPort: 8080,
    healthCheckPath: '/healthz',
    desiredCount: 1,
    minCount: 1,
    maxCount: 2,
    ...overrides,
  };
}

export function worker(overrides: Partial<ServiceDefinition> = {}): ServiceDefinition {
  return {
    name: 'order-worker',
    kind: 'worker',
    image: { repository: 'sample-service', tag: '1.2.3' },
    command: ['node', 'src/worker.js'],
    cpu: 256,
    memory: 512,
    desiredCount: 1,
    minCount: 1,
    maxCount: 1,
    containerHealthCheck: { command: ['CMD-SHELL', 'test -f /tmp/ok'] },
    ...overrides,
  };
}

/** A development-tier environment like environments/dev; tests override what they exercise. */
export function devDefinition(more: Partial<ComputeSource> = {}): ComputeSource {
  return {
    name: 'dev',
    tier: 'non-production',
    accountId: '210987654321',
    region: 'eu-west-1',
    network: { vpcCidr: '10.20.0.0/16' },
    dns: { domainName: 'dev.shop.example.com', hostedZoneId: 'Z0DEV' },
    services: [web(), worker()],
    ...more,
  };
}

export function prodDefinition(more: Partial<ComputeSource> = {}): ComputeSource {
  return {
    name: 'prod',
    tier: 'production',
    accountId: '456789012345',
    region: 'eu-central-1',
    network: { vpcCidr: '10.40.0.0/16' },
    dns: {
      domainName: 'shop.example.com',
      hostedZoneId: 'Z0PROD',
      certificateArn: 'arn:aws:acm:eu-central-1:456789012345:certificate/3b1f6c2e-8a47-4d95-b0e3-7c5a9d2f1e64',
    },
    services: [web({ desiredCount: 3, minCount: 3, maxCount: 6, scaling: { cpuTarget: 60 } }), worker()],
    ...more,
  };
}

/** Network outputs as literal strings, so assertions can name them. */
export const NETWORK: NetworkOutputs = {
  vpcId: 'vpc-1',
  vpcCidr: '10.20.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  publicSubnetIds: ['subnet-public-a', 'subnet-public-b'],
  privateSubnetIds: ['subnet-private-a', 'subnet-private-b'],
  isolatedSubnetIds: [],
  subnetIdsByZone: {},
  publicRouteTableId: 'rtb-public',
  privateRouteTableIds: ['rtb-a', 'rtb-b'],
  flowLogGroupName: '/aws/vpc/flow-logs/dev',
};

export interface Synthesized {
  readonly compute: Compute;
  /** The output of `Testing.synth`, for the CDKTF Jest matchers. */
  readonly synthesized: string;
  readonly json: Json;
  /** Resources of one type, by construct path below the stack (`compute/services/storefront/service`). */
  resources(type: string): Record<string, Json>;
  /** The one resource of `type` at `path`. */
  resource(type: string, path: string): Json;
}

/** Synthesizes a stack holding only a Compute and indexes its resources by construct path. */
export function synthCompute(definition: ComputeSource, props: Partial<Omit<ComputeProps, 'definition'>> = {}): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'test');
  const compute = new Compute(stack, 'compute', { definition, network: NETWORK, registry: REGISTRY, ...props });
  const synthesized = Testing.synth(stack);
  const json = JSON.parse(JSON.stringify(stack.toTerraform())) as Json;
  const resources = (type: string): Record<string, Json> => {
    const byPath: Record<string, Json> = {};
    for (const resource of Object.values<Json>(json.resource?.[type] ?? {})) {
      byPath[(resource['//'].metadata.path as string).replace(/^test\//, '')] = resource;
    }
    return byPath;
  };
  return {
    compute,
    synthesized,
    json,
    resources,
    resource(type, path) {
      const found = resources(type)[path];
      if (!found) throw new Error(`no ${type} at ${path}; have ${Object.keys(resources(type)).join(', ')}`);
      return found;
    },
  };
}

/** `${<type>.<logical id>.<attribute>}` of the resource at a construct path. */
export function ref(synthesized: Synthesized, type: string, path: string, attribute = 'id'): string {
  return `\${${type}.${synthesized.resource(type, path)['//'].metadata.uniqueId}.${attribute}}`;
}

export function policyOf(resource: Json, field = 'policy'): Json {
  return JSON.parse(resource[field]);
}
