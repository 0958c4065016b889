/**
 * Runs an environment app on its environment's stack: loads `environments/<env>/stack.ts`,
 * hands it the typed handles of what the definition built, and turns anything it throws into
 * one error naming the file and line of the app (docs/extending.md). The error fails that
 * environment's stack only: synthesis builds each stack on its own (synthesize.ts).
 */
import { type Environment, serviceHandles, serviceOf } from '@ecs-platform/environment-app';
import * as path from 'node:path';
import type { EnvironmentAppModule } from './environment-apps';
import type { EnvironmentStack } from './environment-stack';
import { userSourceLocation } from './source-location';

/** An environment app and how to name it in messages. */
export interface EnvironmentAppSource {
  readonly module: EnvironmentAppModule;
  /** The app's path as messages show it, relative to the workspace: `environments/prod/stack.ts`. */
  readonly displayFile: string;
  /** The definition's path as messages show it. */
  readonly definitionFile: string;
}

/** An environment app failed: its message starts with the app's file and line. */
export class EnvironmentAppError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvironmentAppError';
  }
}

/** `<file>:<line>:<column>: <message>` at the innermost frame inside the app's folder. */
function located(source: EnvironmentAppSource, error: unknown, doing: string): EnvironmentAppError {
  const folder = path.dirname(source.module.file) + path.sep;
  const at = userSourceLocation(error, (file) => file.startsWith(folder));
  const where = at
    ? `${path.join(path.dirname(source.displayFile), path.relative(path.dirname(source.module.file), at.file))}:${at.line}:${at.column}`
    : source.displayFile;
  const message = error instanceof Error ? error.message : String(error);
  return new EnvironmentAppError(`${where}: ${doing}: ${message}`, { cause: error });
}

/** The handles an environment app receives. */
export function environmentHandles(stack: EnvironmentStack, definitionFile: string): Environment {
  const { definition } = stack;
  const services = serviceHandles(definition.name, stack.compute.services, definitionFile);
  const network = stack.network.outputs;
  return {
    stack,
    name: definition.name,
    tier: definition.tier,
    accountId: definition.accountId,
    region: definition.region,
    tags: stack.tags,
    network: stack.network,
    serviceNetwork: {
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      endpointSecurityGroupId: network.endpointSecurityGroupId,
      egressDependencies: stack.network.egressDependencies,
    },
    cluster: stack.compute.cluster,
    logKey: stack.compute.key,
    loadBalancer: stack.compute.loadBalancer,
    alarmTopic: stack.scaling.alarmTopic,
    services,
    service: (name) => serviceOf(definition.name, services, definitionFile, name),
  };
}

/** Loads the app and runs it on `stack`; throws EnvironmentAppError naming the app's line. */
export function runEnvironmentApp(stack: EnvironmentStack, source: EnvironmentAppSource): void {
  let exported: unknown;
  try {
    exported = source.module.load();
  } catch (error) {
    throw located(source, error, 'the environment app failed to load');
  }
  const app = (exported as { default?: unknown } | undefined)?.default;
  if (typeof app !== 'function') {
    throw new EnvironmentAppError(
      `${source.displayFile}: an environment app has a default export, the function that adds to the stack ` +
        '(export default defineEnvironmentApp((environment) => { ... })); ' +
        `this one exports ${Object.keys((exported as object | undefined) ?? {}).join(', ') || 'nothing'}`,
    );
  }
  try {
    (app as (environment: Environment) => void)(environmentHandles(stack, source.definitionFile));
  } catch (error) {
    throw located(source, error, 'the environment app threw');
  }
}
