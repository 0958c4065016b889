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
const fs = require('node:fs');
const path = require('node:path');

const SYNTH = 'node tools/synth/cli.js synth';
const STACK_COMMAND = 'node tools/stack-command/cli.js';
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

/**
 * What an offline check of a synthesized stack depends on: the stack JSON its synth dependency
 * wrote, the checking tools, and the Terraform on this machine. Equal inputs give the same
 * result, so Nx may replay it: a change that leaves a stack's JSON as it was (a comment in a
 * library, a registry field another stack reads) re-checks nothing.
 */
function checkInputs(extra) {
  return [
    { dependentTasksOutputFiles: '**/cdk.tf.json', transitive: false },
    ...extra,
    '{workspaceRoot}/tools/terraform-gate/**/*.js',
    '{workspaceRoot}/package-lock.json',
    { env: 'TF_PLUGIN_DIR' },
    { runtime: 'terraform version 2>/dev/null || echo no-terraform' },
  ];
}

/**
 * Targets shared by environment and bootstrap projects; `stacks` is a --stack argument.
 * `synthOutputs` name the stacks' cdk.tf.json files, not their folders: a folder is also
 * Terraform's working directory (`.terraform`, with the installed providers and the record of
 * the backend that `-migrate-state` copies from), which Nx would otherwise store in its cache
 * and delete whenever it restores a cached synthesis.
 */
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
      // (docs/addresses) of what synth wrote, and terraform init + validate, offline.
      executor: 'nx:run-commands',
      options: {
        commands: [
          `${SYNTH.replace(' synth', ' addresses')} --stack ${stacks} --synthesized cdktf.out`,
          `${GATE} --stack ${stacks} --steps init,validate`,
        ],
        parallel: false,
      },
      inputs: checkInputs([`{workspaceRoot}/docs/addresses/${stacks}.txt`, '{workspaceRoot}/tools/synth/**/*', '{workspaceRoot}/apps/platform/src/**/*.ts']),
      dependsOn: ['synth'],
      cache: true,
      metadata: { description: 'Check pinned Terraform addresses, then terraform init + validate offline' },
    },
    plan: {
      command: `${GATE} --stack ${stacks} --show-plan`,
      dependsOn: ['synth'],
      inputs: checkInputs([]),
      cache: true,
      metadata: { description: 'Offline Terraform gate: init, plan -refresh=false (printed), terraform test' },
    },
    // Terraform on the synthesized stack, as `cdktf diff/deploy` would run it, without the
    // CDKTF CLI's own start-up (docs/performance.md); deploy applies the plan it showed.
    diff: {
      command: `${STACK_COMMAND} diff ${stacks}`,
      dependsOn: ['synth'],
      cache: false,
      metadata: { description: 'terraform init + plan against the real backend (needs AWS credentials)' },
    },
    deploy: {
      command: `${STACK_COMMAND} deploy ${stacks}`,
      dependsOn: ['synth'],
      cache: false,
      metadata: { description: 'terraform plan, shown, then applied after approval (needs AWS credentials)' },
    },
  };
}

/** The file of an environment app beside a definition (docs/extending.md). */
const ENVIRONMENT_APP_FILE = 'stack.ts';

/**
 * The targets an environment app adds to its environment's project: its TypeScript is
 * type-checked, linted and tested like a library's (Jest specs beside it), and it is an input of
 * the environment's synth (see environmentProject).
 */
function environmentAppTargets() {
  return {
    typecheck: {
      command: 'node tools/environment-app/typecheck.js {projectRoot}',
      cache: true,
      inputs: ['{projectRoot}/*.ts', '^production', '{workspaceRoot}/tsconfig.base.json', '{workspaceRoot}/tools/environment-app/typecheck.js'],
      metadata: { description: 'Type-check the environment app and its specs' },
    },
    lint: {
      executor: '@nx/eslint:lint',
      cache: true,
      options: { lintFilePatterns: ['{projectRoot}/*.ts'] },
    },
    test: {
      command: 'node node_modules/jest/bin/jest.js --config tools/environment-app/jest.config.js --passWithNoTests {projectRoot}/',
      cache: true,
      inputs: ['{projectRoot}/*.ts', '{projectRoot}/environment.yaml', '^production', '{workspaceRoot}/apps/platform/**/*', `{workspaceRoot}/${REGISTRY_FILE}`, '{workspaceRoot}/jest.preset.js', '{workspaceRoot}/tools/environment-app/**/*'],
      metadata: { description: 'Jest specs of the environment app' },
    },
  };
}

function environmentProject(definitionFile, workspaceRoot) {
  const root = path.posix.dirname(definitionFile);
  const name = path.posix.basename(root);
  const hasApp = fs.existsSync(path.join(workspaceRoot, root, ENVIRONMENT_APP_FILE));
  // The app's TypeScript (not its specs) is part of what the stack is built from.
  const appInputs = hasApp ? ['{projectRoot}/*.ts', '!{projectRoot}/*.spec.ts'] : [];
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
      targets: {
        ...stackTargets(name, [`{workspaceRoot}/cdktf.out/stacks/${name}/cdk.tf.json`], ['{projectRoot}/environment.yaml', ...appInputs, `{workspaceRoot}/${REGISTRY_FILE}`]),
        ...(hasApp ? environmentAppTargets() : {}),
      },
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
        ['{workspaceRoot}/cdktf.out/stacks/bootstrap-*/cdk.tf.json'],
        // CI roles are derived from the resource types the other stacks pin.
        ['{workspaceRoot}/environments/*/environment.yaml', `{workspaceRoot}/${REGISTRY_FILE}`, '{workspaceRoot}/docs/addresses/*.txt'],
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
        ['{workspaceRoot}/cdktf.out/stacks/registry/cdk.tf.json'],
        ['{projectRoot}/registry.yaml', '{workspaceRoot}/environments/*/environment.yaml'],
      ),
    },
  ];
}

/**
 * Names an environment folder cannot take: the other projects of the workspace (Nx refuses two
 * projects of one name, which would break every Nx command). Such a folder gets no project;
 * validation reports it on the definition (apps/platform/src/workspace.ts reservedNames).
 * @param {string} root
 */
function otherProjectNames(root) {
  const names = new Set(['registry', 'bootstrap']);
  for (const dir of ['apps', 'libs', 'examples']) {
    const parent = path.join(root, dir);
    if (!fs.existsSync(parent)) continue;
    for (const entry of fs.readdirSync(parent, { withFileTypes: true })) {
      if (entry.isDirectory()) addProjectName(names, path.join(parent, entry.name, 'project.json'));
    }
  }
  for (const dir of ['tools', 'e2e']) addProjectName(names, path.join(root, dir, 'project.json'));
  return names;
}

/** @param {Set<string>} names @param {string} file */
function addProjectName(names, file) {
  try {
    const { name } = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof name === 'string') names.add(name);
  } catch {
    // no project here
  }
}

const createNodes = [
  `{environments/*/environment.yaml,${REGISTRY_FILE}}`,
  (configFiles, _options, context) => {
    const taken = otherProjectNames(context.workspaceRoot);
    const definitionFiles = configFiles.filter((file) => file !== REGISTRY_FILE && !taken.has(path.posix.basename(path.posix.dirname(file))));
    const hasRegistry = configFiles.includes(REGISTRY_FILE);
    const environments = definitionFiles.map((file) => environmentProject(file, context.workspaceRoot));
    const names = environments.map(([, project]) => project.name);
    return [
      ...environments.map(([root, project], i) => [definitionFiles[i], { projects: { [root]: project } }]),
      ['apps/bootstrap', { projects: Object.fromEntries([bootstrapProject(names, hasRegistry)]) }],
      ...(hasRegistry ? [[REGISTRY_FILE, { projects: Object.fromEntries([registryProject(names)]) }]] : []),
    ];
  },
];

module.exports = { createNodes, createNodesV2: createNodes, name: 'ecs-platform-stacks' };
