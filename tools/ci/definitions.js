'use strict';
/**
 * What the workflows need to know about each stack, read straight from the definitions
 * (environments/<env>/environment.yaml, registry/registry.yaml, apps/platform/platform.yaml)
 * so that nothing about accounts or roles is kept by hand in a workflow.
 *
 * Role names follow apps/platform/src/github-ci-roles.ts, which creates them in each account's
 * bootstrap stack: `<project>-plan-<stack>`, `<project>-deploy-<stack>`, `<project>-image-push`.
 * apps/platform/src/github-ci-roles.spec.ts checks that the definitions' deployRoleArn agree.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const WORKSPACE_ROOT = path.resolve(__dirname, '../..');

/**
 * @typedef {object} CiStack
 * @property {string} stack           stack, Nx project and GitHub Environment name
 * @property {'environment'|'registry'} kind
 * @property {string} accountId
 * @property {string} region
 * @property {string} planRoleArn
 * @property {string} deployRoleArn
 * @property {boolean} production
 * @property {string|null} promotesFrom  the environment that deploys (and runs an image) first
 * @property {number} wave            deploy wave: 0 the registry, 1 environments promoting from
 *                                    none, n+1 those promoting from a wave-n environment
 */

/** How many deploy waves `.github/workflows/deploy.yml` has jobs for. */
const DEPLOY_WAVES = 6;

/** @param {string} file */
function readYaml(file) {
  return YAML.parse(fs.readFileSync(file, 'utf8'));
}

/** @param {string} accountId @param {string} name */
function roleArn(accountId, name) {
  return `arn:aws:iam::${accountId}:role/${name}`;
}

/** @param {string} root */
function projectName(root) {
  return readYaml(path.join(root, 'apps/platform/platform.yaml')).project;
}

/**
 * The environment definitions by name, as plain YAML (the synth CLI validates them; the
 * workflows only read names, accounts, regions and `promotesFrom`).
 * @param {string} root
 * @returns {Map<string, any>}
 */
function environmentDefinitions(root) {
  const environmentsDir = path.join(root, 'environments');
  const names = fs.existsSync(environmentsDir) ? fs.readdirSync(environmentsDir).sort() : [];
  return new Map(
    names
      .filter((name) => fs.existsSync(path.join(environmentsDir, name, 'environment.yaml')))
      .map((name) => [name, readYaml(path.join(environmentsDir, name, 'environment.yaml'))]),
  );
}

/**
 * The deploy wave of every environment, from `promotesFrom`: an environment deploys one wave
 * after the environment it promotes from. Broken links (unknown names, loops) are errors here
 * too, so a workflow never guesses an order.
 * @param {Map<string, any>} definitions
 * @returns {Map<string, number>}
 */
function deployWaves(definitions) {
  /** @type {Map<string, number>} */
  const waves = new Map();
  /** @param {string} name @param {string[]} chain */
  const waveOf = (name, chain) => {
    const known = waves.get(name);
    if (known !== undefined) return known;
    if (chain.includes(name)) throw new Error(`promotesFrom makes a loop: ${[...chain, name].join(' -> ')}`);
    const from = definitions.get(name).promotesFrom;
    if (from !== undefined && from !== null && !definitions.has(from)) {
      throw new Error(`environments/${name}/environment.yaml: promotesFrom "${from}" is not an environment`);
    }
    const wave = from ? waveOf(from, [...chain, name]) + 1 : 1;
    waves.set(name, wave);
    return wave;
  };
  for (const name of definitions.keys()) waveOf(name, []);
  return waves;
}

/**
 * Every stack CI plans and deploys, in deploy order: the registry first (environments pull
 * from it), then the environments wave by wave as `promotesFrom` orders them, each wave by
 * name. Nothing here is a hand-kept list: a new environment lands in its wave.
 * @param {string} [root]
 * @returns {CiStack[]}
 */
function ciStacks(root = WORKSPACE_ROOT) {
  const project = projectName(root);
  const stacks = [];
  const registryFile = path.join(root, 'registry/registry.yaml');
  if (fs.existsSync(registryFile)) stacks.push(toCiStack(project, 'registry', 'registry', readYaml(registryFile), true, null, 0));
  const definitions = environmentDefinitions(root);
  const waves = deployWaves(definitions);
  const environments = [...definitions].map(([name, definition]) =>
    toCiStack(project, name, 'environment', definition, definition.tier === 'production', definition.promotesFrom || null, waves.get(name) || 1),
  );
  const deepest = Math.max(0, ...environments.map((s) => s.wave));
  if (deepest >= DEPLOY_WAVES) {
    throw new Error(`the deploy order is ${deepest + 1} waves deep; .github/workflows/deploy.yml runs ${DEPLOY_WAVES} (add wave jobs there and raise DEPLOY_WAVES)`);
  }
  environments.sort((a, b) => a.wave - b.wave || a.stack.localeCompare(b.stack));
  return [...stacks, ...environments];
}

/**
 * @param {string} project
 * @param {string} stack
 * @param {'environment'|'registry'} kind
 * @param {any} definition
 * @param {boolean} production
 * @param {string|null} promotesFrom
 * @param {number} wave
 * @returns {CiStack}
 */
function toCiStack(project, stack, kind, definition, production, promotesFrom, wave) {
  const accountId = String(definition.accountId);
  return {
    stack,
    kind,
    accountId,
    region: definition.region,
    planRoleArn: roleArn(accountId, `${project}-plan-${stack}`),
    // The definition's own role when it names one (the provider assumes it), else the convention.
    deployRoleArn: definition.deployRoleArn || roleArn(accountId, `${project}-deploy-${stack}`),
    production,
    promotesFrom,
    wave,
  };
}

/**
 * The stacks grouped by deploy wave, as deploy.yml's wave jobs take them: always DEPLOY_WAVES
 * entries, empty ones for waves with nothing to deploy.
 * @param {CiStack[]} stacks
 * @returns {string[][]}
 */
function wavesOf(stacks) {
  return Array.from({ length: DEPLOY_WAVES }, (_, wave) => stacks.filter((s) => s.wave === wave).map((s) => s.stack));
}

/**
 * Where images are pushed, and with which role, for one repository of the registry.
 * @param {string} repository
 * @param {string} [root]
 */
function imageTarget(repository, root = WORKSPACE_ROOT) {
  const registry = readYaml(path.join(root, 'registry/registry.yaml'));
  const names = (registry.repositories || []).map((r) => r.name);
  if (!names.includes(repository)) throw new Error(`registry/registry.yaml declares no repository "${repository}" (it has: ${names.join(', ')})`);
  const accountId = String(registry.accountId);
  const registryHost = `${accountId}.dkr.ecr.${registry.region}.amazonaws.com`;
  return {
    accountId,
    region: registry.region,
    registry: registryHost,
    repository,
    imageName: `${registryHost}/${repository}`,
    pushRoleArn: roleArn(accountId, `${projectName(root)}-image-push`),
  };
}

module.exports = { ciStacks, deployWaves, environmentDefinitions, imageTarget, wavesOf, DEPLOY_WAVES, WORKSPACE_ROOT };
