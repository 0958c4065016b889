'use strict';
/**
 * Offline Terraform gate for CDKTF-synthesized stacks.
 *
 * For each `cdktf.out/stacks/<stack>/cdk.tf.json` it runs the real Terraform CLI and the real
 * AWS provider, without AWS credentials or network, on a copy of the stack:
 *   init      terraform init (providers from TF_PLUGIN_DIR's mirror when set)
 *   validate  terraform validate
 *   plan      terraform plan -refresh=false, then `show -json` into <plansDir>/<stack>.json
 *   test      terraform test applying the whole stack against mock_provider "aws"
 * The synthesized files are never modified: the work copy gets an override file instead
 * (see lib/workcopy.js). Every stack's failure is collected and reported at the end.
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
const { SUMMARY_FORMAT, summarizeSchema, buildTestFile, typesInConfig, addTypesFromPlan } = require('./lib/mocks');
const { countPlanChanges, formatCounts } = require('./lib/plan');

/** @typedef {'init'|'validate'|'plan'|'test'} Step */
/** @type {Step[]} */
const STEPS = ['init', 'validate', 'plan', 'test'];
const TEST_FILE = 'tests/gate.tftest.json';
// mock_provider in `terraform test` arrived in Terraform 1.7.
const MIN_VERSION_FOR_TEST = '1.7.0';

/**
 * @typedef {object} GateOptions
 * @property {string} [outDir]          CDKTF output dir (default `cdktf.out`)
 * @property {string[]} [stacks]        stack names; undefined = every stack in outDir
 * @property {Step[]} [steps]           default all; init always runs when a later step does,
 *                                      because the work copy is recreated on every run
 * @property {string} [workDir]         default `dist/terraform-gate`
 * @property {string} [plansDir]        default `<workDir>/plans`
 * @property {string} [pluginDir]       provider mirror; default env TF_PLUGIN_DIR
 * @property {number} [concurrency]     stacks run at once (default 2)
 * @property {number} [timeoutSeconds]  per Terraform command (default 900)
 * @property {(line: string) => void} [log]
 * @property {NodeJS.ProcessEnv} [env]  environment to read PATH/TF_PLUGIN_DIR from and to pass
 *                                      (sanitized) to Terraform; default process.env
 */

/**
 * @typedef {object} StackResult
 * @property {string} stack
 * @property {boolean} ok
 * @property {Step[]} stepsPassed
 * @property {Step|'prepare'} [failedStep]
 * @property {string} [error]            Terraform's stderr tail (or the error message)
 * @property {import('./lib/plan').PlanCounts} [planCounts]
 * @property {string} [planFile]         <plansDir>/<stack>.json when the plan step passed
 * @property {Record<string, number>} stepSeconds
 * @property {number} seconds
 */

/**
 * Runs the gate and resolves with one result per stack. Stack failures are results
 * (`ok: false`); problems with the machine or the arguments throw a GateSetupError.
 * @param {GateOptions} [options]
 * @returns {Promise<StackResult[]>}
 */
async function runGate(options = {}) {
  const ctx = await createContext(options);
  ctx.log(
    `terraform-gate: ${ctx.stacks.length} stack(s), steps ${ctx.steps.join(',')}, concurrency ${ctx.concurrency}, ` +
      `terraform ${ctx.version}, providers from ${ctx.pluginDir ? `TF_PLUGIN_DIR=${ctx.pluginDir}` : 'the registry'}`,
  );
  const results = await mapLimit(ctx.stacks, ctx.concurrency, (stack) => runStack(stack, ctx));
  ctx.log(failureReport(results));
  return results;
}

/**
 * Resolves options, checks the machine (terraform, plugin dir) and the stack names, and
 * writes the shared CLI config. Everything a stack run needs is on the returned context.
 * @param {GateOptions} options
 */
async function createContext(options) {
  const env = options.env || process.env;
  const bin = tf.findTerraform(env);
  const pluginDirSetting = options.pluginDir !== undefined ? options.pluginDir : env.TF_PLUGIN_DIR;
  const pluginDir = pluginDirSetting ? path.resolve(pluginDirSetting) : undefined;
  if (pluginDir) tf.checkPluginDir(pluginDir);

  const outDir = path.resolve(options.outDir || 'cdktf.out');
  const workDir = path.resolve(options.workDir || path.join('dist', 'terraform-gate'));
  const plansDir = path.resolve(options.plansDir || path.join(workDir, 'plans'));
  const steps = resolveSteps(options.steps);
  const stacks = resolveStacks(outDir, options.stacks);
  checkPaths({ outDir, workDir, plansDir, stacks });
  const concurrency = Math.max(1, Math.floor(Number(options.concurrency) || 2));

  const cacheDir = path.join(workDir, '.cache');
  const pluginCacheDir = path.join(cacheDir, 'plugins');
  const cliConfigFile = path.join(cacheDir, 'terraform.rc');
  await fs.promises.mkdir(pluginCacheDir, { recursive: true });
  await fs.promises.mkdir(plansDir, { recursive: true });
  await fs.promises.writeFile(cliConfigFile, tf.cliConfigText({ pluginDir, pluginCacheDir }));

  const childEnv = tf.childEnv(env, cliConfigFile);
  const version = await tf.terraformVersion(bin, childEnv);
  if (steps.includes('test') && !tf.versionAtLeast(version, MIN_VERSION_FOR_TEST)) {
    throw new tf.GateSetupError(
      `Terraform ${version} has no mock_provider for the test step; install Terraform 1.11.x (>= ${MIN_VERSION_FOR_TEST}).`,
    );
  }
  const timeoutSeconds = options.timeoutSeconds || 900;
  /** @param {string[]} args @param {string} cwd */
  const terraform = (args, cwd) => tf.runTerraform(bin, args, { cwd, env: childEnv, timeoutSeconds });

  const ctx = {
    outDir,
    workDir,
    plansDir,
    cacheDir,
    pluginDir,
    steps,
    stacks,
    concurrency,
    version,
    terraform,
    log: options.log || ((/** @type {string} */ line) => console.log(line)),
    // The plugin cache is not safe for concurrent installs, and init is ~1 s, so inits queue.
    withInitLock: createLock(),
    /** @type {Map<string, Promise<import('./lib/mocks').SchemaSummary>>} */
    schemaSummaries: new Map(),
  };
  return ctx;
}

/** @typedef {Awaited<ReturnType<typeof createContext>>} Context */

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
 * @param {string} outDir
 * @param {string[]|undefined} requested
 */
function resolveStacks(outDir, requested) {
  const available = listStacks(outDir);
  if (available.length === 0) {
    throw new tf.GateSetupError(`No stacks found in ${path.join(outDir, 'stacks')}; synthesize first (npm run synth).`);
  }
  if (!requested || requested.length === 0) return available;
  const missing = requested.filter((name) => !available.includes(name));
  if (missing.length > 0) {
    throw new tf.GateSetupError(
      `Stack(s) ${missing.join(', ')} not found in ${path.join(outDir, 'stacks')}; available: ${available.join(', ')}.`,
    );
  }
  return [...new Set(requested)];
}

/**
 * Work copies are deleted and recreated, so refuse layouts where that would delete a
 * synthesized stack or the plans dir.
 * @param {{ outDir: string, workDir: string, plansDir: string, stacks: string[] }} paths
 */
function checkPaths({ outDir, workDir, plansDir, stacks }) {
  for (const stack of stacks) {
    const work = path.join(workDir, stack);
    const source = path.join(outDir, 'stacks', stack);
    if (overlaps(work, source) || overlaps(work, plansDir)) {
      throw new tf.GateSetupError(
        `Work dir ${work} for stack ${stack} overlaps ${overlaps(work, source) ? source : plansDir}; choose another --work-dir or --plans-dir.`,
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
 * @param {string} stack
 * @param {Context} ctx
 * @returns {Promise<StackResult>}
 */
async function runStack(stack, ctx) {
  const started = Date.now();
  /** @type {StackResult} */
  const result = { stack, ok: true, stepsPassed: [], stepSeconds: {}, seconds: 0 };
  const state = {
    stack,
    dir: path.join(ctx.workDir, stack),
    planFile: path.join(ctx.plansDir, `${stack}.json`),
    config: /** @type {any} */ (undefined),
    plan: /** @type {any} */ (undefined),
  };
  try {
    // A stale plan from an earlier run must not reach the plan-report tool.
    await fs.promises.rm(state.planFile, { force: true });
    await copyStack(path.join(ctx.outDir, 'stacks', stack), state.dir);
    state.config = await writeOverrides(state.dir);
  } catch (error) {
    return finish(result, started, ctx, 'prepare', /** @type {Error} */ (error).message);
  }
  for (const step of stepsToRun(ctx.steps)) {
    const stepStarted = Date.now();
    let failure;
    try {
      failure = await STEP_RUNNERS[step](state, ctx);
    } catch (error) {
      failure = /** @type {Error} */ (error).message;
    }
    result.stepSeconds[step] = round((Date.now() - stepStarted) / 1000);
    if (failure) return finish(result, started, ctx, step, failure);
    result.stepsPassed.push(step);
    if (step === 'plan') {
      result.planCounts = countPlanChanges(state.plan);
      result.planFile = state.planFile;
    }
  }
  return finish(result, started, ctx);
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
  ctx.log(summaryLine(result));
  return result;
}

/**
 * @typedef {object} StackState
 * @property {string} stack
 * @property {string} dir        work copy
 * @property {string} planFile
 * @property {any} config        parsed cdk.tf.json
 * @property {any} plan          parsed plan JSON once the plan step passed
 */

/**
 * Each runner resolves with undefined on success or the failure text.
 * @type {Record<Step, (state: StackState, ctx: Context) => Promise<string|undefined>>}
 */
const STEP_RUNNERS = {
  async init(state, ctx) {
    return failureOf(await ctx.withInitLock(() => ctx.terraform(['init', '-input=false', '-no-color'], state.dir)));
  },

  async validate(state, ctx) {
    return failureOf(await ctx.terraform(['validate', '-no-color'], state.dir));
  },

  async plan(state, ctx) {
    const args = ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=tfplan'];
    const planFailure = failureOf(await ctx.terraform(args, state.dir));
    if (planFailure) return planFailure;
    const shown = await ctx.terraform(['show', '-json', 'tfplan'], state.dir);
    const showFailure = failureOf(shown);
    if (showFailure) return showFailure;
    state.plan = JSON.parse(shown.stdout);
    await fs.promises.writeFile(state.planFile, shown.stdout);
    return undefined;
  },

  async test(state, ctx) {
    const version = awsProviderVersion(state.dir);
    const summary = version ? await schemaSummary(version, ctx) : undefined;
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
 * -json`. Computed once per provider version and kept in <workDir>/.cache/schema, in a
 * directory of its own so that a broken stack cannot break it.
 * @param {string} version
 * @param {Context} ctx
 */
function schemaSummary(version, ctx) {
  let pending = ctx.schemaSummaries.get(version);
  if (!pending) {
    pending = loadOrBuildSummary(version, ctx);
    ctx.schemaSummaries.set(version, pending);
  }
  return pending;
}

/**
 * @param {string} version
 * @param {Context} ctx
 * @returns {Promise<import('./lib/mocks').SchemaSummary>}
 */
async function loadOrBuildSummary(version, ctx) {
  const schemaDir = path.join(ctx.cacheDir, 'schema');
  const cacheFile = path.join(schemaDir, `aws-${version}.v${SUMMARY_FORMAT}.json`);
  if (fs.existsSync(cacheFile)) return JSON.parse(await fs.promises.readFile(cacheFile, 'utf8'));

  const dir = path.join(schemaDir, `aws-${version}`);
  await fs.promises.mkdir(dir, { recursive: true });
  await writeJson(path.join(dir, 'main.tf.json'), {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version } } },
  });
  const init = await ctx.withInitLock(() => ctx.terraform(['init', '-input=false', '-no-color', '-backend=false'], dir));
  if (init.code !== 0) throw new Error(`reading the aws provider schema: terraform init failed:\n${tf.outputTail(init)}`);
  const schema = await ctx.terraform(['providers', 'schema', '-json'], dir);
  if (schema.code !== 0) throw new Error(`terraform providers schema -json failed:\n${tf.outputTail(schema)}`);
  const summary = summarizeSchema(JSON.parse(schema.stdout), version);
  // Write-then-rename so a concurrent gate run never reads half a file.
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  await writeJson(temporary, summary);
  await fs.promises.rename(temporary, cacheFile);
  return summary;
}

/**
 * @param {StackResult} result
 */
function summaryLine(result) {
  const plan = result.planCounts ? `  plan ${formatCounts(result.planCounts)}` : '';
  const passed = result.stepsPassed.join(',') || '-';
  return result.ok
    ? `PASS ${result.stack}  steps ${passed}${plan}  ${result.seconds}s`
    : `FAIL ${result.stack}  failed at ${result.failedStep}  passed ${passed}${plan}  ${result.seconds}s`;
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
 * Serializes the functions passed to it.
 * @returns {<T>(fn: () => Promise<T>) => Promise<T>}
 */
function createLock() {
  let tail = Promise.resolve();
  return (fn) => {
    const run = tail.then(fn);
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
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

module.exports = { runGate, STEPS, GateSetupError: tf.GateSetupError, failureReport, summaryLine };
