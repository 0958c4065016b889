import {
  type FileProblem,
  type LocatedEnvironment,
  type PlatformSettings,
  REGISTRY_FILE,
  type StateBackendDefinition,
} from '@ecs-platform/environment-definition';
import type { App } from 'cdktf';
import { BootstrapStack, bootstrapStackName, type BootstrapStackProps } from './bootstrap-stack';
import { byCodeUnits } from './code-unit-order';
import { findEnvironmentApp } from './environment-apps';
import { EnvironmentStack } from './environment-stack';
import * as path from 'node:path';
import { ADDRESSES_DIR, readPinned } from './pinned-addresses';
import { REGISTRY_STACK, RegistryStack } from './registry-stack';
import type { Workspace } from './workspace';

/** A stack the app can synthesize, with what it is built from. */
export interface PlannedStack {
  readonly name: string;
  readonly kind: 'environment' | 'bootstrap' | 'registry';
  /** Problems that stop this stack from being built; empty when it can be. */
  readonly problems: readonly FileProblem[];
  readonly build?: (app: App, settings: PlatformSettings) => void;
}

/**
 * Every stack of the workspace: one per environment, the shared `registry` stack when the
 * workspace defines one, and one bootstrap stack per AWS account that environments or the
 * registry use. A stack whose definitions are invalid carries their problems.
 */
export function planStacks(workspace: Workspace): PlannedStack[] {
  const stacks: PlannedStack[] = [];
  const names = [...new Set([...workspace.environments.keys(), ...workspace.environmentProblems.keys()])].sort();
  for (const name of names) {
    const env = workspace.environments.get(name);
    // Image URIs come from the registry definition, so an invalid registry blocks the environments too.
    const problems = [
      ...workspace.settingsProblems,
      ...(workspace.environmentProblems.get(name) ?? []),
      ...workspace.registryProblems,
    ];
    const registry = workspace.registry?.definition;
    stacks.push({
      name,
      kind: 'environment',
      problems,
      build:
        env &&
        ((app, settings) => {
          // Found when the stack is built, so that an app that cannot load fails this stack only.
          const module = findEnvironmentApp(workspace.root, name);
          const environmentApp = module && {
            module,
            displayFile: path.relative(workspace.root, module.file),
            definitionFile: path.isAbsolute(env.file) ? path.relative(workspace.root, env.file) : env.file,
          };
          new EnvironmentStack(app, { settings, definition: env.definition, registry, environmentApp });
        }),
    });
  }
  const registry = workspace.registry;
  if (registry || workspace.registryProblems.length > 0) {
    // Pull accounts and protected tags are derived from every environment: building the
    // registry from a subset would revoke the pulls of the environments left out.
    const environments = [...workspace.environments.values()].map((env) => env.definition);
    stacks.push({
      name: REGISTRY_STACK,
      kind: 'registry',
      problems: [...workspace.settingsProblems, ...workspace.registryProblems, ...[...workspace.environmentProblems.values()].flat()],
      build: registry && ((app, settings) => new RegistryStack(app, { settings, registry: registry.definition, environments })),
    });
  }
  for (const [accountId, { stateBackend }] of backendsByAccount(workspace)) {
    const { problems: accessProblems, ...ci } = ciAccess(workspace, accountId);
    // Its CI roles come from the environments of the account: one of them being invalid (or
    // of an account that cannot be read) blocks it, rather than dropping that environment's roles.
    const blockers = [...workspace.invalidEnvironmentAccounts]
      .filter(([, account]) => account === undefined || account === accountId)
      .flatMap(([name]) => workspace.environmentProblems.get(name) ?? []);
    stacks.push({
      name: bootstrapStackName(accountId),
      kind: 'bootstrap',
      problems: [...workspace.settingsProblems, ...blockers, ...accessProblems],
      build: (app, settings) => new BootstrapStack(app, { settings, accountId, stateBackend, ...ci }),
    });
  }
  // An account whose only environments are invalid still has its bootstrap stack: blocked, so
  // its output is not dropped as if the account were gone.
  const planned = new Set(stacks.map((stack) => stack.name));
  for (const [name, accountId] of workspace.invalidEnvironmentAccounts) {
    if (!accountId || planned.has(bootstrapStackName(accountId))) continue;
    planned.add(bootstrapStackName(accountId));
    stacks.push({ name: bootstrapStackName(accountId), kind: 'bootstrap', problems: workspace.environmentProblems.get(name) ?? [] });
  }
  return stacks;
}

/**
 * The state backend of every account, sorted by account. The registry's account needs a
 * bootstrap stack even when no environment lives there; when one does, validation has
 * already made their backends equal.
 */
function backendsByAccount(workspace: Workspace): Map<string, { stateBackend: StateBackendDefinition }> {
  const backends = new Map<string, { stateBackend: StateBackendDefinition }>();
  for (const [accountId, envs] of groupByAccount([...workspace.environments.values()])) {
    backends.set(accountId, { stateBackend: envs[0].definition.stateBackend });
  }
  const registry = workspace.registry?.definition;
  if (registry && !backends.has(registry.accountId)) backends.set(registry.accountId, { stateBackend: registry.stateBackend });
  return new Map([...backends].sort(([a], [b]) => byCodeUnits(a, b)));
}

/**
 * The stacks CI plans and deploys with this account's roles (its environments, and the
 * registry when it lives here), each with the resource types its roles may touch (from its
 * pinned addresses, which the address check keeps equal to what it synthesizes), its
 * operators, and where its data reads are confined; and the registry account's image push.
 */
function ciAccess(workspace: Workspace, accountId: string): Pick<BootstrapStackProps, 'ciStacks' | 'imagePush'> & { problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const typesOf = (stack: string, file: string): string[] => {
    const pinned = readPinned(workspace.root, stack);
    if (pinned === undefined) {
      problems.push({
        file,
        path: [],
        message: `stack ${stack} has no pinned addresses yet (${ADDRESSES_DIR}/${stack}.txt), so its CI roles cannot be derived: run npm run addresses:update`,
      });
      return [];
    }
    return [...new Set(pinned.map((address) => address.split('.')[0]))].sort();
  };
  const ciStacks = [...workspace.environments.values()]
    .filter((env) => env.definition.accountId === accountId)
    .map((env) => {
      const resourceTypes = typesOf(env.definition.name, env.file);
      return {
        name: env.definition.name,
        resourceTypes,
        operators: env.definition.operators ?? [],
        dataReadResources: dataReadScopes(env.definition.name, accountId, resourceTypes),
      };
    });
  const registry = workspace.registry?.definition;
  if (!registry || registry.accountId !== accountId) return { ciStacks, problems };
  return {
    ciStacks: [
      ...ciStacks,
      { name: REGISTRY_STACK, resourceTypes: typesOf(REGISTRY_STACK, REGISTRY_FILE), operators: registry.operators ?? [], dataReadResources: {} },
    ],
    imagePush: { region: registry.region, repositories: registry.repositories.map((repository) => repository.name) },
    problems,
  };
}

/**
 * Where a plan role may read data its refresh needs: the stack's own buckets (HeadBucket needs
 * s3:ListBucket, which lists object names) and SSM parameters, by the naming every
 * environment stack follows (`<environment>-...` buckets, `/<environment>/...` parameters).
 */
function dataReadScopes(stack: string, accountId: string, types: readonly string[]): Record<string, string[]> {
  const scopes: Record<string, string[]> = {
    aws_s3_bucket: [`arn:aws:s3:::${stack}-*`],
    aws_ssm_parameter: [`arn:aws:ssm:*:${accountId}:parameter/${stack}/*`],
  };
  return Object.fromEntries(Object.entries(scopes).filter(([type]) => types.includes(type)));
}

function groupByAccount(environments: LocatedEnvironment[]): Map<string, LocatedEnvironment[]> {
  const groups = new Map<string, LocatedEnvironment[]>();
  for (const env of environments) {
    const group = groups.get(env.definition.accountId) ?? [];
    group.push(env);
    groups.set(env.definition.accountId, group);
  }
  return new Map([...groups].sort(([a], [b]) => byCodeUnits(a, b)));
}
