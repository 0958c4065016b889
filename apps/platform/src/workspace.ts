import {
  checkAcrossEnvironments,
  checkRegistryAgainstEnvironments,
  DEFINITION_FILE_NAME,
  type EnvironmentDefinition,
  type FileProblem,
  findEnvironmentFiles,
  loadDefinitionFile,
  loadEnvironmentFile,
  problemAt,
  reservedNameProblem,
  type LocatedEnvironment,
  type LocatedRegistry,
  type ParsedYamlCache,
  platformSchema,
  type PlatformSettings,
  REGISTRY_FILE,
  registrySchema,
} from '@ecs-platform/environment-definition';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { byCodeUnits } from './code-unit-order';
import { bundleYamlCache } from './parsed-yaml-cache';

/** Where the definitions live, relative to the workspace root. */
export const ENVIRONMENTS_DIR = 'environments';
export const PLATFORM_SETTINGS_FILE = 'apps/platform/platform.yaml';
/** Stack (and Nx project) names the app builds besides the environments. */
export const REGISTRY_STACK = 'registry';
export const BOOTSTRAP_PROJECT = 'bootstrap';

/** Every definition of the workspace, loaded and validated, with every problem found. */
export interface Workspace {
  readonly root: string;
  readonly settings?: PlatformSettings;
  readonly settingsProblems: readonly FileProblem[];
  /** Valid environments by name. */
  readonly environments: ReadonlyMap<string, LocatedEnvironment>;
  /** Problems per environment name (folder name), for invalid environments. */
  readonly environmentProblems: ReadonlyMap<string, readonly FileProblem[]>;
  /**
   * Environment folders that cannot be stacks at all, because their name is another stack's
   * or Nx project's. They block nothing else (no stack is derived from them); their problems
   * are reported whenever the workspace is synthesized or validated.
   */
  readonly rejectedEnvironments: ReadonlyMap<string, readonly FileProblem[]>;
  /**
   * The account each invalid environment names, when that field itself is readable
   * (undefined otherwise): the bootstrap stack of that account derives its CI roles from the
   * environment, so it is blocked too.
   */
  readonly invalidEnvironmentAccounts: ReadonlyMap<string, string | undefined>;
  /** The shared image registry (`registry/registry.yaml`), when defined and valid. */
  readonly registry?: LocatedRegistry;
  /** Problems of the registry file; empty when there is none or it is valid. */
  readonly registryProblems: readonly FileProblem[];
}

/** Which kind of definition a file is, by where it lives. */
export type DefinitionKind = 'platform' | 'registry' | 'environment';

/**
 * The kind of a definition file by its place in the workspace: `apps/platform/platform.yaml`,
 * `registry/registry.yaml`, or a YAML file in `environments/<name>/` (a copy being edited there,
 * for example by promote-image, counts as that environment's definition). Undefined elsewhere.
 */
export function definitionKind(root: string, file: string): { kind: DefinitionKind; environment?: string } | undefined {
  const relative = path.relative(root, path.resolve(file)).split(path.sep).join('/');
  if (relative === PLATFORM_SETTINGS_FILE) return { kind: 'platform' };
  if (relative === REGISTRY_FILE) return { kind: 'registry' };
  const match = /^environments\/([^/]+)\/[^/]+\.ya?ml$/.exec(relative);
  if (match) return { kind: 'environment', environment: match[1] };
  if (path.basename(file) === DEFINITION_FILE_NAME) return { kind: 'environment', environment: path.basename(path.dirname(path.resolve(file))) };
  return undefined;
}

export interface LoadWorkspaceOptions {
  /**
   * Read this file instead of the environment's own definition (validate-env of a copy, or of
   * a file being promoted), keeping every cross-file rule. @default none
   */
  readonly environmentOverride?: { readonly environment: string; readonly file: string; readonly display: string };
  /** Read this file instead of registry/registry.yaml. @default none */
  readonly registryOverride?: { readonly file: string; readonly display: string };
  /** Read this file instead of apps/platform/platform.yaml. @default none */
  readonly settingsOverride?: { readonly file: string; readonly display: string };
}

export function loadWorkspace(root: string, options: LoadWorkspaceOptions = {}): Workspace {
  const settingsFile = options.settingsOverride ?? { file: path.join(root, PLATFORM_SETTINGS_FILE), display: PLATFORM_SETTINGS_FILE };
  // Parsed definitions are kept beside the bundle between runs (parsed-yaml-cache.ts).
  const yamlCache = bundleYamlCache();
  const settingsResult = loadDefinitionFile(settingsFile.file, settingsFile.display, platformSchema, yamlCache);
  const environments = new Map<string, LocatedEnvironment>();
  const environmentProblems = new Map<string, FileProblem[]>();
  const addProblem = (name: string, problem: FileProblem) => {
    environments.delete(name);
    environmentProblems.set(name, [...(environmentProblems.get(name) ?? []), problem]);
  };
  const files = new Map(
    findEnvironmentFiles(path.join(root, ENVIRONMENTS_DIR)).map((file) => [path.basename(path.dirname(file)), { file, display: path.relative(root, file) }]),
  );
  const override = options.environmentOverride;
  if (override) files.set(override.environment, { file: override.file, display: override.display });
  const reserved = reservedNames(root);
  const rejectedEnvironments = new Map<string, FileProblem[]>();
  for (const [name, { file, display }] of [...files].sort(([a], [b]) => byCodeUnits(a, b))) {
    const result = loadEnvironmentFile(file, display, yamlCache);
    const taken = reservedNameProblem({ file: display, locate: result.locate }, name, reserved);
    if (taken) {
      files.delete(name);
      rejectedEnvironments.set(name, [taken, ...(result.ok ? [] : result.problems)]);
    } else if (result.ok) environments.set(name, { file: display, definition: result.value, locate: result.locate });
    else environmentProblems.set(name, result.problems);
  }
  // The CI roles are `<project>-...`: an environment named like that would have its roles
  // denied by the deploy boundaries, or reach the CI roles with its own.
  const project = settingsResult.ok ? settingsResult.value.project : undefined;
  for (const [name, env] of environments) {
    if (project && (name === project || name.startsWith(`${project}-`))) {
      addProblem(name, problemAt(env, ['name'], `must not start with the project name "${project}": the CI roles of every stack are named "${project}-..."`));
    }
  }
  const allNames = [...files.keys()];
  for (const problem of checkAcrossEnvironments([...environments.values()], { allNames })) {
    addProblem(environmentOfFile(environments, problem.file), problem);
  }
  const registryFile = options.registryOverride ?? { file: path.join(root, REGISTRY_FILE), display: REGISTRY_FILE };
  const { registry, registryProblems } = loadRegistry(registryFile, environments, addProblem, yamlCache);
  const invalidEnvironmentAccounts = new Map(
    [...environmentProblems.keys()].map((name) => [name, rawAccountId(files.get(name)?.file, environments, name)]),
  );
  return {
    root,
    registry,
    registryProblems,
    settings: settingsResult.ok ? settingsResult.value : undefined,
    settingsProblems: settingsResult.ok ? [] : settingsResult.problems,
    environments,
    environmentProblems,
    rejectedEnvironments,
    invalidEnvironmentAccounts,
  };
}

/** The `accountId` an invalid definition gives, if it is a well-formed account id. */
function rawAccountId(file: string | undefined, environments: ReadonlyMap<string, LocatedEnvironment>, name: string): string | undefined {
  const valid = environments.get(name)?.definition.accountId;
  if (valid) return valid;
  try {
    const value = (parse(fs.readFileSync(file ?? '', 'utf8')) as { accountId?: unknown } | null)?.accountId;
    return typeof value === 'string' && /^\d{12}$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Every problem of the workspace, in file order: settings, registry, environments. */
export function allProblems(workspace: Workspace): FileProblem[] {
  const byName = new Map([...workspace.environmentProblems, ...workspace.rejectedEnvironments]);
  return [
    ...workspace.settingsProblems,
    ...workspace.registryProblems,
    ...[...byName.keys()].sort().flatMap((name) => byName.get(name) ?? []),
  ];
}

function environmentOfFile(environments: ReadonlyMap<string, LocatedEnvironment>, file: string): string {
  for (const [name, env] of environments) if (env.file === file) return name;
  return path.basename(path.dirname(file));
}

/** Folders at the workspace root that are one Nx project each. */
const TOP_LEVEL_PROJECT_DIRS = ['tools', 'e2e'];

/**
 * Names an environment cannot take: the other stacks and Nx projects of the workspace. Nx
 * would refuse two projects of one name, and the stack of such an environment would collide
 * with (or replace) the other stack's output.
 */
export function reservedNames(root: string): Map<string, string> {
  const names = new Map<string, string>([
    [REGISTRY_STACK, 'it is the name of the shared image registry stack and Nx project'],
    [BOOTSTRAP_PROJECT, 'it is the name of the Nx project of the bootstrap stacks'],
  ]);
  for (const dir of ['apps', 'libs', 'examples']) {
    const parent = path.join(root, dir);
    if (!fs.existsSync(parent)) continue;
    for (const entry of fs.readdirSync(parent, { withFileTypes: true })) {
      const name = entry.isDirectory() ? projectName(path.join(parent, entry.name, 'project.json')) : undefined;
      if (name) names.set(name, `it is the name of the Nx project in ${dir}/${entry.name}`);
    }
  }
  for (const dir of TOP_LEVEL_PROJECT_DIRS) {
    const name = projectName(path.join(root, dir, 'project.json'));
    if (name) names.set(name, `it is the name of the Nx project in ${dir}`);
  }
  return names;
}

function projectName(projectFile: string): string | undefined {
  try {
    const name = (JSON.parse(fs.readFileSync(projectFile, 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads the registry, if the workspace has one, and checks it against the valid environments.
 * An environment naming an undeclared repository becomes invalid, like any other problem.
 */
function loadRegistry(
  source: { file: string; display: string },
  environments: Map<string, LocatedEnvironment>,
  addProblem: (environment: string, problem: FileProblem) => void,
  yamlCache: ParsedYamlCache | undefined,
): { registry?: LocatedRegistry; registryProblems: FileProblem[] } {
  if (!fs.existsSync(source.file)) return { registryProblems: [] };
  const result = loadDefinitionFile(source.file, source.display, registrySchema, yamlCache);
  if (!result.ok) return { registryProblems: result.problems };
  const registry: LocatedRegistry = { file: source.display, definition: result.value, locate: result.locate };
  const checked = checkRegistryAgainstEnvironments(registry, [...environments.values()]);
  for (const problem of checked.environmentProblems) addProblem(environmentOfFile(environments, problem.file), problem);
  if (checked.registryProblems.length > 0) return { registryProblems: checked.registryProblems };
  return { registry, registryProblems: [] };
}

/** The environment definition file of `name`, relative to the workspace root. */
export function environmentFile(name: string): string {
  return path.join(ENVIRONMENTS_DIR, name, DEFINITION_FILE_NAME);
}

export type { EnvironmentDefinition };
