'use strict';
/**
 * Synthesis on a thread per core (apps/platform/src/synth-workers.ts, PLATFORM_SYNTH_WORKERS)
 * writes the same bytes as a serial run: every file of the output, the manifest included, and
 * the same messages and exit code when a definition is invalid. So do the other switches of
 * docs/performance.md (PLATFORM_SOURCE_MAPS, PLATFORM_TOKEN_STACK_TRACES, PLATFORM_RESOLVE_SHORTCUT,
 * PLATFORM_CODE_CACHE, PLATFORM_YAML_CACHE), in workers too.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { scaleWorkspace } = require('../bench/scale');

const repositoryRoot = path.resolve(__dirname, '../..');
const cli = path.join(repositoryRoot, 'tools/synth/cli.js');

/** Every file under dir, relative path to bytes. */
function files(dir) {
  const found = new Map();
  const visit = (at) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const file = path.join(at, entry.name);
      if (entry.isDirectory()) visit(file);
      else found.set(path.relative(dir, file), fs.readFileSync(file));
    }
  };
  visit(dir);
  return found;
}

describe('synthesis workers', () => {
  let workspace;
  let scratch;
  beforeAll(() => {
    // The committed environments, copied: 8 stacks, several for each of 3 threads (an explicit
    // PLATFORM_SYNTH_WORKERS is obeyed from 2 stacks on). Kept small: this runs in npm test.
    workspace = scaleWorkspace(repositoryRoot, 0).root;
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-workers-'));
  });
  afterAll(() => {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** Synthesizes with `workers` threads; records in `threads` which threads loaded the app. */
  function synth(workers, name, env = {}) {
    const outdir = path.join(scratch, name);
    const threads = path.join(scratch, `${name}.threads`);
    const hook = path.join(scratch, 'record-threads.js');
    // Each thread records its id and whether it was started through worker-entry.js (which hands
    // it the bundle to load through the code cache): workerData.bundle.
    fs.writeFileSync(
      hook,
      `const t = require('node:worker_threads'); require('node:fs').appendFileSync(${JSON.stringify(threads)}, t.threadId + ' ' + (t.isMainThread ? 'main' : t.workerData && t.workerData.bundle ? 'entry' : 'bundle') + '\\n');\n`,
    );
    const result = spawnSync(process.execPath, ['--require', hook, cli, 'synth', '--outdir', outdir], {
      cwd: workspace,
      env: { ...process.env, PLATFORM_WORKSPACE_ROOT: workspace, PLATFORM_SYNTH_WORKERS: String(workers), ...env },
      encoding: 'utf8',
    });
    const lines = fs.readFileSync(threads, 'utf8').trim().split('\n').map((line) => line.split(' '));
    const threadIds = lines.map(([id]) => id);
    const startedAs = [...new Set(lines.map(([, how]) => how))].sort();
    // The output directory's name is the only difference allowed in what is printed.
    const printed = (text) => text.split(name).join('<outdir>');
    return { status: result.status, stdout: printed(result.stdout), stderr: printed(result.stderr), files: files(outdir), threads: new Set(threadIds).size, startedAs };
  }

  function expectSame(serial, parallel) {
    expect({ status: parallel.status, stdout: parallel.stdout, stderr: parallel.stderr }).toEqual({ status: serial.status, stdout: serial.stdout, stderr: serial.stderr });
    expect([...parallel.files.keys()].sort()).toEqual([...serial.files.keys()].sort());
    for (const [file, bytes] of serial.files) expect({ file, same: bytes.equals(parallel.files.get(file)) }).toEqual({ file, same: true });
  }

  it('write every file byte for byte as a serial run, with 2 and 3 threads', () => {
    const serial = synth(1, 'serial');
    expect(serial.status).toBe(0);
    expect(serial.threads).toBe(1);
    expect([...serial.files.keys()]).toContain('manifest.json');
    expect([...serial.files.keys()].filter((file) => file.endsWith('cdk.tf.json')).length).toBeGreaterThanOrEqual(8);
    for (const workers of [2, 3]) {
      const parallel = synth(workers, `threads-${workers}`);
      expect(parallel.threads).toBe(workers);
      // The workers load the bundle as the main thread does, through the code cache.
      expect(parallel.startedAs).toEqual(['entry', 'main']);
      expectSame(serial, parallel);
    }
  });

  it('write the same bytes with source maps and token stack traces on (docs/performance.md switches)', () => {
    const serial = synth(1, 'switches-off');
    const switched = synth(2, 'switches-on', { PLATFORM_SOURCE_MAPS: '1', PLATFORM_TOKEN_STACK_TRACES: '1' });
    expect(switched.threads).toBe(2);
    expectSame(serial, switched);
  });

  it('write the same bytes with the resolve shortcut and the code cache off, as cdktf does on its own', () => {
    const serial = synth(1, 'shortcut-on');
    const off = synth(1, 'shortcut-off', { PLATFORM_RESOLVE_SHORTCUT: '0', PLATFORM_CODE_CACHE: '0' });
    expectSame(serial, off);
    const offInThreads = synth(2, 'shortcut-off-threads', { PLATFORM_RESOLVE_SHORTCUT: '0' });
    expect(offInThreads.threads).toBe(2);
    expectSame(serial, offInThreads);
  });

  it('write the same bytes with the IAM action lists read from the dataset, kept by threads, and taken from what they kept', () => {
    const dist = path.join(repositoryRoot, 'dist/platform');
    const keptLists = () =>
      fs
        .readdirSync(dist)
        .map((dir) => path.join(dist, dir, 'iam-actions'))
        .filter((dir) => fs.existsSync(dir));
    for (const dir of keptLists()) fs.rmSync(dir, { recursive: true, force: true });
    const off = synth(1, 'iam-cache-off', { PLATFORM_IAM_CACHE: '0' });
    expect(off.status).toBe(0);
    expect(keptLists()).toEqual([]);
    const cold = synth(2, 'iam-cache-cold');
    expect(cold.threads).toBe(2);
    const [kept] = keptLists();
    expect(fs.readdirSync(kept)).toEqual(expect.arrayContaining([expect.stringMatching(/-iam\.json$/), expect.stringMatching(/-s3\.json$/)]));
    const warm = synth(1, 'iam-cache-warm');
    for (const run of [cold, warm]) expectSame(off, run);
  });

  it('report an invalid definition as a serial run does, and write the other stacks the same', () => {
    const file = path.join(workspace, 'environments/dev/environment.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('cpu: 256', 'cpu: 300'));
    const serial = synth(1, 'invalid-serial');
    expect(serial.status).toBe(1);
    expect(serial.stderr).toContain('environments/dev/environment.yaml:');
    expect([...serial.files.keys()].some((name) => name.startsWith('stacks/dev/'))).toBe(false);
    const parallel = synth(2, 'invalid-threads');
    expect(parallel.threads).toBe(2);
    expectSame(serial, parallel);
  });

  it('read definitions the same from the parsed-YAML cache as from the text: same bytes, same located problems', () => {
    // A text no earlier run has seen (its own tag value), so the first run below parses it.
    const nonce = `cache-check-${process.pid}-${Date.now()}`;
    const file = path.join(workspace, 'environments/staging/environment.yaml');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/\ntags:\n/);
    fs.writeFileSync(file, text.replace(/\ntags:\n/, `\ntags:\n  CacheCheck: ${nonce}\n`).replace('cpu: 256', 'cpu: 300'));
    const cacheFiles = () =>
      fs
        .readdirSync(path.join(repositoryRoot, 'dist/platform'))
        .map((dir) => path.join(repositoryRoot, 'dist/platform', dir, 'parsed-yaml'))
        .filter((dir) => fs.existsSync(dir))
        .flatMap((dir) => fs.readdirSync(dir).map((name) => path.join(dir, name)))
        .filter((kept) => fs.readFileSync(kept, 'utf8').includes(nonce));
    expect(cacheFiles()).toEqual([]);
    const off = synth(1, 'yaml-cache-off', { PLATFORM_YAML_CACHE: '0' });
    expect(cacheFiles()).toEqual([]);
    expect(off.status).toBe(1);
    expect(off.stderr).toMatch(/environments\/staging\/environment\.yaml:\d+:\d+: services\[\d+\]\.cpu: 300 is not/);
    const cold = synth(1, 'yaml-cache-cold');
    expect(cacheFiles()).toHaveLength(1);
    const warm = synth(2, 'yaml-cache-warm');
    expect(warm.threads).toBe(2);
    for (const run of [cold, warm]) expectSame(off, run);
    fs.writeFileSync(file, text);
  });
});
