'use strict';
/**
 * Checks on the Dockerfile that the image cannot be built here to prove (no Docker engine):
 * a pinned base, a non-root numeric user, a health check, exec-form commands, a lean context.
 * (dockerfilelint 1.8 misreads ARG-based FROM and exec-form HEALTHCHECK, hence these instead.)
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const text = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
/** Instructions with continuation lines joined and comments dropped. */
const instructions = text
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
const args = Object.fromEntries(
  instructions.filter((i) => i.keyword === 'ARG' && i.args.includes('=')).map((i) => i.args.split(/=(.*)/s).slice(0, 2)),
);
const resolve = (value) => value.replace(/\$\{(\w+)\}/g, (_, name) => args[name] ?? '');
const last = (keyword) => instructions.filter((i) => i.keyword === keyword).at(-1);

describe('Dockerfile', () => {
  it('is multi-stage, every base pinned by digest, never latest', () => {
    const bases = instructions.filter((i) => i.keyword === 'FROM').map((i) => resolve(i.args.split(/\s+/)[0]));
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) {
      expect(base).toMatch(/^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
      expect(base).not.toMatch(/:latest\b/);
    }
    expect(text).not.toMatch(/:latest\b/);
  });

  it('runs as a numeric non-root user', () => {
    const user = last('USER').args;
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(user.split(':')[0]).not.toBe('0');
    // USER comes after every COPY/RUN of the final stage: nothing runs as root at run time.
    const finalStage = instructions.slice(instructions.map((i) => i.keyword).lastIndexOf('FROM'));
    const userAt = finalStage.findIndex((i) => i.keyword === 'USER');
    expect(finalStage.slice(userAt).some((i) => i.keyword === 'RUN')).toBe(false);
  });

  it('has a health check and exec-form commands (node gets SIGTERM directly)', () => {
    expect(last('HEALTHCHECK').args).toMatch(/CMD \["node", "src\/healthcheck\.js"\]$/);
    expect(JSON.parse(last('CMD').args)).toEqual(['node', 'src/main.js']);
    expect(last('STOPSIGNAL').args).toBe('SIGTERM');
  });

  it('ships files read-only and owned by root', () => {
    const copy = instructions.filter((i) => i.keyword === 'COPY').at(-1).args;
    expect(copy).toContain('--chown=root:root');
    // Read and enter, never write: --chmod also applies to the src/ directory itself.
    expect(copy).toContain('--chmod=0555');
  });

  it('keeps the build context to src/, without tests', () => {
    const ignore = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ignore).toEqual(['*', '!src/', 'src/**/*.spec.js']);
  });
});
