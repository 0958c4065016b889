import { Testing, TerraformStack } from 'cdktf';
import { Network, type NetworkProps } from './network';
import type { NetworkSource } from './network-plan';

/** A development-tier definition like environments/dev; tests override what they exercise. */
export function devDefinition(network: Partial<NetworkSource['network']> = {}, more: Partial<NetworkSource> = {}): NetworkSource {
  return {
    name: 'dev',
    tier: 'non-production',
    accountId: '210987654321',
    region: 'eu-west-1',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    network: { vpcCidr: '10.20.0.0/16', natGateways: 'single', ...network },
    ...more,
  };
}

export function prodDefinition(network: Partial<NetworkSource['network']> = {}): NetworkSource {
  return {
    name: 'prod',
    tier: 'production',
    accountId: '456789012345',
    region: 'eu-central-1',
    availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
    network: { vpcCidr: '10.40.0.0/16', natGateways: 'one-per-az', ...network },
  };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Synthesized {
  readonly network: Network;
  /** The output of `Testing.synth`, for the CDKTF Jest matchers. */
  readonly synthesized: string;
  readonly json: Json;
  /** Resources of one type, by construct path below the stack (`network/eu-west-1a/public-subnet`). */
  resources(type: string): Record<string, Json>;
}

/** Synthesizes a stack holding only a Network and indexes its resources by construct path. */
export function synthNetwork(definition: NetworkSource, props: Omit<NetworkProps, 'definition'> = {}): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'test');
  const network = new Network(stack, 'network', { definition, ...props });
  const synthesized = Testing.synth(stack);
  // Testing.synth strips the `//` metadata that carries construct paths; toTerraform keeps it.
  const json = JSON.parse(JSON.stringify(stack.toTerraform())) as Json;
  return {
    network,
    synthesized,
    json,
    resources(type) {
      const byPath: Record<string, Json> = {};
      for (const resource of Object.values<Json>(json.resource?.[type] ?? {})) {
        byPath[(resource['//'].metadata.path as string).replace(/^test\//, '')] = resource;
      }
      return byPath;
    },
  };
}

/** `${aws_subnet.<logical id>.id}` of the resource at a construct path. */
export function ref(synthesized: Synthesized, type: string, path: string, attribute = 'id'): string {
  const resource = synthesized.resources(type)[path];
  if (!resource) throw new Error(`no ${type} at ${path}`);
  return `\${${type}.${resource['//'].metadata.uniqueId}.${attribute}}`;
}
