/**
 * A thread per core for synthesis (docs/performance.md). Every stack is built in an app of its
 * own (synthesize.ts), so stacks can be built on several threads at once: the main thread
 * builds stacks as in a serial run, and each worker thread runs the same bundle, loads the
 * workspace itself and builds the stacks it is handed into the synthesis' staging directory.
 * The main thread collects each stack's manifest entry and publishes everything as a serial
 * run does, in the same order: the output is byte-identical to a serial run
 * (tools/synth/workers.spec.js compares every file).
 *
 * The main thread never yields to its event loop: it polls the workers' ports between two of its
 * own stacks (receiveMessageOnPort), and once it has no stack left it waits on a shared counter
 * the workers bump (Atomics.wait), so that `synthesize` stays a plain function.
 *
 * `PLATFORM_SYNTH_WORKERS`, the number of threads that build stacks, the main one included:
 * unset or `auto`, one per idle core (the cores less the load average) once there are enough
 * stacks for a worker to pay (its start-up, loading the app and the workspace, costs what a
 * dozen stacks do); `1` (or `0`), serial;
 * `<n>`, n threads (n - 1 workers) whenever there are at least n stacks to build.
 * Workers need the bundle (tools/synth/cli.js): under ts-node or Jest synthesis is serial.
 */
import * as os from 'node:os';
import { isMainThread, MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';

export const SYNTH_WORKERS_VARIABLE = 'PLATFORM_SYNTH_WORKERS';

/** `auto` adds a worker per this many stacks to build, up to the number of cores. */
const STACKS_PER_WORKER = 12;

/** Gives up when no worker has answered for this long (a worker that died without a word). */
const SILENCE_LIMIT_MS = 300_000;

const MARK = 'ecs-platform.synth-worker';

export interface WorkerPool {
  /** The script each worker runs: the bundle this code is part of. */
  readonly script: string;
  /** Threads that build stacks, this one included (count - 1 workers). */
  readonly count: number;
}

/**
 * The pool for `jobs` stacks under `env`, or undefined for a serial run. Throws on a value of
 * PLATFORM_SYNTH_WORKERS that is no count.
 */
export function synthWorkers(
  jobs: number,
  env: NodeJS.ProcessEnv = process.env,
  script: string | undefined = bundleScript(),
  cores: number = idleCores(),
): WorkerPool | undefined {
  const value = (env[SYNTH_WORKERS_VARIABLE] ?? '').trim();
  let count: number;
  if (value === '' || value === 'auto') {
    count = Math.min(cores, 1 + Math.floor(jobs / STACKS_PER_WORKER));
  } else if (/^\d+$/.test(value)) {
    count = Math.min(Number(value), jobs);
  } else {
    throw new Error(`${SYNTH_WORKERS_VARIABLE} must be "auto" or a number of worker threads, got "${value}"`);
  }
  if (count < 2 || !script) return undefined;
  return { script, count };
}

/**
 * Cores no other process keeps busy: the cores less the last minute's load average. On a
 * machine already busy (Nx running two synths at once, other jobs) a worker only adds its
 * start-up to the work and contends for the same cores: measured slower than serial
 * (docs/performance.md).
 */
function idleCores(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores - Math.floor(os.loadavg()[0]));
}

/** This bundle's file, when this code runs from one (in a bundle every module's __filename is the bundle). */
function bundleScript(): string | undefined {
  return __filename.endsWith('.js') ? __filename : undefined;
}

interface WorkerData<Setup> {
  readonly [MARK]: true;
  readonly setup: Setup;
  readonly port: MessagePort;
  readonly signal: Int32Array;
}

type FromWorker<Result> = { kind: 'ready' } | { kind: 'done'; job: string; result: Result } | { kind: 'fatal'; message: string };
type ToWorker = { kind: 'job'; job: string } | { kind: 'stop' };

/** Jobs handed to a worker ahead, so that it never waits for the main thread's current stack. */
const AHEAD = 2;

/**
 * Runs every job: on this thread (`runHere`) and on `pool.count - 1` worker threads, each
 * started with `setup`. This thread starts building at once; a worker gets jobs from when it
 * has loaded (AHEAD at a time). Returns the results in the order of `jobs`, whatever order
 * they finish in. Blocks until all are done.
 */
export function runOnThreads<Setup, Result>(pool: WorkerPool, setup: Setup, jobs: readonly string[], runHere: (job: string) => Result): Result[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from({ length: pool.count - 1 }, () => {
    const { port1, port2 } = new MessageChannel();
    const data: WorkerData<Setup> = { [MARK]: true, setup, port: port2, signal };
    // Started through tools/synth/code-cache.js, the bundle names the entry that loads it the same
    // way, with V8's code cache; otherwise the worker runs the bundle itself.
    const entry = (globalThis as Record<symbol, unknown>)[Symbol.for('ecs-platform.bundle-worker-entry')];
    const worker =
      typeof entry === 'string'
        ? new Worker(entry, { workerData: { ...data, bundle: pool.script }, transferList: [port2] })
        : new Worker(pool.script, { workerData: data, transferList: [port2] });
    worker.unref();
    return { worker, port: port1, ready: false, handed: 0 };
  });
  const results = new Map<string, Result>();
  let next = 0;
  const collect = (): boolean => {
    let heard = false;
    for (const entry of workers) {
      for (let message = receiveMessageOnPort(entry.port); message; message = receiveMessageOnPort(entry.port)) {
        heard = true;
        const received = message.message as FromWorker<Result>;
        if (received.kind === 'fatal') throw new Error(`synthesis worker failed: ${received.message}`);
        if (received.kind === 'ready') entry.ready = true;
        if (received.kind === 'done') {
          results.set(received.job, received.result);
          entry.handed--;
        }
      }
      while (entry.ready && entry.handed < AHEAD && next < jobs.length) {
        entry.port.postMessage({ kind: 'job', job: jobs[next++] } satisfies ToWorker);
        entry.handed++;
      }
    }
    return heard;
  };
  try {
    let lastHeard = Date.now();
    while (results.size < jobs.length) {
      const seen = Atomics.load(signal, 0);
      if (collect()) lastHeard = Date.now();
      if (next < jobs.length) {
        const job = jobs[next++];
        results.set(job, runHere(job));
      } else if (results.size < jobs.length) {
        if (Date.now() - lastHeard > SILENCE_LIMIT_MS) throw new Error(`no synthesis worker answered for ${SILENCE_LIMIT_MS / 1000} s`);
        Atomics.wait(signal, 0, seen, 1000);
      }
    }
  } finally {
    for (const entry of workers) {
      entry.port.postMessage({ kind: 'stop' } satisfies ToWorker);
      entry.port.close();
    }
  }
  return jobs.map((job) => results.get(job) as Result);
}

/** True in a thread that runOnThreads started. */
export function isSynthWorker(): boolean {
  return !isMainThread && typeof workerData === 'object' && workerData !== null && (workerData as Partial<WorkerData<unknown>>)[MARK] === true;
}

/**
 * The worker's side: `start(setup)` once (load the workspace), then `run(job)` for each job
 * handed out, until told to stop. An exception of `start` or `run` is reported to the main
 * thread, which fails the synthesis with it (`run` should catch what belongs to one stack).
 */
export function serveAsWorker<Setup, Result>(start: (setup: Setup) => (job: string) => Result): void {
  const { setup, port, signal } = workerData as WorkerData<Setup>;
  const send = (message: FromWorker<Result>): void => {
    port.postMessage(message);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  let run: (job: string) => Result;
  try {
    run = start(setup);
  } catch (error) {
    send({ kind: 'fatal', message: (error as Error).stack ?? String(error) });
    port.close();
    return;
  }
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'stop') {
      port.close();
      return;
    }
    try {
      send({ kind: 'done', job: message.job, result: run(message.job) });
    } catch (error) {
      send({ kind: 'fatal', message: (error as Error).stack ?? String(error) });
    }
  });
  send({ kind: 'ready' });
}
