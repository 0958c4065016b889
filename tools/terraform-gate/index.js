'use strict';
/**
 * Offline Terraform gate for CDKTF-synthesized stacks.
 *
 * For each `cdktf.out/stacks/<stack>/cdk.tf.json` it runs the real Terraform CLI and the real
 * AWS provider, without AWS credentials or network, on a copy of the stack:
 *   init      terraform init -plugin-dir=<shared provider tree> (lib/providers.js)
 *   validate  terraform validate (only when plan is not selected: plan validates too)
 *   plan      terraform plan -refresh=false, then `show -json`; both into the run folder
 *   test      terraform test applying the whole stack against mock_provider "aws"
 * The synthesized files are never modified: the work copy gets an override file instead
 * (see lib/workcopy.js). Every stack's failure is collected and reported at the end. Each run
 * writes its plans and a run.json into a folder of its own (lib/runs.js).
 */
const fs = require('node:fs');
const path = require('node:path');
const tf = require('./lib/terraform');
const {
  TEST_OVERRIDE_FILE,
  listStacks,
  copyStack,
  writeOverrides,
  writeJson,
  awsProviderAliases,
  buildTestOverride,
} = require('./lib/workcopy');
const { SUMMARY_RULES_KEY, isSchemaSummary, summarizeSchema, buildTestFile, typesInConfig, addTypesFromPlan } = require('./lib/mocks');
const { countPlanChanges, formatCounts, planLines, planCountsLine, planTextFromPlanOutput } = require('./lib/plan');
const { findProviderMirror, describeMirror } = require('./lib/mirror');
const { requiredProviders, treeKey, ensureProviderTree, unreachableHint } = require('./lib/providers');
const runs = require('./lib/runs');

/** @typedef {'init'|'validate'|'plan'|'test'} Step */
/** @type {Step[]} */
const STEPS = ['init', 'validate', 'plan', 'test'];
const TEST_FILE = 'tests/gate.tftest.json';
// mock_provider in `terraform test` arrived in Terraform 1.7.
const MIN_VERSION_FOR_TEST = '1.7.0';

/**
 * @typedef {object} GateOptions
 * @property {string} [outDir]          CDKTF output dir (default `cdktf.out`)
 * @property {string[]} [stacks]        stack names or prefix patterns ending in `*`
 *                                      (`bootstrap-*`); undefined = every stack in outDir
 * @property {Step[]} [steps]           default all; init always runs when a later step does,
 *                                      because the work copy is recreated on every run
 * @property {string} [workDir]         default `dist/terraform-gate`
 * @property {string} [plansDir]        where plans go instead of `<run folder>/plans`
 * @property {string} [pluginDir]       provider mirror; default TF_PLUGIN_DIR, else one found
 *                                      by lib/mirror.js; '' = none (the registry)
 * @property {number} [concurrency]     stacks run at once (default 2)
 * @property {number} [timeoutSeconds]  per Terraform command (default 900)
 * @property {boolean} [showPlan]       print every planned change under the stack's line
 * @property {string} [cliConfigExtra]  appended to the gate's Terraform CLI config (tests use
 *                                      it to point the registry at an unreachable host)
 * @property {(line: string) => void} [log]
 * @property {NodeJS.ProcessEnv} [env]  environment to read PATH/TF_PLUGIN_DIR/HOME from and to
 *                                      pass (sanitized) to Terraform; default process.env
 */

/**
 * @typedef {object} StackResult
 * @property {string} stack
 * @property {boolean} ok
 * @property {Step[]} stepsPassed
 * @property {Step|'prepare'} [failedStep]
 * @property {string} [error]            Terraform's stderr tail (or the error message)
 * @property {'plan'} [validatedBy]      validate was not run on its own: plan validated
 * @property {import('./lib/plan').PlanCounts} [planCounts]
 * @property {string} [planFile]         the `terraform show -json` plan, when the plan step passed
 * @property {string} [planTextFile]     the human-readable plan, when the plan step passed
 * @property {Record<string, number>} stepSeconds
 * @property {number} seconds
 */

/**
 * Runs the gate and resolves with one result per stack. Stack failures are results
 * (`ok: false`); problems with the machine or the arguments throw a GateSetupError.
 * The array also carries `runDir`, the run folder (not enumerable, so results compare as before).
 * @param {GateOptions} [options]
 * @returns {Promise<StackResult[] & { runDir?: string }>}
 */
async function runGate(options = {}) {
  const ctx = await createContext(options);
  ctx.log(
    `terraform-gate: ${ctx.stacks.length} stack(s), steps ${ctx.steps.join(',')}, concurrency ${ctx.concurrency}, ` +
      `terraform ${ctx.version}, providers from ${describeMirror(ctx.mirror)}`,
  );
  const results = await mapLimit(ctx.stacks, ctx.concurrency, (stack) => runStack(stack, ctx));
  ctx.log(failureReport(results));
  await finishRun(ctx);
  ctx.log(`terraform-gate: run folder ${displayPath(ctx.runDir)}`);
  Object.defineProperty(results, 'runDir', { value: ctx.runDir, enumerable: false });
  return results;
}

/**
 * Resolves options, checks the machine (terraform, plugin dir) and the stack names, writes the
 * shared CLI config and creates the run folder. Everything a stack run needs is on the context.
 * @param {GateOptions} options
 */
async function createContext(options) {
  const env = options.env || process.env;
  const bin = tf.findTerraform(env);
  const mirror = resolveMirror(options.pluginDir, env);

  const outDir = path.resolve(options.outDir || 'cdktf.out');
  const workDir = path.resolve(options.workDir || path.join('dist', 'terraform-gate'));
  const customPlansDir = options.plansDir ? path.resolve(options.plansDir) : undefined;
  const steps = resolveSteps(options.steps);
  const stacks = resolveStacks(outDir, options.stacks);
  const cacheDir = path.join(workDir, '.cache');
  checkPaths({ outDir, workDir, cacheDir, plansDir: customPlansDir, stacks });
  const concurrency = Math.max(1, Math.floor(Number(options.concurrency) || 2));

  const cliConfigFile = path.join(cacheDir, 'terraform.rc');
  await fs.promises.mkdir(cacheDir, { recursive: true });
  // The plugin cache of earlier versions of the gate (see lib/providers.js); up to 700 MB.
  await fs.promises.rm(path.join(cacheDir, 'plugins'), { recursive: true, force: true });
  // Earlier versions' default plans dir, where plans of different runs mixed: a report must
  // not read those by mistake. (An explicit --plans-dir is the user's and is left alone.)
  if (!customPlansDir) await fs.promises.rm(path.join(workDir, 'plans'), { recursive: true, force: true });
  const cliConfig = tf.cliConfigText({ pluginDir: mirror && mirror.dir, extra: options.cliConfigExtra });
  await runs.writeAtomic(cliConfigFile, cliConfig);

  const childEnv = tf.childEnv(env, cliConfigFile);
  const [version, git] = await Promise.all([tf.terraformVersion(bin, childEnv), runs.gitState(outDir)]);
  if (steps.includes('test') && !tf.versionAtLeast(version, MIN_VERSION_FOR_TEST)) {
    throw new tf.GateSetupError(
      `Terraform ${version} has no mock_provider for the test step; install Terraform 1.11.x (>= ${MIN_VERSION_FOR_TEST}).`,
    );
  }
  const timeoutSeconds = options.timeoutSeconds || 900;
  /** @param {string[]} args @param {string} cwd */
  const terraform = (args, cwd) => tf.runTerraform(bin, args, { cwd, env: childEnv, timeoutSeconds });

  const startedAt = new Date();
  const runDir = await runs.createRunDir(workDir, startedAt, git.commit);
  const plansDir = customPlansDir || path.join(runDir, 'plans');
  await fs.promises.mkdir(plansDir, { recursive: true });
  /** @type {import('./lib/runs').RunRecord} */
  const record = {
    commit: git.commit,
    dirty: git.dirty,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    terraformVersion: version,
    stacks: {},
  };
  await runs.writeRunRecord(runDir, record);

  return {
    outDir,
    workDir,
    runDir,
    record,
    plansDir,
    cacheDir,
    sharedCacheDir: sharedCacheDir(env),
    mirror,
    // Trees differ by what the providers are installed from; the CLI config says exactly that.
    installSource: cliConfig,
    steps,
    stacks,
    concurrency,
    version,
    terraform,
    showPlan: Boolean(options.showPlan),
    log: options.log || ((/** @type {string} */ line) => console.log(line)),
    /** @type {Map<string, ReturnType<typeof ensureProviderTree>>} */
    trees: new Map(),
    /** @type {Map<string, Promise<import('./lib/mocks').SchemaSummary>>} */
    schemaSummaries: new Map(),
  };
}

/** The folder of a run that holds its work copies, one per stack. */
const WORK_COPIES_DIR = 'work';

/** @typedef {Awaited<ReturnType<typeof createContext>>} Context */

/**
 * The provider mirror: the pluginDir option when given ('' = none), else lib/mirror.js.
 * @param {string|undefined} pluginDir
 * @param {NodeJS.ProcessEnv} env
 * @returns {import('./lib/mirror').ProviderMirror|{ dir: string, source: '--plugin-dir' }|undefined}
 */
function resolveMirror(pluginDir, env) {
  if (pluginDir === undefined) return findProviderMirror(env);
  if (!pluginDir) return undefined;
  const dir = path.resolve(pluginDir);
  tf.checkPluginDir(dir);
  return { dir, source: '--plugin-dir' };
}

/**
 * @param {string[]|undefined} requested
 * @returns {Step[]}
 */
function resolveSteps(requested) {
  const wanted = requested && requested.length > 0 ? requested : STEPS;
  const unknown = wanted.filter((step) => !STEPS.includes(/** @type {Step} */ (step)));
  if (unknown.length > 0) {
    throw new tf.GateSetupError(`Unknown step(s) ${unknown.join(', ')}; steps are ${STEPS.join(', ')}.`);
  }
  return STEPS.filter((step) => wanted.includes(step));
}

/**
 * Stack names, or prefix patterns ending in `*`: the rule of tools/synth
 * (`pattern.endsWith('*') ? name.startsWith(prefix) : name === pattern`). Every pattern must
 * match a stack, so a typo never turns into "checked nothing".
 * @param {string} outDir
 * @param {string[]|undefined} requested
 */
function resolveStacks(outDir, requested) {
  const available = listStacks(outDir);
  if (available.length === 0) {
    throw new tf.GateSetupError(`No stacks found in ${path.join(outDir, 'stacks')}; synthesize first (npm run synth).`);
  }
  if (!requested || requested.length === 0) return available;
  const matches = (/** @type {string} */ pattern, /** @type {string} */ name) =>
    pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
  const missing = requested.filter((pattern) => !available.some((name) => matches(pattern, name)));
  if (missing.length > 0) {
    throw new tf.GateSetupError(
      `Stack(s) ${missing.join(', ')} not found in ${path.join(outDir, 'stacks')} (a name, or a prefix ending in *); ` +
        `available: ${available.join(', ')}.`,
    );
  }
  /** @type {string[]} */
  const chosen = [];
  for (const pattern of requested) {
    for (const name of available) if (matches(pattern, name) && !chosen.includes(name)) chosen.push(name);
  }
  return chosen;
}

/**
 * Work copies (in the run folders, <workDir>/runs/<run>/work/<stack>) are deleted and
 * recreated and old runs are pruned, so refuse layouts where that would delete a synthesized
 * stack, the plans or the caches.
 * @param {{ outDir: string, workDir: string, cacheDir: string, plansDir?: string, stacks: string[] }} paths
 */
function checkPaths({ outDir, workDir, cacheDir, plansDir, stacks }) {
  for (const stack of stacks) {
    const work = path.join(workDir, runs.RUNS_DIR);
    const kept = [path.join(outDir, 'stacks', stack), cacheDir, ...(plansDir ? [plansDir] : [])];
    const clash = kept.find((other) => overlaps(work, other));
    if (clash) {
      throw new tf.GateSetupError(
        `Work dir ${work} for stack ${stack} overlaps ${clash}; choose another --work-dir or --plans-dir.`,
      );
    }
  }
}

/**
 * @param {string} a
 * @param {string} b
 */
function overlaps(a, b) {
  const inside = (/** @type {string} */ x, /** @type {string} */ y) => x === y || x.startsWith(y + path.sep);
  return inside(a, b) || inside(b, a);
}

/**
 * Runs the selected steps for one stack, stopping at the first failure.
 *
 * validate is skipped when plan is selected too: plan loads and validates the same
 * configuration (README "Timings" has the measured saving). A passing plan therefore counts as
 * a passing validate (`validatedBy: 'plan'`); a failing plan runs validate after all, so that a
 * configuration error is still reported as a validate failure with validate's message.
 * @param {string} stack
 * @param {Context} ctx
 * @returns {Promise<StackResult>}
 */
async function runStack(stack, ctx) {
  const started = Date.now();
  /** @type {StackResult} */
  const result = { stack, ok: true, stepsPassed: [], stepSeconds: {}, seconds: 0 };
  /** @type {StackState} */
  const state = {
    stack,
    // In the run's own folder: two gates on one stack at once (an Nx project's validate and
    // plan, run in parallel) must never delete each other's work copy.
    dir: path.join(ctx.runDir, WORK_COPIES_DIR, stack),
    planFile: path.join(ctx.plansDir, `${stack}.json`),
    planTextFile: path.join(ctx.plansDir, `${stack}.txt`),
    config: undefined,
    plan: undefined,
    tree: undefined,
  };
  try {
    // A stale plan in a --plans-dir from an earlier run must not reach the plan-report tool.
    await fs.promises.rm(state.planFile, { force: true });
    await fs.promises.rm(state.planTextFile, { force: true });
    await copyStack(path.join(ctx.outDir, 'stacks', stack), state.dir);
    state.config = await writeOverrides(state.dir);
  } catch (error) {
    return finish(result, started, ctx, 'prepare', /** @type {Error} */ (error).message);
  }
  const steps = stepsToRun(ctx.steps);
  const validateByPlan = steps.includes('validate') && steps.includes('plan');
  for (const step of steps) {
    if (step === 'validate' && validateByPlan) continue;
    const failure = await timedStep(step, state, ctx, result);
    if (failure && step === 'plan' && validateByPlan) {
      const invalid = await timedStep('validate', state, ctx, result);
      if (invalid) return finish(result, started, ctx, 'validate', invalid);
      result.stepsPassed.push('validate');
    }
    if (failure) return finish(result, started, ctx, step, failure);
    if (step === 'plan' && validateByPlan) {
      result.stepsPassed.push('validate');
      result.validatedBy = 'plan';
    }
    result.stepsPassed.push(step);
    if (step === 'plan') {
      result.planCounts = countPlanChanges(state.plan);
      result.planFile = state.planFile;
      result.planTextFile = state.planTextFile;
    }
  }
  return finish(result, started, ctx);
}

/**
 * Runs one step and records its time; resolves with the failure text, or undefined.
 * @param {Step} step
 * @param {StackState} state
 * @param {Context} ctx
 * @param {StackResult} result
 */
async function timedStep(step, state, ctx, result) {
  const stepStarted = Date.now();
  let failure;
  try {
    failure = await STEP_RUNNERS[step](state, ctx);
  } catch (error) {
    failure = /** @type {Error} */ (error).message;
  }
  result.stepSeconds[step] = round((Date.now() - stepStarted) / 1000);
  return failure;
}

/**
 * Init runs whenever any step runs: every run starts from a fresh copy.
 * @param {Step[]} steps
 */
function stepsToRun(steps) {
  return steps.length > 0 && !steps.includes('init') ? /** @type {Step[]} */ (['init', ...steps]) : steps;
}

/**
 * @param {StackResult} result
 * @param {number} started
 * @param {Context} ctx
 * @param {Step|'prepare'} [failedStep]
 * @param {string} [error]
 */
function finish(result, started, ctx, failedStep, error) {
  if (failedStep) Object.assign(result, { ok: false, failedStep, error });
  result.seconds = round((Date.now() - started) / 1000);
  ctx.record.stacks[result.stack] = runStackRecord(result, ctx.runDir);
  // One log call per stack, so that concurrent stacks never interleave their listings.
  ctx.log([summaryLine(result), ...(ctx.showPlan ? planListing(result) : [])].join('\n'));
  return result;
}

/**
 * What run.json says about a stack; plan paths relative to the run folder when inside it.
 * @param {StackResult} result
 * @param {string} runDir
 * @returns {import('./lib/runs').RunStack}
 */
function runStackRecord(result, runDir) {
  const relative = (/** @type {string} */ file) => {
    const inside = path.relative(runDir, file);
    return inside.startsWith('..') || path.isAbsolute(inside) ? file : inside;
  };
  return {
    ok: result.ok,
    ...(result.failedStep ? { failedStep: result.failedStep } : {}),
    stepsPassed: result.stepsPassed,
    ...(result.planFile ? { planFile: relative(result.planFile) } : {}),
    ...(result.planTextFile ? { planTextFile: relative(result.planTextFile) } : {}),
    ...(result.planCounts ? { counts: result.planCounts } : {}),
  };
}

/**
 * Completes run.json, keeps the newest runs and points `latest` at this one.
 * @param {Context} ctx
 */
async function finishRun(ctx) {
  ctx.record.finishedAt = new Date().toISOString();
  await runs.writeRunRecord(ctx.runDir, ctx.record);
  await runs.pruneRuns(ctx.workDir, ctx.runDir);
  await runs.markLatest(ctx.workDir, ctx.runDir);
}

/**
 * @typedef {object} StackState
 * @property {string} stack
 * @property {string} dir           work copy
 * @property {string} planFile
 * @property {string} planTextFile
 * @property {any} config           parsed cdk.tf.json
 * @property {any} plan             parsed plan JSON once the plan step passed
 * @property {import('./lib/providers').ProviderTree|undefined} tree  once init passed
 */

/**
 * Each runner resolves with undefined on success or the failure text.
 * @type {Record<Step, (state: StackState, ctx: Context) => Promise<string|undefined>>}
 */
const STEP_RUNNERS = {
  async init(state, ctx) {
    const { tree, failure } = await providerTree(requiredProviders(state.config), ctx);
    if (!tree) return failure;
    state.tree = tree;
    // -plugin-dir: init only links this work copy to the tree; it writes nothing shared.
    return failureOf(await ctx.terraform(['init', '-input=false', '-no-color', `-plugin-dir=${tree.pluginDir}`], state.dir));
  },

  async validate(state, ctx) {
    return failureOf(await ctx.terraform(['validate', '-no-color'], state.dir));
  },

  async plan(state, ctx) {
    const args = ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=tfplan'];
    const planned = await ctx.terraform(args, state.dir);
    const planFailure = failureOf(planned);
    if (planFailure) return planFailure;
    const shown = await ctx.terraform(['show', '-json', 'tfplan'], state.dir);
    const showFailure = failureOf(shown);
    if (showFailure) return showFailure;
    let text = planTextFromPlanOutput(planned.stdout);
    if (text === undefined) {
      const shownText = await ctx.terraform(['show', '-no-color', 'tfplan'], state.dir);
      const textFailure = failureOf(shownText);
      if (textFailure) return textFailure;
      text = shownText.stdout;
    }
    state.plan = JSON.parse(shown.stdout);
    await fs.promises.writeFile(state.planFile, shown.stdout);
    await fs.promises.writeFile(state.planTextFile, text);
    return undefined;
  },

  async test(state, ctx) {
    const version = awsProviderVersion(state.dir);
    const summary = version && state.tree ? await schemaSummary(version, state.tree, ctx) : undefined;
    const types = typesInConfig(state.config);
    if (state.plan) addTypesFromPlan(types, state.plan);
    const testFile = summary
      ? buildTestFile({ aliases: awsProviderAliases(state.config), summary, types })
      : { run: { apply: { command: 'apply' } } }; // no aws provider in this stack: nothing to mock
    await fs.promises.mkdir(path.join(state.dir, 'tests'), { recursive: true });
    await writeJson(path.join(state.dir, TEST_FILE), testFile);
    const testOverride = buildTestOverride(state.config);
    if (testOverride) await writeJson(path.join(state.dir, TEST_OVERRIDE_FILE), testOverride);
    // -filter: only the generated file, even if the stack ships tests of its own.
    return failureOf(await ctx.terraform(['test', '-no-color', `-filter=${TEST_FILE}`], state.dir));
  },
};

/**
 * The provider tree for a set of requirements, built at most once per gate run (stacks with
 * the same requirements share the promise). Resolves with the tree, or with the failure text
 * every stack that needs it reports: the one-line hint first when the registry is unreachable.
 * @param {import('./lib/providers').Requirements} requirements
 * @param {Context} ctx
 * @returns {Promise<{ tree?: import('./lib/providers').ProviderTree, failure?: string }>}
 */
async function providerTree(requirements, ctx) {
  const key = treeKey(requirements, ctx.installSource);
  let pending = ctx.trees.get(key);
  if (!pending) {
    pending = ensureProviderTree({
      treesDir: path.join(ctx.cacheDir, 'providers'),
      requirements,
      installSource: ctx.installSource,
      init: (dir) => ctx.terraform(['init', '-input=false', '-no-color', '-backend=false'], dir),
    });
    ctx.trees.set(key, pending);
  }
  const { tree, failure } = await pending;
  if (tree) return { tree };
  const output = `${failure ? failure.stdout : ''}\n${failure ? failure.stderr : ''}`;
  const hint = unreachableHint(output, requirements, Boolean(ctx.mirror));
  const tail = failure ? tf.outputTail(failure) : 'installing the providers failed';
  return { failure: hint ? `${hint}\n${tail}` : `installing the providers (terraform init of the shared provider tree) failed:\n${tail}` };
}

/**
 * @param {import('./lib/terraform').CommandResult} result
 */
function failureOf(result) {
  return result.code === 0 ? undefined : tf.outputTail(result);
}

/**
 * The aws provider version `terraform init` selected, from the work copy's lock file.
 * @param {string} dir
 */
function awsProviderVersion(dir) {
  const lockFile = path.join(dir, '.terraform.lock.hcl');
  if (!fs.existsSync(lockFile)) return undefined;
  const match = /provider\s+"[^"]*\/hashicorp\/aws"\s*\{[^}]*?version\s*=\s*"([^"]+)"/.exec(
    fs.readFileSync(lockFile, 'utf8'),
  );
  return match ? match[1] : undefined;
}

/**
 * Which aws types have computed attributes worth mocking, from `terraform providers schema
 * -json`. Computed once per provider version and set of rules, kept in <workDir>/.cache/schema
 * and in the cache shared by every work folder of the user (sharedCacheDir).
 * @param {string} version
 * @param {import('./lib/providers').ProviderTree} tree
 * @param {Context} ctx
 */
function schemaSummary(version, tree, ctx) {
  let pending = ctx.schemaSummaries.get(version);
  if (!pending) {
    pending = loadOrBuildSummary(version, tree, ctx);
    ctx.schemaSummaries.set(version, pending);
  }
  return pending;
}

/**
 * The folder shared by every work folder of this user, where the schema summary is kept: the
 * first gate run of a fresh clone, of a scratch copy or of another work folder then skips
 * starting the provider for its 13 MB schema (4 to 10 s). TF_GATE_CACHE_DIR chooses it (`off`:
 * none); by default `$XDG_CACHE_HOME/ecs-platform/terraform-gate`, or `~/.cache/...`.
 * @param {NodeJS.ProcessEnv} env
 * @returns {string|undefined}
 */
function sharedCacheDir(env) {
  const chosen = env.TF_GATE_CACHE_DIR;
  if (chosen !== undefined) return chosen === '' || chosen === 'off' ? undefined : path.resolve(chosen);
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : undefined);
  return base ? path.join(base, 'ecs-platform', 'terraform-gate') : undefined;
}

/** The summary in a cache file, or undefined when it is missing, unreadable or not one. */
async function readSummary(file, version) {
  try {
    const value = JSON.parse(await fs.promises.readFile(file, 'utf8'));
    return isSchemaSummary(value, version) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {string} version
 * @param {import('./lib/providers').ProviderTree} tree
 * @param {Pick<Context, 'cacheDir' | 'sharedCacheDir' | 'terraform'>} ctx
 * @returns {Promise<import('./lib/mocks').SchemaSummary>}
 */
async function loadOrBuildSummary(version, tree, ctx) {
  const fileName = `aws-${version}.${SUMMARY_RULES_KEY}.json`;
  const schemaDir = path.join(ctx.cacheDir, 'schema');
  const cacheFile = path.join(schemaDir, fileName);
  const sharedFile = ctx.sharedCacheDir ? path.join(ctx.sharedCacheDir, 'schema', fileName) : undefined;
  const own = await readSummary(cacheFile, version);
  if (own) return own;
  const shared = sharedFile ? await readSummary(sharedFile, version) : undefined;
  if (shared) {
    await fs.promises.mkdir(schemaDir, { recursive: true });
    await runs.writeAtomic(cacheFile, JSON.stringify(shared, null, 2) + '\n');
    return shared;
  }

  // A directory of its own per process, so that a broken stack cannot break it and a
  // concurrent gate process building the same summary never re-inits it under our feet.
  await fs.promises.mkdir(schemaDir, { recursive: true });
  const dir = await fs.promises.mkdtemp(path.join(schemaDir, `aws-${version}-`));
  try {
    await writeJson(path.join(dir, 'main.tf.json'), {
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version } } },
    });
    const init = await ctx.terraform(['init', '-input=false', '-no-color', '-backend=false', `-plugin-dir=${tree.pluginDir}`], dir);
    if (init.code !== 0) throw new Error(`reading the aws provider schema: terraform init failed:\n${tf.outputTail(init)}`);
    const schema = await ctx.terraform(['providers', 'schema', '-json'], dir);
    if (schema.code !== 0) throw new Error(`terraform providers schema -json failed:\n${tf.outputTail(schema)}`);
    const summary = summarizeSchema(JSON.parse(schema.stdout), version);
    const text = JSON.stringify(summary, null, 2) + '\n';
    // Write-then-rename so a concurrent gate run never reads half a file.
    await runs.writeAtomic(cacheFile, text);
    if (sharedFile) {
      // Best effort: a shared folder that cannot be written only costs the next work folder
      // the same provider start.
      try {
        await fs.promises.mkdir(path.dirname(sharedFile), { recursive: true });
        await runs.writeAtomic(sharedFile, text);
      } catch {
        // left unwritten
      }
    }
    return summary;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/**
 * @param {StackResult} result
 */
function summaryLine(result) {
  const plan = result.planCounts ? `  plan ${formatCounts(result.planCounts)}` : '';
  const passed =
    result.stepsPassed.map((step) => (step === 'validate' && result.validatedBy ? `validate(by ${result.validatedBy})` : step)).join(',') ||
    '-';
  return result.ok
    ? `PASS ${result.stack}  steps ${passed}${plan}  ${result.seconds}s`
    : `FAIL ${result.stack}  failed at ${result.failedStep}  passed ${passed}${plan}  ${result.seconds}s`;
}

/**
 * `--show-plan`: every planned change of a stack whose plan step passed, Terraform's counts
 * line, and where the full plan is; indented under the stack's PASS/FAIL line.
 * @param {StackResult} result
 * @returns {string[]}
 */
function planListing(result) {
  if (!result.planFile || !result.planTextFile) return [];
  const plan = JSON.parse(fs.readFileSync(result.planFile, 'utf8'));
  return [
    ...planLines(plan),
    planCountsLine(plan),
    `full plan: ${displayPath(result.planTextFile)}, JSON: ${displayPath(result.planFile)}`,
  ].map((line) => `    ${line}`);
}

/**
 * A path as the user can type it: relative to the current directory when inside it.
 * @param {string} file
 */
function displayPath(file) {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * @param {StackResult[]} results
 */
function failureReport(results) {
  const failed = results.filter((result) => !result.ok);
  if (failed.length === 0) return `terraform-gate: all ${results.length} stack(s) passed`;
  const sections = failed.map(
    (result) =>
      `--- stack ${result.stack}: step ${result.failedStep} failed\n` +
      String(result.error || '')
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n'),
  );
  return [`terraform-gate: ${failed.length} of ${results.length} stack(s) failed`, ...sections].join('\n');
}

/**
 * Like Promise.all(items.map(fn)) with at most `limit` calls in flight; keeps item order.
 * @template T, R
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<R>} fn
 * @returns {Promise<R[]>}
 */
async function mapLimit(items, limit, fn) {
  /** @type {R[]} */
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** @param {number} value */
function round(value) {
  return Math.round(value * 10) / 10;
}

module.exports = {
  runGate,
  STEPS,
  GateSetupError: tf.GateSetupError,
  failureReport,
  summaryLine,
  planListing,
  resolveStacks,
  sharedCacheDir,
  loadOrBuildSummary,
};
