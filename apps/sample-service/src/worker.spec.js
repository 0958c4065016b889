'use strict';
/** Runs the real worker as a child process, as ECS would: heartbeat, JSON logs, SIGTERM. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

jest.setTimeout(30000);

function startWorker(env) {
  const child = spawn(process.execPath, [path.join(__dirname, 'worker.js')], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = [];
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) logs.push(JSON.parse(line)); // every line must be JSON
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, logs, exited };
}

async function until(condition) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('sample worker', () => {
  let dir;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('touches its heartbeat file on every unit of work and logs JSON', async () => {
    const heartbeat = path.join(dir, 'heartbeat');
    const worker = startWorker({ TICK_MS: '20', HEARTBEAT_FILE: heartbeat });
    await until(() => worker.logs.filter((entry) => entry.msg === 'processed').length >= 3);
    const first = fs.statSync(heartbeat).mtimeMs;
    await until(() => worker.logs.filter((entry) => entry.msg === 'processed').length >= 6);
    expect(fs.statSync(heartbeat).mtimeMs).toBeGreaterThanOrEqual(first);
    expect(worker.logs[0]).toMatchObject({ level: 'info', msg: 'worker started', tickMs: 20, queue: 'none' });
    worker.child.kill('SIGTERM');
    await worker.exited;
  });

  it('exits 0 promptly on SIGTERM', async () => {
    const worker = startWorker({ TICK_MS: '60000', HEARTBEAT_FILE: path.join(dir, 'heartbeat') });
    await until(() => worker.logs.some((entry) => entry.msg === 'processed'));
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.logs.at(-1)).toMatchObject({ msg: 'stopped', signal: 'SIGTERM', units: 1 });
  });

  it('refuses a bad TICK_MS with a JSON error line', async () => {
    const worker = startWorker({ TICK_MS: 'soon', HEARTBEAT_FILE: path.join(dir, 'heartbeat') });
    expect((await worker.exited).code).toBe(1);
    expect(worker.logs).toEqual([expect.objectContaining({ level: 'error', msg: 'cannot start', error: 'TICK_MS must be a positive whole number, got "soon"' })]);
  });
});
