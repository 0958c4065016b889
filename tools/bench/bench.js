#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: how fast the main jobs are, in figures, measured side by side in one run
 * (docs/performance.md explains them). Figures, not assertions: tests never time things.
 *
 *   npm run bench [-- --environments <n>] [--stack <name>] [--runs <k>] [--skip-tests] [--check]
 *
 *  1. start-up floor: a bare `node -e 0`;
 *  2. the committed workspace: every stack the project's way (esbuild bundle + node), median of
 *     --runs (default 5), peak memory, time per stack; one stack (--stack, default staging);
 *     `validate` of every definition; the same synthesis the CDKTF template's way
 *     (`npx ts-node`), once, and the ratio;
 *  3. the CDKTF CLI: `npx cdktf synth` (cdktf.json runs the same app) against the app alone,
 *     and what a diff or deploy of one stack pays before Terraform starts, the CLI's way and
 *     the Nx target's way;
 *  4. with --environments n: a temporary copy of the workspace with n environments (copies of
 *     staging, tools/bench/scale.js): all stacks (auto, serial, a thread per core), one stack,
 *     validate, `nx run-many -t synth` uncached and its cached rerun, and the growth per added
 *     environment against the committed workspace;
 *  5. `npm test`, and its rerun with the Nx cache warm (--skip-tests leaves both out).
 *
 * The product's speed targets on the 2-core reference machine are printed at the end, met or
 * missed with the figures; --check exits 1 when one is missed.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { scaleWorkspace } = require('./scale');

const root = path.resolve(__dirname, '../..');

/** A bad command line: said in one line, exit code 2. */
class UsageError extends Error {}

function parseArgs(argv) {
  const options = { environments: 0, stack: 'staging', runs: 5, skipTests: false, check: false };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--environments') options.environments = Number(value);
    else if (argv[i] === '--stack') options.stack = value;
    else if (argv[i] === '--runs') options.runs = Number(value);
    else if (argv[i] === '--skip-tests') options.skipTests = true;
    else if (argv[i] === '--check') options.check = true;
    else throw new UsageError(`unknown argument ${argv[i]}; usage: bench [--environments <n>] [--stack <name>] [--runs <k>] [--skip-tests] [--check]`);
    if (['--environments', '--stack', '--runs'].includes(argv[i])) {
      if (value === undefined) throw new UsageError(`${argv[i]} needs a value`);
      i++;
    }
  }
  if (!Number.isInteger(options.environments) || options.environments < 0) throw new UsageError('--environments takes a whole number');
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new UsageError('--runs takes a whole number from 1');
  return options;
}

/**
 * Runs a command once, returning wall seconds, the peak RSS (MB) of its Node processes (worker
 * threads included: they share their process's memory) and how many stacks it wrote into {out}.
 */
function measure(command, commandArgs, { cwd = root, env = {}, allowFailure = false } = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const rssFile = path.join(scratch, 'rss');
  const out = path.join(scratch, 'out');
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs.map((a) => a.replace('{out}', out)), {
    cwd,
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(__dirname, 'max-rss.js')}`.trim(),
      BENCH_RSS_FILE: rssFile,
      CHECKPOINT_DISABLE: '1',
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      ...env,
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`${command} ${commandArgs.join(' ')} failed (${result.status}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-4000)}`);
  }
  const peaks = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').map(Number) : [0];
  const stacks = fs.existsSync(path.join(out, 'stacks')) ? fs.readdirSync(path.join(out, 'stacks')).length : 0;
  fs.rmSync(scratch, { recursive: true, force: true });
  return { seconds, megabytes: Math.max(...peaks) / 1024 / 1024, stacks, status: result.status };
}

/** `runs` runs after one warm-up: median seconds, the highest peak memory. */
function repeat(runs, command, commandArgs, options) {
  measure(command, commandArgs, options);
  const all = Array.from({ length: runs }, () => measure(command, commandArgs, options));
  const sorted = all.map((r) => r.seconds).sort((a, b) => a - b);
  return { seconds: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], megabytes: Math.max(...all.map((r) => r.megabytes)), stacks: all[0].stacks };
}

function line(label, value) {
  console.log(`  ${label.padEnd(58)} ${value}`);
}

const s = (seconds) => `${seconds.toFixed(2)} s`;
const mb = (megabytes) => `${megabytes.toFixed(0)} MB`;
const spread = (r) => (r.max !== undefined && r.max !== r.min ? ` (${r.min.toFixed(2)}-${r.max.toFixed(2)})` : '');
const perStack = (r) => (r.stacks > 0 ? `, ${((r.seconds / r.stacks) * 1000).toFixed(0)} ms per stack` : '');

/** The figures of one workspace: all stacks, one stack, validate. */
function workspaceFigures(cwd, options, env = {}) {
  const synthArgs = [path.join(cwd, 'tools/synth/cli.js'), 'synth', '--outdir', '{out}'];
  const all = repeat(options.runs, 'node', synthArgs, { cwd, env });
  const one = repeat(options.runs, 'node', [...synthArgs, '--stack', options.stack], { cwd, env });
  const validate = repeat(options.runs, 'node', [path.join(cwd, 'tools/synth/cli.js'), 'validate'], { cwd, env });
  return { all, one, validate };
}

function printFigures(title, figures, environments) {
  console.log(`\n${title}`);
  line(`synth, all ${figures.all.stacks} stacks (${environments} environments), auto, median`, `${s(figures.all.seconds)}${spread(figures.all)}, peak ${mb(figures.all.megabytes)}${perStack(figures.all)}`);
  if (figures.serial) line(`synth, all stacks, serial (PLATFORM_SYNTH_WORKERS=1)`, `${s(figures.serial.seconds)}${spread(figures.serial)}, peak ${mb(figures.serial.megabytes)}${perStack(figures.serial)}`);
  if (figures.threads) line(`synth, all stacks, a thread per core (PLATFORM_SYNTH_WORKERS=${os.availableParallelism?.() ?? os.cpus().length})`, `${s(figures.threads.seconds)}${spread(figures.threads)}, peak ${mb(figures.threads.megabytes)}${perStack(figures.threads)}`);
  line(`synth --stack ${figures.stackName}`, `${s(figures.one.seconds)}${spread(figures.one)}, peak ${mb(figures.one.megabytes)}`);
  line('validate (every definition)', `${s(figures.validate.seconds)}${spread(figures.validate)}, peak ${mb(figures.validate.megabytes)}`);
}

function timeNpmTest() {
  const start = process.hrtime.bigint();
  const test = spawnSync('npm', ['test'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, status: test.status };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const committedEnvironments = fs.readdirSync(path.join(root, 'environments')).filter((name) => fs.existsSync(path.join(root, 'environments', name, 'environment.yaml'))).length;
  if (options.environments > 0 && options.environments <= committedEnvironments) {
    // Said before anything is measured: the scale section would silently be missing.
    throw new UsageError(`--environments ${options.environments}: the workspace has ${committedEnvironments} environments already; give more (the scale workspace adds copies of staging)`);
  }
  console.log(`Benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const targets = [];
  const target = (label, met, figures) => targets.push({ label, met, figures });

  const floor = repeat(options.runs, 'node', ['-e', '0']);
  console.log('\nStart-up floor');
  line('node -e 0', `${s(floor.seconds)}${spread(floor)}, peak ${mb(floor.megabytes)}`);

  const base = { ...workspaceFigures(root, options), stackName: options.stack };
  const slow = measure('npx', ['ts-node', '-r', 'tsconfig-paths/register', '-P', 'tsconfig.json', 'apps/platform/src/cli.ts', 'synth', '--outdir', '{out}']);
  printFigures('Committed workspace', base, committedEnvironments);
  line(`synth, all stacks, CDKTF template's way (npx ts-node), once`, `${s(slow.seconds)}, peak ${mb(slow.megabytes)}`);
  const speedup = slow.seconds / base.all.seconds;
  line('speed-up over ts-node', `${speedup.toFixed(1)}x`);
  target(`all ${base.all.stacks} stacks >= 15x faster than ts-node`, speedup >= 15, `${speedup.toFixed(1)}x (${s(base.all.seconds)} against ${s(slow.seconds)})`);
  const validateOverFloor = base.validate.seconds - floor.seconds;
  target('validate within 0.2 s of node -e 0', validateOverFloor <= 0.2, `+${s(validateOverFloor)} (${s(base.validate.seconds)} against ${s(floor.seconds)})`);

  // The CDKTF CLI runs the same app (cdktf.json "app"), then reads the manifest.
  const cli = measure('npx', ['cdktf', 'synth', '--output', '{out}'], { env: { CI: '1', FORCE_COLOR: '0' } });
  console.log('\nCDKTF CLI');
  line('npx cdktf synth (all stacks)', `${s(cli.seconds)}, peak ${mb(cli.megabytes)}`);
  line('its overhead over the app alone', `${s(cli.seconds - base.all.seconds)}`);
  // What a diff or deploy of one stack pays before Terraform starts: `cdktf diff <stack>`
  // synthesizes every stack through the CLI; `nx run <stack>:diff` runs that stack's `synth`
  // target (written to cdktf.out, as the target always does), then Terraform. Terraform itself
  // needs the account's credentials, so neither is timed past that point.
  const nxOne = measure('npx', ['nx', 'run', `${options.stack}:synth`, '--skip-nx-cache', '--outputStyle=static']);
  line(`before Terraform: cdktf diff/deploy ${options.stack}`, `${s(cli.seconds)} (the CLI synthesizes every stack)`);
  line(`before Terraform: nx run ${options.stack}:diff/deploy`, `${s(nxOne.seconds)} (that stack's synth target, Nx cache skipped), peak ${mb(nxOne.megabytes)}`);

  if (options.environments > committedEnvironments) {
    const scaled = scaleWorkspace(root, options.environments);
    try {
      const figures = { ...workspaceFigures(scaled.root, options), stackName: options.stack };
      const synthAll = [path.join(scaled.root, 'tools/synth/cli.js'), 'synth', '--outdir', '{out}'];
      figures.serial = repeat(options.runs, 'node', synthAll, { cwd: scaled.root, env: { PLATFORM_SYNTH_WORKERS: '1' } });
      figures.threads = repeat(options.runs, 'node', synthAll, { cwd: scaled.root, env: { PLATFORM_SYNTH_WORKERS: String(os.availableParallelism?.() ?? os.cpus().length) } });
      printFigures(`Scale: ${scaled.environments} environments (${scaled.added} copies of staging, ${scaled.root})`, figures, scaled.environments);
      const nxArgs = ['nx', 'run-many', '-t', 'synth', '--parallel=2', '--outputStyle=static'];
      const nxFirst = measure('npx', nxArgs, { cwd: scaled.root });
      const nxCached = measure('npx', nxArgs, { cwd: scaled.root });
      line('nx run-many -t synth, cache empty (a process per project)', `${s(nxFirst.seconds)}, peak ${mb(nxFirst.megabytes)}`);
      line('nx run-many -t synth, cached rerun', `${s(nxCached.seconds)}, peak ${mb(nxCached.megabytes)}`);
      const added = scaled.environments - committedEnvironments;
      const growth = (a, b) => `${(((b.seconds - a.seconds) / added) * 1000).toFixed(0)} ms`;
      console.log(`\nGrowth per added environment (${committedEnvironments} -> ${scaled.environments} environments)`);
      line('synth, all stacks', growth(base.all, figures.all));
      line('synth, all stacks, serial', growth(base.all, figures.serial));
      line('synth, all stacks, a thread per core', growth(base.all, figures.threads));
      line(`synth --stack ${options.stack}`, growth(base.one, figures.one));
      line('validate', growth(base.validate, figures.validate));
      line('peak memory, all stacks', `${((figures.all.megabytes - base.all.megabytes) / added).toFixed(1)} MB`);
      const ratio = figures.one.seconds / base.one.seconds;
      target(`one stack from ${scaled.environments} environments <= 1.5x one from ${committedEnvironments}`, ratio <= 1.5, `${ratio.toFixed(2)}x (${s(figures.one.seconds)} against ${s(base.one.seconds)})`);
      const best = [figures.all, figures.serial, figures.threads].sort((a, b) => a.seconds - b.seconds)[0];
      target(`${scaled.environments} environments in <= 6 s and <= 500 MB (fastest setting)`, best.seconds <= 6 && best.megabytes <= 500, `${s(best.seconds)}, ${mb(best.megabytes)}`);
    } finally {
      fs.rmSync(scaled.root, { recursive: true, force: true });
    }
  }

  if (!options.skipTests) {
    console.log('\nnpm test');
    const first = timeNpmTest();
    line('npm test (wall)', `${first.seconds.toFixed(0)} s${first.status === 0 ? '' : ` (FAILED, exit ${first.status})`}`);
    const rerun = timeNpmTest();
    line('npm test again (Nx cache warm)', `${rerun.seconds.toFixed(0)} s${rerun.status === 0 ? '' : ` (FAILED, exit ${rerun.status})`}`);
    target('npm test <= 4 min', first.seconds <= 240 && first.status === 0, `${first.seconds.toFixed(0)} s`);
  }

  console.log('\nTargets (the 2-core reference machine)');
  for (const t of targets) line(t.label, `${t.met ? 'met' : 'MISSED'}: ${t.figures}`);
  if (options.check && targets.some((t) => !t.met)) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}`);
  process.exitCode = 2;
}
