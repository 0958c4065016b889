import { type FileProblem, formatProblem } from '@ecs-platform/environment-definition';
import { PolicyViolationError, type StackReport } from '@ecs-platform/policy';
import { App, TerraformStack } from 'cdktf';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { byCodeUnits } from './code-unit-order';
import { applyStackPolicy, type StackPolicyOptions } from './policy';
import { type PlannedStack, planStacks } from './stack-plan';
import { runOnThreads, serveAsWorker, synthWorkers } from './synth-workers';
import { RESOLVE_SHORTCUT_VARIABLE, synthResolvingOnce } from './validated-terraform';
import { loadWorkspace, type Workspace } from './workspace';

export interface SynthOptions {
  /** Workspace root (holds environments/ and apps/). */
  readonly root: string;
  /** Output directory, `cdktf.out` by convention. */
  readonly outdir: string;
  /** Stacks to synthesize: names, or prefixes ending in `*`. @default every stack */
  readonly stacks?: readonly string[];
  /** The policy pack on every stack (docs/policy.md). @default enforce: a violation stops that stack */
  readonly policy?: StackPolicyOptions;
  /**
   * What an invalid stack leaves in the output. `remove`: nothing (its previous output is
   * deleted). `blocked`: a stack that refuses to plan with the problems, listed in the manifest
   * with warning annotations, so that the CDKTF CLI (which always synthesizes the whole app and
   * then picks one stack) can run every other stack and fails on this one with its messages.
   * @default 'remove'
   */
  readonly invalidStacks?: 'remove' | 'blocked';
  /** A workspace already loaded from `root`. @default loaded here */
  readonly workspace?: Workspace;
  /**
   * Build the stacks on a worker per core when PLATFORM_SYNTH_WORKERS says so (synth-workers.ts;
   * the output is the same bytes). Only with the default policy and no `workspace` given: each
   * worker loads the workspace from `root` itself. @default false: every stack in this thread
   */
  readonly workers?: boolean;
}

/** A stack that could not be built: its definitions are valid, its code or policy is not. */
export interface StackFailure {
  readonly stack: string;
  readonly message: string;
}

export interface SynthResult {
  readonly synthesized: readonly string[];
  /** Stacks not written because their definitions, code or policy failed. */
  readonly invalid: readonly string[];
  /** Definition problems (file, line, field). */
  readonly problems: readonly FileProblem[];
  /** Failures while building or checking a stack whose definitions are valid. */
  readonly failures: readonly StackFailure[];
}

export class UnknownStackError extends Error {}

interface ManifestStack {
  readonly name: string;
  readonly annotations?: readonly unknown[];
  readonly [key: string]: unknown;
}

interface Manifest {
  version: string;
  stacks: Record<string, ManifestStack>;
}

/**
 * Synthesizes the selected stacks into `<outdir>/stacks/<name>/cdk.tf.json`.
 *
 * Every stack is built in an app of its own, so an exception, a failed validation or a policy
 * violation in one stack never stops another. Each stack is written into a staging directory
 * first and then renamed into place, so an interrupted run never leaves a half-written stack.
 * An invalid stack's previous output is removed (or replaced by a blocked stack) rather than
 * left behind, so nothing stale can be deployed by mistake.
 */
export function synthesize(options: SynthOptions): SynthResult {
  const workspace = options.workspace ?? loadWorkspace(options.root);
  const planned = planStacks(workspace);
  const selected = select(planned, options.stacks);
  // A folder whose name another stack has is no stack; its problem is reported with any full run.
  const rejected = options.stacks ? [] : [...workspace.rejectedEnvironments.values()].flat();
  const problems = unique([...selected.flatMap((stack) => stack.problems), ...rejected]);

  const outdir = path.resolve(options.outdir);
  const staging = path.join(outdir, `.staging-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const written: string[] = [];
  const failures: StackFailure[] = [];
  const stagedManifest: Manifest = { version: '', stacks: {} };
  try {
    const buildable = selected.filter((stack) => stack.problems.length === 0 && stack.build && workspace.settings);
    const pool = options.workers && !options.policy && !options.workspace ? synthWorkers(buildable.length) : undefined;
    const build = (stack: PlannedStack): StackOutcome => buildStack(stack, workspace, staging, options.policy);
    const byName = new Map(buildable.map((stack) => [stack.name, stack]));
    const outcomes = pool
      ? runOnThreads<WorkerSetup, StackOutcome>(pool, { root: options.root, staging }, [...byName.keys()], (name) => build(byName.get(name) as PlannedStack))
      : buildable.map(build);
    buildable.forEach((stack, i) => {
      const outcome = outcomes[i];
      if (outcome.failure !== undefined) {
        failures.push({ stack: stack.name, message: outcome.failure });
      } else {
        stagedManifest.version ||= outcome.version ?? '';
        stagedManifest.stacks[stack.name] = outcome.entry as ManifestStack;
        written.push(stack.name);
      }
    });
    const invalid = selected.filter((stack) => !written.includes(stack.name)).map((stack) => stack.name);
    const rejectedFolders = options.stacks ? [] : [...workspace.rejectedEnvironments.keys()].map((name) => `environments/${name}`);
    const blocked = options.invalidStacks === 'blocked' ? invalid : [];
    for (const name of blocked) {
      const messages = [
        ...problems.filter((problem) => selected.find((s) => s.name === name)?.problems.includes(problem)).map(formatProblem),
        ...failures.filter((failure) => failure.stack === name).map((failure) => failure.message),
      ];
      writeBlockedStack(path.join(staging, 'stacks', name), name, messages);
      stagedManifest.stacks[name] = blockedManifestEntry(name, messages);
    }
    withLock(outdir, () =>
      publish(outdir, staging, stagedManifest, {
        written,
        blocked,
        removed: invalid.filter((name) => !blocked.includes(name)),
        // A full synthesis also drops stacks whose definitions were deleted.
        keepOthers: options.stacks !== undefined,
      }),
    );
    return { synthesized: written, invalid: [...invalid, ...rejectedFolders], problems, failures };
  } finally {
    removeFolder(staging);
  }
}

/**
 * Removes a folder of the staging directory and what is in it. It holds a few entries by then
 * (an app's manifest and emptied stacks folder); fs.rmSync's recursive removal stats and
 * retries every entry, which cost 7 to 20 ms of an 8-stack synthesis. Anything unexpected (an
 * entry that will not go) is left to fs.rmSync.
 */
function removeFolder(dir: string): void {
  try {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const at = path.join(dir, entry.name);
      if (entry.isDirectory()) removeFolder(at);
      else fs.unlinkSync(at);
    }
    fs.rmdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What building one stack gave: its manifest entry, or why it failed. */
interface StackOutcome {
  readonly failure?: string;
  readonly version?: string;
  readonly entry?: ManifestStack;
}

/** What a synthesis worker is started with (synth-workers.ts). */
interface WorkerSetup {
  readonly root: string;
  readonly staging: string;
}

/**
 * The worker thread's side of `synthesize` with workers: loads the workspace from the root it
 * is given, then builds each stack it is handed into the staging directory, as `buildStack`
 * does in the main thread (the default policy: enforce).
 */
export function serveSynthesisWorker(): void {
  serveAsWorker<WorkerSetup, StackOutcome>((setup) => {
    const workspace = loadWorkspace(setup.root);
    const planned = new Map(planStacks(workspace).map((stack) => [stack.name, stack]));
    return (name) => {
      const stack = planned.get(name);
      return stack ? buildStack(stack, workspace, setup.staging, undefined) : { failure: `stack ${name}: not in the workspace the synthesis worker loaded` };
    };
  });
}

/**
 * Builds one stack in its own app and stages its output (`<staging>/stacks/<name>`). Returns
 * its manifest entry, or the failure message.
 */
function buildStack(stack: PlannedStack, workspace: Workspace, staging: string, policy: StackPolicyOptions | undefined): StackOutcome {
  // One app folder per thread, reused by the stacks it builds one after another: each app
  // writes its manifest and its stack's folder, which is moved out right after. Making and
  // removing a folder per stack cost more than a stack's own writes on a slow filesystem.
  const dir = path.join(staging, 'apps', `thread-${threadId}`);
  const written = path.join(dir, 'stacks', stack.name);
  try {
    const reports: StackReport[] = [];
    // The policy's reports are handed on only from the synthesis that is kept.
    const buffered = policy?.onReport ? { ...policy, onReport: (report: StackReport) => reports.push(report) } : policy;
    if (!synthesizeInto(dir, stack, workspace, buffered, process.env)) {
      // Resolving the stack added constructs (a Lazy value): build it again the way cdktf
      // would, its preparing resolution included (validated-terraform.ts).
      reports.length = 0;
      fs.rmSync(dir, { recursive: true, force: true });
      synthesizeInto(dir, stack, workspace, buffered, { ...process.env, [RESOLVE_SHORTCUT_VARIABLE]: '0' });
    }
    for (const report of reports) policy?.onReport?.(report);
    const own = readManifest(dir);
    if (!own?.stacks[stack.name]) return { failure: `stack ${stack.name}: synthesis wrote no stack` };
    const target = path.join(staging, 'stacks', stack.name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(written, target);
    return { version: own.version, entry: own.stacks[stack.name] };
  } catch (error) {
    // What a failed synthesis wrote stays out of the next stack's way.
    removeFolder(written);
    fs.rmSync(path.join(dir, 'manifest.json'), { force: true });
    return { failure: error instanceof PolicyViolationError ? error.message : `stack ${stack.name}: ${(error as Error).message}` };
  }
}

/**
 * Builds the stack into a new app writing to `dir` and synthesizes it. False when the
 * synthesis must be done again with the resolve shortcut off (validated-terraform.ts).
 */
function synthesizeInto(dir: string, stack: PlannedStack, workspace: Workspace, policy: StackPolicyOptions | undefined, env: NodeJS.ProcessEnv): boolean {
  fs.mkdirSync(dir, { recursive: true });
  // Stack traces in construct metadata cost time on every resource and are not used.
  const app = new App({ outdir: dir, stackTraces: false });
  stack.build?.(app, workspace.settings as NonNullable<Workspace['settings']>);
  applyStackPolicy(app, stack, workspace, policy);
  const stacks = app.node.findAll().filter((construct): construct is TerraformStack => TerraformStack.isStack(construct));
  return synthResolvingOnce(stacks, () => app.synth(), env).faithful;
}

/**
 * A stack in place of an invalid one, for the CDKTF CLI: `terraform init` works (local state,
 * no provider), and `terraform plan` stops at a variable validation whose message is the list
 * of problems. It creates and changes nothing, and never touches the real state.
 */
export function blockedStackJson(name: string, messages: readonly string[]): Record<string, unknown> {
  return {
    '//': { metadata: { stackName: name, backend: 'local', blocked: true }, outputs: {} },
    terraform: { backend: { local: { path: 'terraform.blocked.tfstate' } } },
    variable: {
      definition_problems: {
        type: 'string',
        default: 'invalid',
        description: 'Set by the platform app: this stack could not be synthesized.',
        validation: [
          {
            condition: '${var.definition_problems == "valid"}',
            error_message: `Stack ${name} is not synthesized: it is invalid, so nothing is planned or applied. Fix these problems and synthesize again:\n\n${messages.join('\n')}`,
          },
        ],
      },
    },
  };
}

function writeBlockedStack(dir: string, name: string, messages: readonly string[]): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), `${JSON.stringify(blockedStackJson(name, messages), null, 2)}\n`);
}

const BLOCKED_ANNOTATION_PREFIX = 'not synthesized: ';

/** Warnings, not errors: the CLI refuses to run any stack while one has an error annotation. */
function blockedManifestEntry(name: string, messages: readonly string[]): ManifestStack {
  return {
    name,
    constructPath: name,
    synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
    workingDirectory: `stacks/${name}`,
    annotations: messages.map((message) => ({ constructPath: name, level: 'warn', message: `${BLOCKED_ANNOTATION_PREFIX}${message}` })),
    dependencies: [],
  };
}

/** Whether a manifest entry is a blocked stand-in (blockedManifestEntry). */
function isBlockedEntry(entry: ManifestStack): boolean {
  return (entry.annotations ?? []).some((annotation) => String((annotation as { message?: unknown }).message ?? '').startsWith(BLOCKED_ANNOTATION_PREFIX));
}

/** Selects stacks by name; a trailing `*` matches a prefix (`bootstrap-*`). */
function select(planned: PlannedStack[], patterns: readonly string[] | undefined): PlannedStack[] {
  if (!patterns) return planned;
  const matches = (pattern: string, name: string): boolean =>
    pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
  const unknown = patterns.filter((pattern) => !planned.some((s) => matches(pattern, s.name)) && !pattern.endsWith('*'));
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
  /** Stacks synthesized. */
  written: string[];
  /** Stand-ins for invalid stacks (writeBlockedStack). */
  blocked: string[];
  /** Invalid stacks whose output is taken away. */
  removed: string[];
  /** Keep the stacks not named here (a synthesis of some stacks); else drop them. */
  keepOthers: boolean;
}

/** What a synthesis writes into a stack's folder; everything else there is Terraform's. */
const SYNTHESIZED_ENTRIES = ['cdk.tf.json', 'assets'];

/**
 * Moves staged stacks into place and rewrites the manifest so that it lists what is there.
 *
 * A stack's folder is also Terraform's working directory (`cdktf deploy`, the Nx diff and deploy
 * targets run Terraform there): `.terraform` records the backend the state was last in, which is
 * what `terraform init -migrate-state` copies from (README "Bootstrap remote state"), and holds
 * the installed providers, beside the lock file and saved plans. As the CDKTF CLI does, a stack
 * synthesized again gets its new files moved in and keeps the rest, and an invalid stack loses
 * only its synthesized files. A folder changing between a stack and its blocked stand-in (which
 * has a local backend of its own) is replaced whole, so that neither inherits the other's
 * backend; a stack no longer defined is removed whole, as the CDKTF CLI removes it.
 */
function publish(outdir: string, staging: string, staged: Manifest, plan: PublishPlan): void {
  const stacksDir = path.join(outdir, 'stacks');
  fs.mkdirSync(stacksDir, { recursive: true });
  const previous = readManifest(outdir);
  const stacks: Record<string, ManifestStack> = plan.keepOthers ? { ...(previous?.stacks ?? {}) } : {};
  const named = new Set([...plan.written, ...plan.blocked, ...plan.removed]);
  const undefinedStacks = plan.keepOthers ? [] : fs.readdirSync(stacksDir).filter((name) => !named.has(name));
  for (const name of undefinedStacks) {
    fs.rmSync(path.join(stacksDir, name), { recursive: true, force: true });
    delete stacks[name];
  }
  for (const name of plan.removed) {
    removeSynthesizedEntries(path.join(stacksDir, name));
    delete stacks[name];
  }
  const wasBlocked = (name: string): boolean => previous?.stacks[name] !== undefined && isBlockedEntry(previous.stacks[name]);
  for (const name of [...plan.written, ...plan.blocked]) {
    const source = path.join(staging, 'stacks', name);
    const target = path.join(stacksDir, name);
    if (plan.blocked.includes(name) !== wasBlocked(name) || !isDirectory(target)) {
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(source, target);
    } else {
      moveEntriesInto(source, target);
    }
    stacks[name] = staged.stacks[name];
  }
  const manifest: Manifest = { version: staged.version || previous?.version || '', stacks: sortKeys(stacks) };
  const temporary = path.join(outdir, `.manifest-${process.pid}.json`);
  fs.writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(temporary, path.join(outdir, 'manifest.json'));
}

function isDirectory(dir: string): boolean {
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Moves every entry of `source` into `target`, replacing those of the same name (a file atomically). */
function moveEntriesInto(source: string, target: string): void {
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const to = path.join(target, entry.name);
    if (!entry.isFile() || isDirectory(to)) fs.rmSync(to, { recursive: true, force: true });
    fs.renameSync(path.join(source, entry.name), to);
  }
}

/** Takes away a stack's synthesized files, and its folder when nothing of Terraform's is left. */
function removeSynthesizedEntries(dir: string): void {
  if (!isDirectory(dir)) return;
  for (const name of SYNTHESIZED_ENTRIES) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byCodeUnits(a, b)));
}
