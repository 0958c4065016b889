'use strict';
/**
 * Environment apps through the real entry points, on a scratch copy of the workspace: the
 * bundled synthesis (tools/synth/cli.js, as `npm run synth`, Nx and the CDKTF CLI run it) and
 * the typecheck target. A broken app fails its own environment only, naming its file and line.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { typecheck } = require('./typecheck');

const repositoryRoot = path.resolve(__dirname, '../..');

function scratch() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'environment-app-'));
  for (const env of ['dev', 'staging', 'prod']) {
    fs.cpSync(path.join(repositoryRoot, 'environments', env), path.join(root, 'environments', env), { recursive: true });
    fs.rmSync(path.join(root, 'environments', env, 'stack.ts'), { force: true });
  }
  fs.cpSync(path.join(repositoryRoot, 'registry'), path.join(root, 'registry'), { recursive: true });
  fs.cpSync(path.join(repositoryRoot, 'docs/addresses'), path.join(root, 'docs/addresses'), { recursive: true });
  fs.mkdirSync(path.join(root, 'apps/platform'), { recursive: true });
  fs.copyFileSync(path.join(repositoryRoot, 'apps/platform/platform.yaml'), path.join(root, 'apps/platform/platform.yaml'));
  fs.symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

function synth(root, ...stacks) {
  return spawnSync('node', [path.join(repositoryRoot, 'tools/synth/cli.js'), 'synth', '--outdir', path.join(root, 'out'), ...stacks.flatMap((s) => ['--stack', s])], {
    cwd: root,
    env: { ...process.env, PLATFORM_WORKSPACE_ROOT: root },
    encoding: 'utf8',
  });
}

const lineOf = (file, text) => fs.readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;

describe('environment apps through tools/synth', () => {
  let root;
  beforeEach(() => {
    root = scratch();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('maps an error thrown in the bundle back to the line of the app', () => {
    const file = path.join(root, 'environments/dev/stack.ts');
    fs.writeFileSync(
      file,
      [
        "import { defineEnvironmentApp } from '@ecs-platform/environment-app';",
        '',
        'export default defineEnvironmentApp((environment) => {',
        '  const replicas: number = environment.tier === "production" ? 2 : 0;',
        "  if (replicas === 0) throw new Error('dev needs one replica of the read model');",
        '});',
        '',
      ].join('\n'),
    );
    const result = synth(root, 'dev', 'staging');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`environments/dev/stack.ts:${lineOf(file, 'throw')}:29: the environment app threw: dev needs one replica of the read model`);
    expect(fs.existsSync(path.join(root, 'out/stacks/staging/cdk.tf.json'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'out/stacks/dev'))).toBe(false);
  }, 120_000);

  it('fails only the environment whose app does not compile, with esbuild\'s file and line', () => {
    const file = path.join(root, 'environments/prod/stack.ts');
    fs.writeFileSync(file, ["import { defineEnvironmentApp } from '@ecs-platform/environment-app';", 'export default defineEnvironmentApp((environment) => {', '  const x = ;', '});', ''].join('\n'));
    const result = synth(root, 'prod', 'dev');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/environments\/prod\/stack\.ts: the environment app failed to load: does not compile: environments\/prod\/stack\.ts:3:\d+: Unexpected ";"/);
    expect(fs.existsSync(path.join(root, 'out/stacks/dev/cdk.tf.json'))).toBe(true);
  }, 120_000);
});

describe('the typecheck target of an environment app', () => {
  it('names the file, line and column of a type error', () => {
    const root = fs.mkdtempSync(path.join(repositoryRoot, 'tmp-typecheck-'));
    try {
      fs.writeFileSync(
        path.join(root, 'stack.ts'),
        [
          "import { defineEnvironmentApp } from '@ecs-platform/environment-app';",
          'export default defineEnvironmentApp((environment) => {',
          "  environment.service('storefront').grant({ sid: 'Read', actions: 's3:GetObject', resources: [] });",
          '});',
          '',
        ].join('\n'),
      );
      const errors = typecheck(repositoryRoot, path.relative(repositoryRoot, root));
      expect(errors).toEqual([expect.stringMatching(new RegExp(`^${path.basename(root)}/stack\\.ts:3:\\d+ - error TS2322: Type 'string' is not assignable to type 'readonly string\\[\\]'`))]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('passes a correct app', () => {
    const root = fs.mkdtempSync(path.join(repositoryRoot, 'tmp-typecheck-'));
    try {
      fs.writeFileSync(
        path.join(root, 'stack.ts'),
        "import { defineEnvironmentApp } from '@ecs-platform/environment-app';\nexport default defineEnvironmentApp((environment) => {\n  environment.service('storefront');\n});\n",
      );
      expect(typecheck(repositoryRoot, path.relative(repositoryRoot, root))).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
