/**
 * What an environment app receives: the typed handles of what the platform built for its
 * environment from the definition, to add constructs beside them in the same stack
 * (docs/extending.md). An environment app is `environments/<env>/stack.ts`:
 *
 *   import { defineEnvironmentApp } from '@ecs-platform/environment-app';
 *   export default defineEnvironmentApp((environment) => {
 *     const uploads = new S3Bucket(environment.stack, 'uploads', { ... });
 *     environment.service('storefront').grant({ ... });
 *   });
 */
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { Cluster, HttpsLoadBalancer, Service, ServiceNetworkProps } from '@ecs-platform/compute';
import type { Tier } from '@ecs-platform/construct-props';
import type { Network } from '@ecs-platform/network';
import type { AlarmTopic } from '@ecs-platform/scaling';
import type { TerraformStack } from 'cdktf';

export interface Environment {
  /** The environment's stack: the scope of what the app adds (its provider and backend are set). */
  readonly stack: TerraformStack;
  /** The environment's name; begin the names of what you add with it (IAM scopes the CI roles by it). */
  readonly name: string;
  readonly tier: Tier;
  readonly accountId: string;
  readonly region: string;
  /** The default tags every resource gets from the provider. */
  readonly tags: Readonly<Record<string, string>>;
  /** Layer 2: the VPC, its subnets by tier and zone, route tables, endpoints. */
  readonly network: Network;
  /** What a Service needs of the network: the private subnets, the endpoints, the egress to wait for. */
  readonly serviceNetwork: ServiceNetworkProps;
  /** Layer 3: the ECS cluster. */
  readonly cluster: Cluster;
  /** The KMS key of the environment's service logs and ECS Exec sessions. */
  readonly logKey: KmsKey;
  /** Layer 1: the HTTPS load balancer and its listeners; undefined when the environment has no web service. */
  readonly loadBalancer?: HttpsLoadBalancer;
  /** Layer 4: the topic every alarm notifies. */
  readonly alarmTopic: AlarmTopic;
  /** The services of the definition, by name; reading a name the definition has not is an error naming the services it has. */
  readonly services: Readonly<Record<string, Service>>;
  /** The service `name` of the definition; throws, naming the services there are, when there is none. */
  service(name: string): Service;
}

/** An environment app: adds to its environment's stack. */
export type EnvironmentApp = (environment: Environment) => void;

/** Types an environment app; `export default defineEnvironmentApp((environment) => { ... })`. */
export function defineEnvironmentApp(app: EnvironmentApp): EnvironmentApp {
  return app;
}

/** Reading a handle the environment does not have. */
export class UnknownHandleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownHandleError';
  }
}

/**
 * The services as a record whose unknown names throw, rather than giving `undefined` and a
 * "cannot read properties of undefined" three lines later.
 */
export function serviceHandles(environment: string, services: Readonly<Record<string, Service>>, definitionFile: string): Readonly<Record<string, Service>> {
  const missing = (name: string): UnknownHandleError =>
    new UnknownHandleError(
      `environment "${environment}" has no service "${name}" (${definitionFile}); its services: ${Object.keys(services).join(', ') || 'none'}`,
    );
  return new Proxy(services, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target) && !(key in Object.prototype) && key !== 'then' && key !== 'toJSON') throw missing(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** `service(name)` over a record of handles made by serviceHandles (or any record). */
export function serviceOf(environment: string, services: Readonly<Record<string, Service>>, definitionFile: string, name: string): Service {
  if (!Object.prototype.hasOwnProperty.call(services, name)) {
    throw new UnknownHandleError(
      `environment "${environment}" has no service "${name}" (${definitionFile}); its services: ${Object.keys(services).join(', ') || 'none'}`,
    );
  }
  return services[name];
}
