'use strict';
/**
 * Runs the real service as a child process on an ephemeral loopback port, as ECS would run it
 * (signals included), and checks health, logs and the SIGTERM drain.
 */
const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');

jest.setTimeout(30000);

const MAIN = path.join(__dirname, 'main.js');

/** Starts the service; resolves once it logged the port it listens on. */
function startService(env = {}) {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', APP_VERSION: 'test-1', ...env },
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
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const listening = logs.find((entry) => entry.msg === 'listening');
      if (listening) {
        clearInterval(timer);
        resolve(listening.port);
      }
    }, 10);
    exited.then(() => {
      clearInterval(timer);
      reject(new Error('service exited before listening'));
    });
  });
  return { child, logs, exited, ready };
}

/** GET on a fresh connection; resolves with status, headers and parsed body. */
function get(port, urlPath, agent) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, agent }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: JSON.parse(body) }));
      })
      .on('error', reject);
  });
}

describe('sample service', () => {
  let service;
  afterEach(async () => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
  });

  it('answers /healthz and / on the configured port', async () => {
    service = startService();
    const port = await service.ready;
    expect(port).toBeGreaterThan(0);
    expect(await get(port, '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(port, '/')).toMatchObject({ status: 200, body: { service: 'sample-service', version: 'test-1' } });
    expect(await get(port, '/nope')).toMatchObject({ status: 404 });
  });

  it('logs one JSON line per request', async () => {
    service = startService();
    const port = await service.ready;
    await get(port, '/healthz?probe=1');
    await get(port, '/nope');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requests = service.logs.filter((entry) => entry.msg === 'request');
    expect(requests).toEqual([
      expect.objectContaining({ level: 'info', method: 'GET', path: '/healthz', status: 200, durationMs: expect.any(Number), time: expect.any(String) }),
      expect.objectContaining({ method: 'GET', path: '/nope', status: 404 }),
    ]);
  });

  it('on SIGTERM fails its health check, finishes requests in flight, then exits 0', async () => {
    service = startService();
    const port = await service.ready;
    const agent = new http.Agent({ keepAlive: true });
    await get(port, '/healthz', agent); // an idle keep-alive connection must not hold shutdown up
    const slow = get(port, '/delay?ms=800');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalled = Date.now();
    service.child.kill('SIGTERM');
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: { delayedMs: 800 } });
    expect(answer.headers.connection).toBe('close');
    const { code } = await service.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(service.logs.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    agent.destroy();
  });

  it('stops accepting new connections once draining', async () => {
    service = startService();
    const port = await service.ready;
    const slow = get(port, '/delay?ms=600');
    await new Promise((resolve) => setTimeout(resolve, 100));
    service.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(get(port, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
    await slow;
    expect((await service.exited).code).toBe(0);
  });

  it('gives up draining after SHUTDOWN_TIMEOUT_MS and exits 1', async () => {
    service = startService({ SHUTDOWN_TIMEOUT_MS: '300' });
    const port = await service.ready;
    const stuck = get(port, '/delay?ms=5000').catch(() => 'reset');
    await new Promise((resolve) => setTimeout(resolve, 100));
    service.child.kill('SIGTERM');
    expect((await service.exited).code).toBe(1);
    expect(await stuck).toBe('reset');
    expect(service.logs.some((entry) => entry.msg === 'drain timed out, closing remaining connections')).toBe(true);
  });

  it('refuses a bad PORT with a JSON error line', async () => {
    service = startService({ PORT: 'eighty' });
    await expect(service.ready).rejects.toThrow('exited before listening');
    expect((await service.exited).code).toBe(1);
    expect(service.logs).toEqual([expect.objectContaining({ level: 'error', msg: 'cannot start', error: 'PORT must be a whole number, got "eighty"' })]);
  });
});
