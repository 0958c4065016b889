import {
  checkAcrossEnvironments,
  checkRegistryAgainstEnvironments,
  DEFINITION_FILE_NAME,
  type EnvironmentDefinition,
  type FileProblem,
  findEnvironmentFiles,
  loadEnvironmentFile,
  loadRegistryFile,
  type LocatedEnvironment,
  type LocatedRegistry,
  parseDefinition,
  platformSchema,
  type PlatformSettings,
  REGISTRY_FILE,
} from '@ecs-platform/environment-definition';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the definitions live, relative to the workspace root. */
export const ENVIRONMENTS_DIR = 'environments';
export const PLATFORM_SETTINGS_FILE = 'apps/platform/platform.yaml';

/** Every definition of the workspace, loaded and validated, with every problem found. */
export interface Workspace {
  readonly settings?: PlatformSettings;
  readonly settingsProblems: readonly FileProblem[];
  /** Valid environments by name. */
  readonly environments: ReadonlyMap<string, LocatedEnvironment>;
  /** Problems per environment name (folder name), for invalid environments. */
  readonly environmentProblems: ReadonlyMap<string, readonly FileProblem[]>;
  /** The shared image registry (`registry/registry.yaml`), when defined and valid. */
  readonly registry?: LocatedRegistry;
  /** Problems of the registry file; empty when there is none or it is valid. */
  readonly registryProblems: readonly FileProblem[];
}

export function loadWorkspace(root: string): Workspace {
  const settingsResult = parseDefinition(readText(root, PLATFORM_SETTINGS_FILE), PLATFORM_SETTINGS_FILE, platformSchema);
  const environments = new Map<string, LocatedEnvironment>();
  const environmentProblems = new Map<string, FileProblem[]>();
  for (const file of findEnvironmentFiles(path.join(root, ENVIRONMENTS_DIR))) {
    const display = path.relative(root, file);
    const name = path.basename(path.dirname(file));
    const result = loadEnvironmentFile(file, display);
    if (result.ok) environments.set(name, { file: display, definition: result.value });
    else environmentProblems.set(name, result.problems);
  }
  for (const problem of checkAcrossEnvironments([...environments.values()])) {
    const name = path.basename(path.dirname(problem.file));
    environments.delete(name);
    environmentProblems.set(name, [...(environmentProblems.get(name) ?? []), problem]);
  }
  const { registry, registryProblems } = loadRegistry(root, environments, environmentProblems);
  return {
    registry,
    registryProblems,
    settings: settingsResult.ok ? settingsResult.value : undefined,
    settingsProblems: settingsResult.ok ? [] : settingsResult.problems,
    environments,
    environmentProblems,
  };
}

/**
 * Loads the registry, if the workspace has one, and checks it against the valid environments.
 * An environment naming an undeclared repository becomes invalid, like any other problem.
 */
function loadRegistry(
  root: string,
  environments: Map<string, LocatedEnvironment>,
  environmentProblems: Map<string, FileProblem[]>,
): { registry?: LocatedRegistry; registryProblems: FileProblem[] } {
  if (!fs.existsSync(path.join(root, REGISTRY_FILE))) return { registryProblems: [] };
  const result = loadRegistryFile(path.join(root, REGISTRY_FILE), REGISTRY_FILE);
  if (!result.ok) return { registryProblems: result.problems };
  const registry = { file: REGISTRY_FILE, definition: result.value };
  const checked = checkRegistryAgainstEnvironments(registry, [...environments.values()]);
  for (const problem of checked.environmentProblems) {
    const name = path.basename(path.dirname(problem.file));
    environments.delete(name);
    environmentProblems.set(name, [...(environmentProblems.get(name) ?? []), problem]);
  }
  if (checked.registryProblems.length > 0) return { registryProblems: checked.registryProblems };
  return { registry, registryProblems: [] };
}

function readText(root: string, file: string): string {
  try {
    return fs.readFileSync(path.join(root, file), 'utf8');
  } catch {
    return '';
  }
}

/** The environment definition file of `name`, relative to the workspace root. */
export function environmentFile(name: string): string {
  return path.join(ENVIRONMENTS_DIR, name, DEFINITION_FILE_NAME);
}

export type { EnvironmentDefinition };
