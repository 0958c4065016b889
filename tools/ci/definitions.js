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
 */

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
 * Every stack CI plans and deploys, in deploy order: the registry first (environments pull
 * from it), then non-production environments, then production, each group by name.
 * @param {string} [root]
 * @returns {CiStack[]}
 */
function ciStacks(root = WORKSPACE_ROOT) {
  const project = projectName(root);
  const stacks = [];
  const registryFile = path.join(root, 'registry/registry.yaml');
  if (fs.existsSync(registryFile)) stacks.push(toCiStack(project, 'registry', 'registry', readYaml(registryFile), true));
  const environmentsDir = path.join(root, 'environments');
  const names = fs.existsSync(environmentsDir) ? fs.readdirSync(environmentsDir).sort() : [];
  const environments = names
    .filter((name) => fs.existsSync(path.join(environmentsDir, name, 'environment.yaml')))
    .map((name) => {
      const definition = readYaml(path.join(environmentsDir, name, 'environment.yaml'));
      return toCiStack(project, name, 'environment', definition, definition.tier === 'production');
    });
  return [...stacks, ...environments.filter((s) => !s.production), ...environments.filter((s) => s.production)];
}

/**
 * @param {string} project
 * @param {string} stack
 * @param {'environment'|'registry'} kind
 * @param {any} definition
 * @param {boolean} production
 * @returns {CiStack}
 */
function toCiStack(project, stack, kind, definition, production) {
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
  };
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

module.exports = { ciStacks, imageTarget, WORKSPACE_ROOT };
