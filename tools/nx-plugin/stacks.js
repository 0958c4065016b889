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
      command: `${GATE} --stack ${stacks} --steps init,validate`,
      dependsOn: ['synth'],
      cache: false,
      metadata: { description: 'Validate definitions (via synth) and the stack with terraform validate' },
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
      implicitDependencies: ['platform'],
      targets: stackTargets(name, [`{workspaceRoot}/cdktf.out/stacks/${name}`], ['{projectRoot}/environment.yaml']),
    },
  ];
}

function bootstrapProject(environmentNames) {
  return [
    'apps/bootstrap',
    {
      name: 'bootstrap',
      projectType: 'application',
      tags: ['type:bootstrap'],
      // Bootstrap stacks are derived from every environment's stateBackend.
      implicitDependencies: ['platform', ...environmentNames],
      targets: stackTargets(
        'bootstrap-*',
        ['{workspaceRoot}/cdktf.out/stacks/bootstrap-*'],
        ['{workspaceRoot}/environments/*/environment.yaml'],
      ),
    },
  ];
}

const createNodes = [
  'environments/*/environment.yaml',
  (definitionFiles) => {
    const environments = definitionFiles.map(environmentProject);
    const names = environments.map(([, project]) => project.name);
    return [
      ...environments.map(([root, project], i) => [definitionFiles[i], { projects: { [root]: project } }]),
      ['apps/bootstrap', { projects: Object.fromEntries([bootstrapProject(names)]) }],
    ];
  },
];

module.exports = { createNodes, createNodesV2: createNodes, name: 'ecs-platform-stacks' };
