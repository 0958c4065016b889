import type { FileProblem } from '@ecs-platform/environment-definition';
import { App } from 'cdktf';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyStackPolicy, type StackPolicyOptions } from './policy';
import { type PlannedStack, planStacks } from './stack-plan';
import { loadWorkspace } from './workspace';

export interface SynthOptions {
  /** Workspace root (holds environments/ and apps/). */
  readonly root: string;
  /** Output directory, `cdktf.out` by convention. */
  readonly outdir: string;
  /** Stacks to synthesize. @default every stack */
  readonly stacks?: readonly string[];
  /** The policy pack on every stack (docs/policy.md). @default enforce: a violation stops synthesis */
  readonly policy?: StackPolicyOptions;
}

export interface SynthResult {
  readonly synthesized: readonly string[];
  /** Stacks not written because their definitions are invalid. */
  readonly invalid: readonly string[];
  readonly problems: readonly FileProblem[];
}

export class UnknownStackError extends Error {}

interface Manifest {
  version: string;
  stacks: Record<string, unknown>;
}

/**
 * Synthesizes the selected stacks into `<outdir>/stacks/<name>/cdk.tf.json`.
 *
 * Each stack is written into a staging directory first and then renamed into place, so an
 * interrupted run never leaves a half-written stack. An invalid stack's previous output is
 * removed rather than left behind, so nothing stale can be deployed by mistake.
 */
export function synthesize(options: SynthOptions): SynthResult {
  const workspace = loadWorkspace(options.root);
  const planned = planStacks(workspace);
  const selected = select(planned, options.stacks);
  const problems = unique(selected.flatMap((stack) => stack.problems));
  const buildable = selected.filter((stack) => stack.problems.length === 0 && stack.build);
  const invalid = selected.filter((stack) => !buildable.includes(stack)).map((stack) => stack.name);

  const outdir = path.resolve(options.outdir);
  const staging = path.join(outdir, `.staging-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    let stagedManifest: Manifest = { version: '', stacks: {} };
    if (buildable.length > 0 && workspace.settings) {
      // Stack traces in construct metadata cost time on every resource and are not used.
      const app = new App({ outdir: staging, stackTraces: false });
      for (const stack of buildable) {
        stack.build?.(app, workspace.settings);
        applyStackPolicy(app, stack, workspace, options.policy);
      }
      app.synth();
      stagedManifest = readManifest(staging) ?? stagedManifest;
    }
    withLock(outdir, () => publish(outdir, staging, stagedManifest, {
      written: buildable.map((stack) => stack.name),
      removed: invalid,
      // A full synthesis also drops stacks whose definitions were deleted.
      keepOthers: options.stacks !== undefined,
    }));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { synthesized: buildable.map((stack) => stack.name), invalid, problems };
}

/** Selects stacks by name; a trailing `*` matches a prefix (`bootstrap-*`). */
function select(planned: PlannedStack[], patterns: readonly string[] | undefined): PlannedStack[] {
  if (!patterns) return planned;
  const matches = (pattern: string, name: string): boolean =>
    pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
  const unknown = patterns.filter((pattern) => !pattern.endsWith('*') && !planned.some((s) => s.name === pattern));
  if (unknown.length > 0) {
    throw new UnknownStackError(
      `unknown stack ${unknown.map((n) => `"${n}"`).join(', ')}; stacks: ${planned.map((s) => s.name).join(', ')}`,
    );
  }
  return planned.filter((stack) => patterns.some((pattern) => matches(pattern, stack.name)));
}

function unique(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.file}\u0000${problem.path.join('.')}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, 'manifest.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : undefined;
}

/**
 * Serialises publishing between processes (Nx runs dev:synth and prod:synth in parallel and
 * both rewrite manifest.json). mkdir is atomic; a lock older than a minute is from a crash.
 */
function withLock<T>(outdir: string, action: () => T): T {
  const lock = path.join(outdir, '.publish-lock');
  fs.mkdirSync(outdir, { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      const age = held ? Date.now() - held.mtimeMs : 0;
      if (age > 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${lock} is held by another synthesis; remove it if none runs`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return action();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

interface PublishPlan {
  written: string[];
  removed: string[];
  keepOthers: boolean;
}

/** Moves staged stacks into place and rewrites the manifest so that it lists what is there. */
function publish(outdir: string, staging: string, staged: Manifest, plan: PublishPlan): void {
  const stacksDir = path.join(outdir, 'stacks');
  fs.mkdirSync(stacksDir, { recursive: true });
  const previous = readManifest(outdir);
  const stacks: Record<string, unknown> = plan.keepOthers ? { ...(previous?.stacks ?? {}) } : {};
  const drop = plan.keepOthers
    ? plan.removed
    : fs.readdirSync(stacksDir).filter((name) => !plan.written.includes(name) || plan.removed.includes(name));
  for (const name of drop) {
    fs.rmSync(path.join(stacksDir, name), { recursive: true, force: true });
    delete stacks[name];
  }
  for (const name of plan.written) {
    const target = path.join(stacksDir, name);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(path.join(staging, 'stacks', name), target);
    stacks[name] = staged.stacks[name];
  }
  const manifest: Manifest = { version: staged.version || previous?.version || '', stacks: sortKeys(stacks) };
  const temporary = path.join(outdir, `.manifest-${process.pid}.json`);
  fs.writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(temporary, path.join(outdir, 'manifest.json'));
}

function sortKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
