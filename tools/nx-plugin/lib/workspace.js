'use strict';
/**
 * What the generators read from the Tree: the definitions as plain data, the project name,
 * the names an environment cannot take, and the deploy order.
 */
const { getProjects } = require('@nx/devkit');
const YAML = require('yaml');
const { deployWaves, DEPLOY_WAVES } = require('../../ci/definitions');

const PLATFORM_FILE = 'apps/platform/platform.yaml';
const REGISTRY_FILE = 'registry/registry.yaml';

/** Environment and service names (environment-schema.ts, `name`). */
const NAME_PATTERN = /^[a-z][a-z0-9-]{0,18}[a-z0-9]$/;
const NAME_HINT = 'must be 2 to 20 lowercase letters, digits and hyphens, starting with a letter';

/** A refusal: the generator stops and nothing is written. */
class GeneratorError extends Error {}

/** @param {string} name */
function environmentFile(name) {
  return `environments/${name}/environment.yaml`;
}

/**
 * @param {import('@nx/devkit').Tree} tree
 * @param {string} file
 * @returns {string}
 */
function readText(tree, file) {
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new GeneratorError(`${file} does not exist`);
  return text;
}

/**
 * @param {import('@nx/devkit').Tree} tree
 * @param {string} file
 * @returns {any}
 */
function readYaml(tree, file) {
  try {
    return YAML.parse(readText(tree, file));
  } catch (error) {
    if (error instanceof GeneratorError) throw error;
    throw new GeneratorError(`${file} is not valid YAML: ${/** @type {Error} */ (error).message.split('\n')[0]}`);
  }
}

/**
 * The environments of the Tree by name, as plain YAML data.
 * @param {import('@nx/devkit').Tree} tree
 * @returns {Map<string, any>}
 */
function environments(tree) {
  const names = tree.children('environments').filter((name) => tree.exists(environmentFile(name))).sort();
  return new Map(names.map((name) => [name, readYaml(tree, environmentFile(name)) ?? {}]));
}

/** @param {import('@nx/devkit').Tree} tree @returns {any} */
function registry(tree) {
  return tree.exists(REGISTRY_FILE) ? readYaml(tree, REGISTRY_FILE) ?? {} : undefined;
}

/** `project` of apps/platform/platform.yaml: role names and state keys start with it. */
function projectName(/** @type {import('@nx/devkit').Tree} */ tree) {
  const project = readYaml(tree, PLATFORM_FILE)?.project;
  if (typeof project !== 'string') throw new GeneratorError(`${PLATFORM_FILE} names no "project"`);
  return project;
}

/**
 * Names an environment cannot take, with why: the other stacks and every Nx project with a
 * project.json (an environment is a project of the same name; Nx refuses two).
 * @param {import('@nx/devkit').Tree} tree
 * @returns {Map<string, string>}
 */
function takenNames(tree) {
  const names = new Map([
    ['registry', 'the shared image registry stack and Nx project'],
    ['bootstrap', 'the Nx project of the bootstrap stacks'],
  ]);
  for (const [name, project] of getProjects(tree)) names.set(name, `the Nx project in ${project.root}`);
  return names;
}

/**
 * The deploy wave `name` lands in (tools/ci/definitions.js), and the environments it shares
 * that wave with.
 * @param {Map<string, any>} definitions every environment, the new or changed one included
 * @param {string} name
 * @returns {{ wave: number, after?: string, alongside: string[] }}
 */
function deployWave(definitions, name) {
  const waves = deployWaves(definitions);
  const wave = /** @type {number} */ (waves.get(name));
  if (wave >= DEPLOY_WAVES) {
    throw new GeneratorError(
      `${name} would deploy in wave ${wave}, but .github/workflows/deploy.yml runs waves 0 to ${DEPLOY_WAVES - 1}: promote from an environment earlier in the order`,
    );
  }
  const after = definitions.get(name).promotesFrom || undefined;
  const alongside = [...waves].filter(([other, w]) => w === wave && other !== name).map(([other]) => other);
  return { wave, after, alongside };
}

/** @param {{ wave: number, after?: string, alongside: string[] }} placement @param {string} name */
function describeWave(placement, name) {
  const where = placement.after ? `after ${placement.after}` : 'first (it promotes from no environment)';
  const company = placement.alongside.length > 0 ? `, together with ${placement.alongside.join(', ')}` : '';
  return `${name} deploys in wave ${placement.wave}, ${where}${company}`;
}

module.exports = {
  GeneratorError,
  NAME_HINT,
  NAME_PATTERN,
  PLATFORM_FILE,
  REGISTRY_FILE,
  deployWave,
  describeWave,
  environmentFile,
  environments,
  projectName,
  readText,
  readYaml,
  registry,
  takenNames,
};
