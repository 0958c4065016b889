#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: how fast the main job is, in figures.
 *
 *  1. synthesizing every stack the project's way (esbuild bundle + node), median of 5 runs,
 *     with peak memory;
 *  2. the same entry point run the CDKTF template's default way (`npx ts-node`), once;
 *  3. the ratio of the two;
 *  4. the wall time of `npm test` (skip with --skip-tests).
 *
 * Targets on the 2-core reference machine: (1) under 1.5 s and 300 MB, (3) at least 5x.
 * `--check` exits 1 when a target is missed. Figures, not assertions: tests never time things.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const args = new Set(process.argv.slice(2));
const TARGETS = { seconds: 1.5, megabytes: 300, speedup: 5 };

/** Runs a command, returning wall seconds and the peak RSS (MB) of its Node processes. */
function measure(command, commandArgs) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const rssFile = path.join(scratch, 'rss');
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(__dirname, 'max-rss.js')}`.trim(),
    BENCH_RSS_FILE: rssFile,
    CHECKPOINT_DISABLE: '1',
  };
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs.map((a) => a.replace('{out}', path.join(scratch, 'out'))), {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} failed (${result.status}):\n${result.stderr}`);
  }
  const peaks = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').map(Number) : [0];
  const stacks = fs.existsSync(path.join(scratch, 'out/stacks')) ? fs.readdirSync(path.join(scratch, 'out/stacks')).length : 0;
  fs.rmSync(scratch, { recursive: true, force: true });
  return { seconds, megabytes: Math.max(...peaks) / 1024 / 1024, stacks };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function line(label, value) {
  console.log(`${label.padEnd(46)} ${value}`);
}

function main() {
  console.log(`Benchmark on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);

  measure('node', ['tools/synth/cli.js', 'synth', '--outdir', '{out}']); // warm the file cache
  const runs = Array.from({ length: 5 }, () => measure('node', ['tools/synth/cli.js', 'synth', '--outdir', '{out}']));
  const fast = { seconds: median(runs.map((r) => r.seconds)), megabytes: Math.max(...runs.map((r) => r.megabytes)), stacks: runs[0].stacks };
  line(`synth, project's way (${fast.stacks} stacks, median of 5)`, `${fast.seconds.toFixed(2)} s, peak ${fast.megabytes.toFixed(0)} MB`);

  const slow = measure('npx', ['ts-node', '-r', 'tsconfig-paths/register', '-P', 'tsconfig.json', 'apps/platform/src/cli.ts', 'synth', '--outdir', '{out}']);
  line(`synth, CDKTF template's way (npx ts-node)`, `${slow.seconds.toFixed(2)} s, peak ${slow.megabytes.toFixed(0)} MB`);
  const speedup = slow.seconds / fast.seconds;
  line('speed-up', `${speedup.toFixed(1)}x`);

  const missed = [];
  if (fast.seconds >= TARGETS.seconds) missed.push(`synth ${fast.seconds.toFixed(2)} s >= ${TARGETS.seconds} s`);
  if (fast.megabytes >= TARGETS.megabytes) missed.push(`peak ${fast.megabytes.toFixed(0)} MB >= ${TARGETS.megabytes} MB`);
  if (speedup < TARGETS.speedup) missed.push(`speed-up ${speedup.toFixed(1)}x < ${TARGETS.speedup}x`);

  if (!args.has('--skip-tests')) {
    const start = process.hrtime.bigint();
    const test = spawnSync('npm', ['test'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    line('npm test (wall)', `${seconds.toFixed(0)} s${test.status === 0 ? '' : ` (FAILED, exit ${test.status})`}`);
  }

  console.log(`\nTargets: synth < ${TARGETS.seconds} s and < ${TARGETS.megabytes} MB, >= ${TARGETS.speedup}x faster than ts-node: ${missed.length === 0 ? 'met' : `MISSED (${missed.join('; ')})`}`);
  if (args.has('--check') && missed.length > 0) process.exitCode = 1;
}

main();
