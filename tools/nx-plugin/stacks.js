'use strict';
/**
 * Nx plugin: one project per environment, inferred from `environments/<name>/environment.yaml`,
 * plus the `bootstrap` project for the per-account state stacks. Adding an environment is
 * adding its folder and definition file; no registration anywhere else.
 *
 * Every stack project depends on the `platform` app (which imports the libraries), so
 * `nx affected` selects an environment when its own definition changes, and every environment
 * when the app or a library it uses changes.
 */
const path = require('node:path');

const SYNTH = 'node tools/synth/cli.js synth';
/** The definition of the shared image registry (docs/registry.md). */
const REGISTRY_FILE = 'registry/registry.yaml';
const GATE = 'node tools/terraform-gate/cli.js';

/** Inputs of a stack's synthesis: its definition, the app and libraries, the lockfile. */
function synthInputs(definitionInputs) {
  return [
    ...definitionInputs,
    '{workspaceRoot}/apps/platform/platform.yaml',
    '^production',
    '{workspaceRoot}/tools/synth/**/*',
    '{workspaceRoot}/package-lock.json',
    { externalDependencies: ['cdktf', '@cdktf/provider-aws', 'constructs', 'esbuild'] },
  ];
}

/** Targets shared by environment and bootstrap projects; `stacks` is a --stack argument. */
function stackTargets(stacks, synthOutputs, definitionInputs) {
  return {
    synth: {
      command: `${SYNTH} --stack ${stacks}`,
      cache: true,
      inputs: synthInputs(definitionInputs),
      outputs: synthOutputs,
      metadata: { description: 'Synthesize to cdktf.out/stacks/<stack>/cdk.tf.json' },
    },
    validate: {
      // Definitions are validated by synth (a dependency); then the pinned Terraform addresses
      // (docs/addresses) and terraform validate, offline.
      executor: 'nx:run-commands',
      options: {
        commands: [`${SYNTH.replace(' synth', ' addresses')} --stack ${stacks}`, `${GATE} --stack ${stacks} --steps init,validate`],
        parallel: false,
      },
      inputs: [`{workspaceRoot}/docs/addresses/${stacks}.txt`],
      dependsOn: ['synth'],
      cache: false,
      metadata: { description: 'Check pinned Terraform addresses, then terraform init + validate offline' },
    },
    plan: {
      command: `${GATE} --stack ${stacks}`,
      dependsOn: ['synth'],
      cache: false,
      metadata: { description: 'Offline Terraform gate: init, validate, plan -refresh=false, terraform test' },
    },
    diff: {
      command: `npx cdktf diff ${stacks.split(',').join(' ')}`,
      cache: false,
      metadata: { description: 'cdktf diff against the real backend (needs AWS credentials)' },
    },
    deploy: {
      command: `npx cdktf deploy ${stacks.split(',').join(' ')}`,
      cache: false,
      metadata: { description: 'cdktf deploy (needs AWS credentials; asks for approval)' },
    },
  };
}

function environmentProject(definitionFile) {
  const root = path.posix.dirname(definitionFile);
  const name = path.posix.basename(root);
  return [
    root,
    {
      name,
      projectType: 'application',
      tags: ['type:environment'],
      implicitDependencies: ['platform', 'tools'],
      // Image URIs are resolved from the registry definition. It is a synth input, which is
      // enough for both the cache and `nx affected` (Nx marks a project touched when a file
      // among its inputs changes). Not a graph dependency: the registry depends on every
      // environment, and the cycle would make one environment's change affect all others.
      targets: stackTargets(name, [`{workspaceRoot}/cdktf.out/stacks/${name}`], ['{projectRoot}/environment.yaml', `{workspaceRoot}/${REGISTRY_FILE}`]),
    },
  ];
}

function bootstrapProject(environmentNames, hasRegistry) {
  return [
    'apps/bootstrap',
    {
      name: 'bootstrap',
      projectType: 'application',
      tags: ['type:bootstrap'],
      // Bootstrap stacks are derived from every environment's (and the registry's) stateBackend.
      implicitDependencies: ['platform', 'tools', ...environmentNames, ...(hasRegistry ? ['registry'] : [])],
      targets: stackTargets(
        'bootstrap-*',
        ['{workspaceRoot}/cdktf.out/stacks/bootstrap-*'],
        ['{workspaceRoot}/environments/*/environment.yaml', `{workspaceRoot}/${REGISTRY_FILE}`],
      ),
    },
  ];
}

/**
 * The `registry` project (root `registry`): its stack derives pull accounts and protected tags
 * from every environment, so it depends on all of them.
 */
function registryProject(environmentNames) {
  return [
    'registry',
    {
      name: 'registry',
      projectType: 'application',
      tags: ['type:registry'],
      implicitDependencies: ['platform', 'tools', ...environmentNames],
      targets: stackTargets(
        'registry',
        ['{workspaceRoot}/cdktf.out/stacks/registry'],
        ['{projectRoot}/registry.yaml', '{workspaceRoot}/environments/*/environment.yaml'],
      ),
    },
  ];
}

const createNodes = [
  `{environments/*/environment.yaml,${REGISTRY_FILE}}`,
  (configFiles) => {
    const definitionFiles = configFiles.filter((file) => file !== REGISTRY_FILE);
    const hasRegistry = configFiles.includes(REGISTRY_FILE);
    const environments = definitionFiles.map(environmentProject);
    const names = environments.map(([, project]) => project.name);
    return [
      ...environments.map(([root, project], i) => [definitionFiles[i], { projects: { [root]: project } }]),
      ['apps/bootstrap', { projects: Object.fromEntries([bootstrapProject(names, hasRegistry)]) }],
      ...(hasRegistry ? [[REGISTRY_FILE, { projects: Object.fromEntries([registryProject(names)]) }]] : []),
    ];
  },
];

module.exports = { createNodes, createNodesV2: createNodes, name: 'ecs-platform-stacks' };
