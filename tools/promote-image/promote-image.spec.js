'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promote, pinDigest, readDigest, PromotionError } = require('./index');
const { main, parseArgs } = require('./cli');

jest.setTimeout(120000);

const ROOT = path.resolve(__dirname, '../..');
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OTHER = `sha256:${'cd'.repeat(32)}`;

/** The environment definition files of the real workspace, whatever environments it has. */
const environmentFiles = () =>
  fs
    .readdirSync(path.join(ROOT, 'environments'))
    .map((env) => `environments/${env}/environment.yaml`)
    .filter((file) => fs.existsSync(path.join(ROOT, file)));

/** A scratch workspace holding copies of the real definitions. */
function copyWorkspace() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'promote-image-'));
  for (const file of ['apps/platform/platform.yaml', 'registry/registry.yaml', ...environmentFiles()]) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(root, file));
  }
  return root;
}

const read = (root, env) => fs.readFileSync(path.join(root, 'environments', env, 'environment.yaml'), 'utf8');
const changedLines = (before, after) => {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return b.map((line, i) => [a[i], line]).filter(([x, y]) => x !== y);
};

describe('pinDigest', () => {
  const dev = fs.readFileSync(path.join(ROOT, 'environments/dev/environment.yaml'), 'utf8');

  it('replaces the tag by the digest in place: a one-line diff, comments and formatting kept', () => {
    const { text, changes } = pinDigest(dev, { service: 'storefront' }, DIGEST);
    expect(changes).toEqual([{ service: 'storefront', repository: 'sample-service', from: expect.stringMatching(/^tag:/), to: `digest:${DIGEST}` }]);
    expect(changedLines(dev, text)).toEqual([[expect.stringMatching(/^ {6}tag: /), `      digest: ${DIGEST}`]]);
  });

  it('selects by repository: every service that runs it', () => {
    const services = pinDigest(dev, { repository: 'sample-service' }, DIGEST).changes.map((change) => change.service);
    expect(services).toEqual(['storefront', 'order-worker']);
  });

  it('replaces an older digest and is a no-op for the same digest', () => {
    const once = pinDigest(dev, { service: 'storefront' }, DIGEST).text;
    const twice = pinDigest(once, { service: 'storefront' }, OTHER);
    expect(twice.changes[0].from).toBe(`digest:${DIGEST}`);
    expect(pinDigest(once, { service: 'storefront' }, DIGEST)).toEqual({ text: once, changes: [] });
  });

  it('leaves exactly one of tag and digest', () => {
    const both = 'services:\n  - name: a\n    image:\n      repository: r\n      tag: v1 # old\n      digest: sha256:' + '0'.repeat(64) + '\n';
    const { text } = pinDigest(both, { service: 'a' }, DIGEST);
    expect(text).toBe(`services:\n  - name: a\n    image:\n      repository: r\n      digest: ${DIGEST} # old\n`);
  });

  it('refuses bad digests and unknown services', () => {
    expect(() => pinDigest(dev, { service: 'storefront' }, 'sha256:abc')).toThrow(PromotionError);
    expect(() => pinDigest(dev, { service: 'storefront' }, 'latest')).toThrow('is not an image digest');
    expect(() => pinDigest(dev, { service: 'checkout' }, DIGEST)).toThrow('no service "checkout"');
    expect(() => pinDigest(dev, { repository: 'nope' }, DIGEST)).toThrow('no a service with image repository "nope"');
  });
});

describe('readDigest', () => {
  it('reads the digest an environment runs, and refuses a tag', () => {
    const staging = fs.readFileSync(path.join(ROOT, 'environments/staging/environment.yaml'), 'utf8');
    expect(readDigest(staging, { service: 'storefront' })).toMatch(/^sha256:[0-9a-f]{64}$/);
    const dev = fs.readFileSync(path.join(ROOT, 'environments/dev/environment.yaml'), 'utf8');
    expect(() => readDigest(dev, { service: 'storefront' })).toThrow('is not pinned by one digest');
  });
});

describe('promote (validated by the real synth CLI)', () => {
  let root;
  beforeEach(() => {
    root = copyWorkspace();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes a valid promotion and leaves no temporary file', () => {
    const before = read(root, 'dev');
    const { changes } = promote({ root, environment: 'dev', service: 'storefront', digest: DIGEST });
    expect(changes).toHaveLength(1);
    expect(changedLines(before, read(root, 'dev'))).toHaveLength(1);
    expect(fs.readdirSync(path.join(root, 'environments/dev'))).toEqual(['environment.yaml']);
  });

  it('promotes what another environment runs', () => {
    promote({ root, environment: 'dev', service: 'storefront', fromEnvironment: 'staging' });
    expect(readDigest(read(root, 'dev'), { service: 'storefront' })).toBe(readDigest(read(root, 'staging'), { service: 'storefront' }));
  });

  it('refuses to write into a definition that does not validate, and leaves it byte for byte', () => {
    const file = path.join(root, 'environments/dev/environment.yaml');
    fs.writeFileSync(file, read(root, 'dev').replace('cpu: 256', 'cpu: 300'));
    const before = read(root, 'dev');
    expect(() => promote({ root, environment: 'dev', service: 'storefront', digest: DIGEST })).toThrow(/invalid; environments\/dev\/environment.yaml is unchanged:\n.*cpu/s);
    expect(read(root, 'dev')).toBe(before);
    expect(fs.readdirSync(path.join(root, 'environments/dev'))).toEqual(['environment.yaml']);
  });

  it('restores the original when the workspace-wide check fails after the write', () => {
    const before = read(root, 'dev');
    const validate = (_root, file) => (file ? '' : 'registry/registry.yaml: cross-file problem');
    expect(() => promote({ root, environment: 'dev', service: 'storefront', digest: DIGEST, validate })).toThrow('was restored');
    expect(read(root, 'dev')).toBe(before);
    expect(fs.readdirSync(path.join(root, 'environments/dev'))).toEqual(['environment.yaml']);
  });
});

describe('cli', () => {
  let root;
  let out;
  let err;
  beforeEach(() => {
    root = copyWorkspace();
    out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    out.mockRestore();
    err.mockRestore();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('promotes, then reports "already pinned" on a second run', () => {
    expect(main(['--environment', 'dev', '--service', 'storefront', '--digest', DIGEST, '--root', root])).toBe(0);
    expect(out).toHaveBeenCalledWith(expect.stringContaining(`storefront (sample-service) tag:`));
    expect(main(['--environment', 'dev', '--service', 'storefront', '--digest', DIGEST, '--root', root])).toBe(0);
    expect(out).toHaveBeenLastCalledWith('environments/dev: already pinned, nothing to change\n');
    expect(main(['--environment', 'dev', '--repository', 'sample-service', '--digest', DIGEST, '--root', root])).toBe(0);
    expect(out).toHaveBeenLastCalledWith(expect.stringContaining('order-worker (sample-service) tag:'));
  });

  it('exits 1 on an invalid promotion and 2 on bad arguments', () => {
    expect(main(['--environment', 'dev', '--service', 'storefront', '--digest', 'sha256:nope', '--root', root])).toBe(1);
    expect(main(['--environment', 'qa', '--service', 'storefront', '--digest', DIGEST, '--root', root])).toBe(1);
    expect(main(['--environment', 'dev', '--digest', DIGEST])).toBe(2);
    expect(main(['--environment', 'dev', '--service', 's', '--digest', DIGEST, '--from-environment', 'staging'])).toBe(2);
    expect(() => parseArgs(['--bogus', 'x'])).toThrow('unknown argument');
  });
});
