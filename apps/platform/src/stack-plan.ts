import type { FileProblem, LocatedEnvironment, PlatformSettings } from '@ecs-platform/environment-definition';
import type { App } from 'cdktf';
import { BootstrapStack, bootstrapStackName } from './bootstrap-stack';
import { EnvironmentStack } from './environment-stack';
import type { Workspace } from './workspace';

/** A stack the app can synthesize, with what it is built from. */
export interface PlannedStack {
  readonly name: string;
  readonly kind: 'environment' | 'bootstrap';
  /** Problems that stop this stack from being built; empty when it can be. */
  readonly problems: readonly FileProblem[];
  readonly build?: (app: App, settings: PlatformSettings) => void;
}

/**
 * Every stack of the workspace: one per environment, and one bootstrap stack per AWS account
 * that environments use. A stack whose definitions are invalid carries their problems.
 */
export function planStacks(workspace: Workspace): PlannedStack[] {
  const stacks: PlannedStack[] = [];
  const names = [...new Set([...workspace.environments.keys(), ...workspace.environmentProblems.keys()])].sort();
  for (const name of names) {
    const env = workspace.environments.get(name);
    const problems = [...workspace.settingsProblems, ...(workspace.environmentProblems.get(name) ?? [])];
    stacks.push({
      name,
      kind: 'environment',
      problems,
      build: env && ((app, settings) => new EnvironmentStack(app, { settings, definition: env.definition })),
    });
  }
  for (const [accountId, envs] of groupByAccount([...workspace.environments.values()])) {
    const { stateBackend } = envs[0].definition;
    stacks.push({
      name: bootstrapStackName(accountId),
      kind: 'bootstrap',
      problems: workspace.settingsProblems,
      build: (app, settings) => new BootstrapStack(app, { settings, accountId, stateBackend }),
    });
  }
  return stacks;
}

function groupByAccount(environments: LocatedEnvironment[]): Map<string, LocatedEnvironment[]> {
  const groups = new Map<string, LocatedEnvironment[]>();
  for (const env of environments) {
    const group = groups.get(env.definition.accountId) ?? [];
    group.push(env);
    groups.set(env.definition.accountId, group);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}
