import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleIamActionCache } from './iam-action-cache';
import { bundleYamlCache, diskJsonCache } from './parsed-yaml-cache';

describe('the parsed-YAML cache on disk', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsed-yaml-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives back what was written, under its key only, and leaves no temporary file', () => {
    const cache = diskJsonCache(path.join(dir, 'parsed-yaml'));
    expect(cache.read('k1')).toBeUndefined();
    cache.write('k1', { name: 'dev', services: [{ cpu: 256 }] });
    expect(cache.read('k1')).toEqual({ name: 'dev', services: [{ cpu: 256 }] });
    expect(cache.read('k2')).toBeUndefined();
    expect(fs.readdirSync(path.join(dir, 'parsed-yaml'))).toEqual(['k1.json']);
  });

  it('reads a truncated file as missing, and a write replaces it', () => {
    const cache = diskJsonCache(dir);
    fs.writeFileSync(path.join(dir, 'k.json'), '{"name": "de');
    expect(cache.read('k')).toBeUndefined();
    cache.write('k', { name: 'dev' });
    expect(cache.read('k')).toEqual({ name: 'dev' });
  });

  it('skips a folder it cannot write, without throwing', () => {
    const blocked = path.join(dir, 'a-file');
    fs.writeFileSync(blocked, '');
    const cache = diskJsonCache(path.join(blocked, 'parsed-yaml'));
    expect(() => cache.write('k', { name: 'dev' })).not.toThrow();
    expect(cache.read('k')).toBeUndefined();
  });

  it('lives beside the bundle, and not at all outside one or with PLATFORM_YAML_CACHE=0', () => {
    const bundle = path.join(dir, 'main.js');
    bundleYamlCache({}, bundle, true)?.write('k', { a: 1 });
    expect(fs.readdirSync(path.join(dir, 'parsed-yaml'))).toEqual(['k.json']);
    expect(bundleYamlCache({ PLATFORM_YAML_CACHE: '0' }, bundle, true)).toBeUndefined();
    expect(bundleYamlCache({}, path.join(dir, 'workspace.ts'), true)).toBeUndefined();
    // A bundle tools/synth/build.js did not write (the Nx plugin's, named inside tools/): none,
    // so nothing lands in the source tree.
    expect(bundleYamlCache({}, bundle, false)).toBeUndefined();
    // Under Jest this module is TypeScript: no cache.
    expect(bundleYamlCache({})).toBeUndefined();
  });
});

describe('the IAM action-list cache', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-actions-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lives beside the bundle in iam-actions/, and not at all outside one or with PLATFORM_IAM_CACHE=0', () => {
    const bundle = path.join(dir, 'main.js');
    bundleIamActionCache({}, bundle, true)?.write('0.21.1-s3', [['getobject', 'GetObject', 'Read']]);
    expect(fs.readdirSync(path.join(dir, 'iam-actions'))).toEqual(['0.21.1-s3.json']);
    expect(bundleIamActionCache({}, bundle, true)?.read('0.21.1-s3')).toEqual([['getobject', 'GetObject', 'Read']]);
    expect(bundleIamActionCache({ PLATFORM_IAM_CACHE: '0' }, bundle, true)).toBeUndefined();
    expect(bundleIamActionCache({}, bundle, false)).toBeUndefined();
    expect(bundleIamActionCache({})).toBeUndefined();
  });
});
