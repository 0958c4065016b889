'use strict';
/** Runs the real cleanup as a child process, as a scheduled ECS task would: one run, JSON logs, an exit code. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

function run(env) {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'cleanup.js')], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return { code: result.status, logs: result.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) };
}

describe('sample cleanup job', () => {
  let dir;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanup-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('removes files older than the retention, keeps the others, logs one JSON line and exits 0', () => {
    const old = path.join(dir, 'old.json');
    const recent = path.join(dir, 'recent.json');
    fs.writeFileSync(old, '{}');
    fs.writeFileSync(recent, '{}');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo);
    fs.mkdirSync(path.join(dir, 'nested'));

    const { code, logs } = run({ CLEANUP_DIR: dir, RETENTION_HOURS: '24' });
    expect(code).toBe(0);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'nested'))).toBe(true);
    expect(logs).toEqual([expect.objectContaining({ level: 'info', msg: 'cleanup finished', dir, retentionHours: 24, removed: 1, kept: 1, failed: [] })]);
  });

  it('refuses a bad RETENTION_HOURS with a JSON error line and exit code 1', () => {
    const { code, logs } = run({ CLEANUP_DIR: dir, RETENTION_HOURS: '0' });
    expect(code).toBe(1);
    expect(logs).toEqual([expect.objectContaining({ level: 'error', msg: 'cannot start', error: 'RETENTION_HOURS must be a positive whole number, got "0"' })]);
  });

  it('fails (exit 1) when the directory cannot be read', () => {
    const { code, logs } = run({ CLEANUP_DIR: path.join(dir, 'missing') });
    expect(code).toBe(1);
    expect(logs[0]).toMatchObject({ level: 'error', msg: 'cannot start' });
  });
});
