'use strict';
/**
 * The validate bundle (build.js buildValidateApp): it loads no construct module, no provider
 * class and no package at all, and says exactly what the app bundle's `validate` says. The app
 * bundle holds every package it runs, with cdktf's resolve shortcut and lazy archiver.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { buildPlatformApp, buildValidateApp, checkValidateBundle } = require('./build');

const repositoryRoot = path.resolve(__dirname, '../..');

/** A copy of the real definitions (and environment apps) with node_modules linked. */
function scratch() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-bundle-'));
  for (const dir of ['environments', 'registry', 'docs/addresses']) {
    fs.cpSync(path.join(repositoryRoot, dir), path.join(root, dir), { recursive: true, filter: (file) => !file.endsWith('.spec.ts') });
  }
  fs.mkdirSync(path.join(root, 'apps/platform'), { recursive: true });
  fs.copyFileSync(path.join(repositoryRoot, 'apps/platform/platform.yaml'), path.join(root, 'apps/platform/platform.yaml'));
  fs.writeFileSync(path.join(root, 'cdktf.json'), '{}\n');
  fs.symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

function run(bundle, root, args, extraNodeArgs = []) {
  const result = spawnSync('node', [...extraNodeArgs, bundle, 'validate', ...args], {
    cwd: root,
    env: { ...process.env, PLATFORM_WORKSPACE_ROOT: root },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function edit(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

describe('the validate bundle', () => {
  let root;
  let validateBundle;
  let appBundle;
  beforeAll(async () => {
    root = scratch();
    validateBundle = await buildValidateApp(repositoryRoot);
    appBundle = await buildPlatformApp(repositoryRoot, root);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('requires no package and holds no construct or provider class', () => {
    const text = fs.readFileSync(validateBundle, 'utf8');
    expect(checkValidateBundle(text)).toEqual({ packages: [], cdktf: ['Token'] });
    expect(text).not.toMatch(/require\("(@cdktf\/provider-aws|cdktf|constructs)[/"]/);
    // cdktf's error messages name the classes; their definitions must not be there.
    expect(text).not.toMatch(/\b(class TerraformResource|TerraformResource = class|class TerraformStack|TerraformStack = class)\b/);
  });

  it('the app bundle, for contrast, holds every package it runs, the provider classes it uses and no other, and cdktf patched', () => {
    const text = fs.readFileSync(appBundle, 'utf8');
    const required = [...new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))];
    expect(required.filter((name) => !name.startsWith('node:') && !require('node:module').builtinModules.includes(name) && !name.startsWith('/'))).toEqual([]);
    const sources = JSON.parse(fs.readFileSync(`${appBundle}.map`, 'utf8')).sources;
    const providerClasses = new Set(sources.map((source) => /@cdktf\/provider-aws\/(?:lib|src)\/([^/]+)\//.exec(source)?.[1]).filter(Boolean));
    expect(providerClasses).toContain('ecs-service');
    // Loaded by deep path: the provider's package root (every resource class) is not in it.
    expect(sources.some((source) => /@cdktf\/provider-aws\/(lib|src)\/index\.[jt]s$/.test(source))).toBe(false);
    expect(providerClasses.size).toBeLessThan(150);
    // The three patches of build.js applied to the installed cdktf (another version would need a look).
    // (The bundle's whitespace is minified: compared without it.)
    const compact = text.replace(/\s/g, '');
    expect(compact).toContain('constvalue=isPlainValue(obj[key])?obj[key]:makeContext(key)[0].resolve(obj[key]);');
    expect(compact).toContain('returnresolveShortcutOn&&resolvedAlready(tf,false,leaf=>(0,_tokens_1.resolve)(this,leaf))?tf:(0,_tokens_1.resolve)(this,tf)');
    expect(compact).toMatch(/archiver=\(\.\.\.args\)=>require_archiver\(\)\(\.\.\.args\)/);
  });

  it('loads no module of cdktf, constructs or the provider when it runs', () => {
    const hook = path.join(root, 'record-loads.js');
    const record = path.join(root, 'loads.txt');
    fs.writeFileSync(
      hook,
      [
        "const Module = require('node:module');",
        "const fs = require('node:fs');",
        'const load = Module._load;',
        `Module._load = function (request, ...rest) { fs.appendFileSync(${JSON.stringify(record)}, request + '\\n'); return load.call(this, request, ...rest); };`,
        '',
      ].join('\n'),
    );
    const result = run(validateBundle, root, [], ['--require', hook]);
    expect(result.status).toBe(0);
    const loaded = fs.readFileSync(record, 'utf8').trim().split('\n');
    expect(loaded).toContain(validateBundle);
    expect(loaded.filter((request) => /cdktf|constructs|provider-aws|yaml/.test(request) && request !== validateBundle)).toEqual([]);
    // Node's own modules only, besides the bundle itself.
    expect(loaded.filter((request) => request !== validateBundle && !request.startsWith('node:') && !require('node:module').builtinModules.includes(request))).toEqual([]);
  });

  it('says what the app bundle says: valid definitions, broken ones, one file', () => {
    const same = (args) => {
      const lean = run(validateBundle, root, args);
      const full = run(appBundle, root, args);
      expect(lean).toEqual(full);
      return lean;
    };
    expect(same([])).toMatchObject({ status: 0, stdout: expect.stringContaining('are valid') });
    edit(path.join(root, 'environments/staging/environment.yaml'), 'cpu: 512', 'cpu: 300');
    edit(path.join(root, 'environments/prod/environment.yaml'), 'natGateways: one-per-az', 'natGateways: single');
    const broken = same([]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('environments/staging/environment.yaml:');
    expect(broken.stderr).toContain('300 is not a Fargate CPU value');
    expect(broken.stderr).toContain('network.natGateways');
    expect(same(['environments/staging/environment.yaml']).status).toBe(1);
    expect(same(['environments/dev/environment.yaml'])).toMatchObject({ status: 0 });
    expect(same(['README.md']).status).toBe(1);
  });

  it('refuses a bundle that would load a construct or a provider class', () => {
    expect(() => checkValidateBundle('var import_x = require("@cdktf/provider-aws/lib/ecs-service");')).toThrow(/require\("@cdktf\/provider-aws\/lib\/ecs-service"\)/);
    expect(() => checkValidateBundle('var import_cdktf = __toESM(require_cdktf()); import_cdktf.TerraformStack;')).toThrow(/cdktf's TerraformStack/);
    expect(checkValidateBundle('require("node:fs"); require("fs"); import_cdktf2.Token.isUnresolved(x);')).toEqual({ packages: [], cdktf: ['Token'] });
  });
});
