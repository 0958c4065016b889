'use strict';
/**
 * Runs the real gate (real Terraform, real AWS provider from the mirror lib/mirror.js finds, or
 * TF_PLUGIN_DIR) on small hand-written stacks in CDKTF's JSON shape.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { runGate, GateSetupError, resolveStacks, sharedCacheDir, loadOrBuildSummary } = require('./index');
const { parseArgs } = require('./cli');
const { buildOverride, buildDefaultProvider, buildTestOverride, copyStack } = require('./lib/workcopy');
const { buildTestFile, mockValue, summarizeSchema, SUMMARY_RULES_KEY } = require('./lib/mocks');
const { countPlanChanges, planLines, planCountsLine, planTextFromPlanOutput } = require('./lib/plan');
const { findProviderMirror, searchMirror, usualLocations } = require('./lib/mirror');
const { requiredProviders, treeIsUsable, unreachableHint, TREE_FILE } = require('./lib/providers');
const runs = require('./lib/runs');
const tf = require('./lib/terraform');

const CLI = path.join(__dirname, 'cli.js');

/** The environment without TF_PLUGIN_DIR: the gate must find the mirror by itself. */
const ENV_WITHOUT_PLUGIN_DIR = (() => {
  const env = { ...process.env };
  delete env.TF_PLUGIN_DIR;
  return env;
})();
// On a machine whose only mirror is somewhere the gate does not look, TF_PLUGIN_DIR still works.
const GATE_ENV = findProviderMirror(ENV_WITHOUT_PLUGIN_DIR) ? ENV_WITHOUT_PLUGIN_DIR : process.env;
const MIRROR = findProviderMirror(GATE_ENV);
const RUN_NAME = /^\d{8}T\d{6}Z-(nogit|[0-9a-f]{7,})(-\d+)?$/;

/** CDKTF's per-resource metadata, to keep the fixtures in its exact shape. */
const meta = (id) => ({ '//': { metadata: { path: `fixture/${id}`, uniqueId: id } } });

const provider = (extra) => ({
  region: 'eu-west-1',
  allowed_account_ids: ['210987654321'],
  assume_role: [{ role_arn: 'arn:aws:iam::210987654321:role/deploy', session_name: 'gate' }],
  default_tags: [{ tags: { Project: 'gate-fixture', ManagedBy: 'cdktf' } }],
  ...extra,
});

const terraformBlock = (backend) => ({
  ...(backend ? { backend } : {}),
  required_providers: { aws: { source: 'aws', version: '5.100.0' } },
});

const CONTAINERS = JSON.stringify([{ name: 'app', image: 'nginx:1.27', essential: true }]);

/** Valid stack: s3 backend with assume_role, a default and an aliased provider, and resources
 * whose computed ARNs feed ARN-validated arguments. */
const APP_STACK = {
  '//': { metadata: { backend: 's3', stackName: 'app', version: '0.21.0' }, outputs: {} },
  data: {
    aws_iam_policy_document: {
      assume: {
        ...meta('assume'),
        statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }] }],
      },
    },
  },
  provider: { aws: [provider(), provider({ alias: 'replica', region: 'eu-central-1' })] },
  resource: {
    aws_iam_role: {
      exec: { ...meta('exec'), name: 'app-exec', assume_role_policy: '${data.aws_iam_policy_document.assume.json}' },
      replica_exec: {
        ...meta('replica_exec'),
        provider: 'aws.replica',
        name: 'app-exec-replica',
        assume_role_policy: '${data.aws_iam_policy_document.assume.json}',
      },
    },
    aws_iam_role_policy_attachment: {
      exec_policy: {
        ...meta('exec_policy'),
        role: '${aws_iam_role.exec.name}',
        policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      },
    },
    aws_kms_key: {
      data: { ...meta('data'), description: 'app data', enable_key_rotation: true, lifecycle: { prevent_destroy: true } },
    },
    // acl is deprecated: the plan prints a warning, which the plan text must not contain.
    aws_s3_bucket: { data: { ...meta('bucket'), bucket: 'gate-fixture-app-data', acl: 'private' } },
    aws_s3_bucket_server_side_encryption_configuration: {
      data: {
        ...meta('sse'),
        bucket: '${aws_s3_bucket.data.id}',
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.data.arn}' } }],
      },
    },
    aws_cloudwatch_log_group: {
      app: { ...meta('logs'), name: '/ecs/app', retention_in_days: 30, kms_key_id: '${aws_kms_key.data.arn}' },
    },
    aws_ecs_task_definition: {
      app: {
        ...meta('task'),
        family: 'app',
        cpu: '256',
        memory: '512',
        network_mode: 'awsvpc',
        requires_compatibilities: ['FARGATE'],
        execution_role_arn: '${aws_iam_role.exec.arn}',
        container_definitions: CONTAINERS,
      },
      replica: {
        ...meta('task_replica'),
        provider: 'aws.replica',
        family: 'app-replica',
        execution_role_arn: '${aws_iam_role.replica_exec.arn}',
        container_definitions: CONTAINERS,
      },
    },
  },
  terraform: terraformBlock({
    s3: {
      bucket: 'acme-tfstate-210987654321',
      key: 'app/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      dynamodb_table: 'acme-tflock',
      use_lockfile: true,
      assume_role: { role_arn: 'arn:aws:iam::210987654321:role/state' },
    },
  }),
};
const APP_RESOURCES = [
  'aws_cloudwatch_log_group.app',
  'aws_ecs_task_definition.app',
  'aws_ecs_task_definition.replica',
  'aws_iam_role.exec',
  'aws_iam_role.replica_exec',
  'aws_iam_role_policy_attachment.exec_policy',
  'aws_kms_key.data',
  'aws_s3_bucket.data',
  'aws_s3_bucket_server_side_encryption_configuration.data',
];

/** Bootstrap-style stack: no backend block (local state). */
const BOOTSTRAP_STACK = {
  '//': { metadata: { backend: 'local', stackName: 'bootstrap', version: '0.21.0' }, outputs: {} },
  provider: { aws: [provider({ assume_role: undefined })] },
  resource: { aws_s3_bucket: { state: { ...meta('state'), bucket: 'gate-fixture-state', lifecycle: { prevent_destroy: true } } } },
  terraform: terraformBlock(undefined),
};

/** Invalid stack: an argument aws_s3_bucket does not have. */
const BROKEN_STACK = {
  '//': { metadata: { backend: 's3', stackName: 'broken', version: '0.21.0' }, outputs: {} },
  provider: { aws: [provider()] },
  resource: { aws_s3_bucket: { bad: { ...meta('bad'), bucket: 'gate-fixture-bad', not_a_real_argument: true } } },
  terraform: terraformBlock({ s3: { bucket: 'b', key: 'broken.tfstate', region: 'eu-west-1', encrypt: true } }),
};

/** Invalid stack: a reference to a resource that does not exist. */
const DANGLING_STACK = {
  '//': { metadata: { backend: 's3', stackName: 'dangling', version: '0.21.0' }, outputs: {} },
  provider: { aws: [provider()] },
  resource: {
    aws_cloudwatch_log_group: { logs: { ...meta('logs'), name: '/ecs/dangling', kms_key_id: '${aws_kms_key.missing.arn}' } },
  },
  terraform: terraformBlock({ s3: { bucket: 'b', key: 'dangling.tfstate', region: 'eu-west-1', encrypt: true } }),
};

/** Valid configuration whose plan fails: a variable without a value (validate does not need one). */
const NEEDS_VAR_STACK = {
  '//': { metadata: { backend: 'local', stackName: 'needsvar', version: '0.21.0' }, outputs: {} },
  variable: { log_group_name: { type: 'string' } },
  provider: { aws: [provider({ assume_role: undefined })] },
  resource: { aws_cloudwatch_log_group: { logs: { ...meta('logs'), name: '${var.log_group_name}' } } },
  terraform: terraformBlock(undefined),
};

/** Writes stacks into <dir>/stacks/<name>/cdk.tf.json the way CDKTF does. */
function writeOutDir(dir, stacks) {
  for (const [name, config] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(config, null, 2));
  }
  return dir;
}

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let tmp;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-gate-'));
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('runGate with real Terraform', () => {
  let outDir;
  let workDir;
  let results;
  let logged;
  let hashesBefore;
  let seededRuns;
  let sharedCache;

  beforeAll(async () => {
    outDir = writeOutDir(path.join(tmp, 'cdktf.out'), {
      app: APP_STACK,
      bootstrap: BOOTSTRAP_STACK,
      broken: BROKEN_STACK,
      dangling: DANGLING_STACK,
      needsvar: NEEDS_VAR_STACK,
    });
    workDir = path.join(tmp, 'work');
    // Eleven older runs: after this run only the newest ten runs may remain.
    seededRuns = Array.from({ length: 11 }, (_, i) => path.join(workDir, 'runs', `2020010${Math.floor(i / 10)}T0000${String(i % 10).padStart(2, '0')}Z-nogit`));
    for (const dir of seededRuns) fs.mkdirSync(dir, { recursive: true });
    // The plans folder of earlier versions, which mixed runs: it must go.
    fs.mkdirSync(path.join(workDir, 'plans'), { recursive: true });
    fs.writeFileSync(path.join(workDir, 'plans', 'stale.json'), '{}');
    hashesBefore = ['app', 'bootstrap', 'broken'].map((name) => sha256(path.join(outDir, 'stacks', name, 'cdk.tf.json')));
    logged = [];
    // A shared cache of its own, empty: the schema summary is built here by the real Terraform.
    sharedCache = path.join(tmp, 'shared-cache');
    results = await runGate({
      outDir,
      workDir,
      showPlan: true,
      log: (line) => logged.push(line),
      // Real AWS settings in the parent must not matter; the gate strips them.
      env: { ...GATE_ENV, AWS_PROFILE: 'does-not-exist', AWS_CA_BUNDLE: '/does/not/exist.pem', TF_GATE_CACHE_DIR: sharedCache },
    });
  }, 300000);

  const resultOf = (stack) => results.find((result) => result.stack === stack);
  const output = () => logged.join('\n');

  it('finds the provider mirror by itself and says where it is from', () => {
    expect(MIRROR).toBeDefined();
    const expected = GATE_ENV === ENV_WITHOUT_PLUGIN_DIR ? /\((found by search|a usual Terraform location); set TF_PLUGIN_DIR to choose another\)/ : /\(TF_PLUGIN_DIR\)/;
    expect(logged[0]).toContain(`providers from ${MIRROR.dir} `);
    expect(logged[0]).toMatch(expected);
  });

  it('passes every step for the valid stacks; plan stands in for validate', () => {
    expect(resultOf('app')).toMatchObject({ ok: true, stepsPassed: ['init', 'validate', 'plan', 'test'], validatedBy: 'plan' });
    expect(resultOf('bootstrap')).toMatchObject({ ok: true, stepsPassed: ['init', 'validate', 'plan', 'test'], validatedBy: 'plan' });
    expect(Object.keys(resultOf('app').stepSeconds)).toEqual(['init', 'plan', 'test']); // validate never ran
    expect(resultOf('app').planCounts).toEqual({ create: APP_RESOURCES.length, update: 0, delete: 0 });
  });

  it('still tells a failing plan from an invalid configuration', () => {
    expect(resultOf('needsvar')).toMatchObject({ ok: false, failedStep: 'plan', stepsPassed: ['init', 'validate'] });
    expect(resultOf('needsvar').validatedBy).toBeUndefined();
    expect(resultOf('needsvar').error).toMatch(/No value for required variable/);
    expect(Object.keys(resultOf('needsvar').stepSeconds)).toEqual(['init', 'plan', 'validate']);
  });

  it('writes the plan JSON and text into a fresh run folder', () => {
    expect(path.dirname(results.runDir)).toBe(path.join(workDir, 'runs'));
    expect(path.basename(results.runDir)).toMatch(RUN_NAME);
    const planFile = path.join(results.runDir, 'plans', 'app.json');
    expect(resultOf('app').planFile).toBe(planFile);
    expect(resultOf('app').planTextFile).toBe(path.join(results.runDir, 'plans', 'app.txt'));
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
    const planned = plan.resource_changes.map((change) => change.address).sort();
    expect(planned).toEqual(APP_RESOURCES);
    expect(plan.resource_changes.every((change) => change.change.actions.join() === 'create')).toBe(true);
    expect(fs.readdirSync(path.join(results.runDir, 'plans')).sort()).toEqual(['app.json', 'app.txt', 'bootstrap.json', 'bootstrap.txt']);
  });

  it('writes the human-readable plan exactly as terraform show prints it, from plan output alone', async () => {
    const run = (args) =>
      tf.runTerraform(tf.findTerraform(process.env), args, {
        cwd: path.join(results.runDir, 'work', 'app'),
        env: tf.childEnv(process.env, path.join(workDir, '.cache', 'terraform.rc')),
        timeoutSeconds: 300,
      });
    const shown = await run(['show', '-no-color', 'tfplan']);
    expect(shown.code).toBe(0);
    const text = fs.readFileSync(resultOf('app').planTextFile, 'utf8');
    expect(text).toBe(shown.stdout);
    expect(text).toContain('Plan: 9 to add, 0 to change, 0 to destroy.');
    // What the gate's plan step printed: data-source progress first, a warning after the plan.
    // Cutting those must give show's text without running show (no fallback taken).
    const planned = await run(['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=tfplan-again']);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/^data\.aws_iam_policy_document\.assume: Reading\.\.\.$/m);
    expect(planned.stdout).toMatch(/^Warning: Argument is deprecated$/m);
    expect(planTextFromPlanOutput(planned.stdout)).toBe(shown.stdout);
    expect(planTextFromPlanOutput('Error: something else')).toBeUndefined();
  });

  it('records the run in run.json, points latest at it and keeps the newest ten runs', () => {
    const record = runs.readRunRecord(results.runDir);
    expect(record).toMatchObject({ commit: null, dirty: null, terraformVersion: expect.stringMatching(/^1\.\d+\.\d+/) });
    expect(Date.parse(record.finishedAt)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
    expect(Object.keys(record.stacks).sort()).toEqual(['app', 'bootstrap', 'broken', 'dangling', 'needsvar']);
    expect(record.stacks.app).toMatchObject({
      ok: true,
      planFile: 'plans/app.json',
      planTextFile: 'plans/app.txt',
      counts: { create: 9, update: 0, delete: 0 },
    });
    expect(record.stacks.broken).toEqual({ ok: false, failedStep: 'validate', stepsPassed: ['init'] });
    expect(fs.readFileSync(path.join(workDir, 'latest'), 'utf8')).toBe(`${results.runDir}\n`);
    expect(runs.latestRunDir(workDir)).toBe(results.runDir);
    const left = fs.readdirSync(path.join(workDir, 'runs')).sort();
    expect(left).toHaveLength(10);
    expect(left).toContain(path.basename(results.runDir));
    expect(left).not.toContain(path.basename(seededRuns[0]));
    expect(left).not.toContain(path.basename(seededRuns[1]));
    expect(fs.existsSync(path.join(workDir, 'plans'))).toBe(false);
  });

  it('keeps the schema summary in its work folder and in the shared cache, the same bytes', () => {
    const name = `aws-5.100.0.${SUMMARY_RULES_KEY}.json`;
    const own = fs.readFileSync(path.join(workDir, '.cache', 'schema', name), 'utf8');
    expect(fs.readFileSync(path.join(sharedCache, 'schema', name), 'utf8')).toBe(own);
    expect(JSON.parse(own).resource.aws_iam_role).toContain('arn');
    // The temporary folder the summary was built in is gone.
    expect(fs.readdirSync(path.join(workDir, '.cache', 'schema'))).toEqual([name]);
  });

  it('never modifies cdk.tf.json', () => {
    const hashesAfter = ['app', 'bootstrap', 'broken'].map((name) => sha256(path.join(outDir, 'stacks', name, 'cdk.tf.json')));
    expect(hashesAfter).toEqual(hashesBefore);
    expect(fs.readdirSync(path.join(outDir, 'stacks', 'app'))).toEqual(['cdk.tf.json']);
  });

  it('replaces the s3 backend with a local one in the work copy', () => {
    const backendState = JSON.parse(fs.readFileSync(path.join(results.runDir, 'work', 'app', '.terraform', 'terraform.tfstate'), 'utf8'));
    expect(backendState.backend.type).toBe('local');
  });

  it('reports the invalid stack with its step and Terraform error, after the others ran', () => {
    expect(resultOf('broken')).toMatchObject({ ok: false, failedStep: 'validate', stepsPassed: ['init'] });
    expect(resultOf('broken').error).toMatch(/Extraneous JSON object property|Unsupported argument/);
    expect(resultOf('broken').error).toMatch(/not_a_real_argument/);
    expect(resultOf('dangling')).toMatchObject({ ok: false, failedStep: 'validate' });
    expect(resultOf('dangling').error).toMatch(/Reference to undeclared resource[\s\S]*aws_kms_key\.missing/);
    expect(resultOf('broken').planFile).toBeUndefined();
    expect(fs.existsSync(path.join(results.runDir, 'plans', 'broken.json'))).toBe(false);
    expect(output()).toMatch(/^PASS app\s+steps init,validate\(by plan\),plan,test\s+plan \+9 ~0 -0\s+[\d.]+s$/m);
    expect(output()).toMatch(/^PASS bootstrap\b/m);
    expect(output()).toMatch(/^FAIL broken\s+failed at validate/m);
    expect(output()).toMatch(/^FAIL needsvar\s+failed at plan\s+passed init,validate\s/m);
    expect(output()).toMatch(/3 of 5 stack\(s\) failed/);
    expect(output()).toMatch(/--- stack broken: step validate failed/);
    expect(output()).toMatch(/--- stack dangling: step validate failed/);
  });

  it('--show-plan lists every change under the stack line, then the counts and where the plan is', () => {
    const block = logged.find((entry) => entry.startsWith('PASS app ')).split('\n');
    const rel = (file) => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file));
    expect(block.slice(1)).toEqual([
      ...APP_RESOURCES.map((address) => `    + ${address}`),
      '    Plan: 9 to add, 0 to change, 0 to destroy.',
      `    full plan: ${rel(resultOf('app').planTextFile)}, JSON: ${rel(resultOf('app').planFile)}`,
    ]);
    expect(logged.find((entry) => entry.startsWith('FAIL broken '))).not.toContain('\n'); // no plan, no listing
    expect(logged[logged.length - 1]).toBe(`terraform-gate: run folder ${rel(results.runDir)}`);
  });

  it('links each stack to the shared provider tree and from there to the mirror, without copies', () => {
    expect(fs.readFileSync(path.join(workDir, '.cache', 'terraform.rc'), 'utf8')).not.toMatch(/plugin_cache_dir/);
    const binary = (dir) => {
      const platformDir = path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0');
      const [platform] = fs.readdirSync(platformDir);
      return fs.realpathSync(path.join(platformDir, platform, fs.readdirSync(path.join(platformDir, platform)).find((f) => f.startsWith('terraform-provider-aws'))));
    };
    const linked = binary(path.join(results.runDir, 'work', 'app', '.terraform', 'providers'));
    const trees = fs.readdirSync(path.join(workDir, '.cache', 'providers'));
    expect(trees).toHaveLength(1); // every fixture requires the same providers
    const tree = path.join(workDir, '.cache', 'providers', trees[0]);
    expect(treeIsUsable(tree)).toBe(true);
    expect(binary(path.join(tree, '.terraform', 'providers'))).toBe(linked);
    if (fs.existsSync(path.join(MIRROR.dir, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0'))) {
      expect(linked).toBe(binary(MIRROR.dir)); // an unpacked mirror is used in place
    }
  });

  // The flaky "fork/exec .terraform/providers/...: no such file or directory": inits of other
  // stacks used to delete and recreate the shared cache entry a running stack's provider went
  // through. Now nothing shared may change once built, whatever other runs do. And two gates on
  // one stack at once (Nx runs a project's validate and plan in parallel) each get their own
  // work copy. One pair of concurrent runs shows both.
  it('never rewrites anything shared when other runs init and plan again, and gives two gates on one stack their own work copies', async () => {
    const tree = path.join(workDir, '.cache', 'providers', fs.readdirSync(path.join(workDir, '.cache', 'providers'))[0]);
    const snapshot = () => {
      const entries = {};
      const walk = (dir) => {
        for (const name of fs.readdirSync(dir)) {
          const file = path.join(dir, name);
          const stat = fs.lstatSync(file);
          entries[path.relative(tree, file)] = `${stat.ino}:${stat.mtimeMs}`;
          if (stat.isDirectory()) walk(file);
        }
      };
      walk(tree);
      return entries;
    };
    const before = snapshot();
    const plansDir = path.join(tmp, 'custom-plans');
    const [validated, again] = await Promise.all([
      runGate({ outDir, workDir, stacks: ['app'], steps: ['init', 'validate'], log: () => {}, env: GATE_ENV }),
      runGate({ outDir, workDir, stacks: ['boot*', 'app'], steps: ['plan'], plansDir, log: () => {}, env: GATE_ENV }),
    ]);
    expect(again.map((result) => [result.stack, result.ok])).toEqual([['bootstrap', true], ['app', true]]);
    expect(validated.map((result) => [result.stack, result.ok])).toEqual([['app', true]]);
    expect(snapshot()).toEqual(before);
    expect(validated.runDir).not.toBe(again.runDir);
    for (const run of [validated, again]) expect(fs.existsSync(path.join(run.runDir, 'work', 'app', 'gate_override.tf.json'))).toBe(true);
    expect(again[1].planFile).toBe(path.join(plansDir, 'app.json'));
    expect(fs.readdirSync(plansDir).sort()).toEqual(['app.json', 'app.txt', 'bootstrap.json', 'bootstrap.txt']);
    expect(runs.readRunRecord(again.runDir).stacks.app.planFile).toBe(path.join(plansDir, 'app.json'));
    expect(fs.existsSync(path.join(again.runDir, 'plans'))).toBe(false);
    expect([validated.runDir, again.runDir]).toContain(runs.latestRunDir(workDir));
  }, 300000);
});

describe('--show-plan listing on real plans with every kind of change', () => {
  // Plans made by the real Terraform against a state derived from a first plan (the plan
  // report's helper), so that updates, both kinds of replacement and destroys occur.
  const { createWorkspace, planConfig, showPlanText, awsResourceSchemas, stateFromPlan } = require('../plan-report/testing/real-plans');
  const sg = (description, extra) => ({ name: 'web', description, vpc_id: 'vpc-0123456789abcdef0', ...extra });
  const V1 = {
    aws_security_group: { web: sg('v1'), zed: sg('v1', { name: 'zed', lifecycle: { create_before_destroy: true } }) },
    aws_kms_key: { state: { description: 'v1', enable_key_rotation: true } },
    aws_cloudwatch_log_group: { old: { name: '/app/old' }, kept: { name: '/app/kept' }, many: { count: 3, name: '/app/many-${count.index}' } },
  };
  const V2 = {
    aws_security_group: { web: sg('v2'), zed: sg('v2', { name: 'zed', lifecycle: { create_before_destroy: true } }) },
    aws_kms_key: { state: { description: 'v2', enable_key_rotation: true } },
    // 12 instances: index 10 and 11 show whether the listing sorts like Terraform does.
    aws_cloudwatch_log_group: { kept: { name: '/app/kept' }, many: { count: 12, name: '/app/many-${count.index}' } },
  };
  let plan;
  let text;

  beforeAll(async () => {
    const workspace = createWorkspace(fs.mkdtempSync(path.join(tmp, 'listing-')));
    const first = await planConfig(workspace, 'v1', V1);
    const state = stateFromPlan(first, await awsResourceSchemas(workspace, 'v1'));
    plan = await planConfig(workspace, 'v2', V2, state);
    text = await showPlanText(workspace, 'v2');
  }, 300000);

  it('lists what Terraform lists, in its order and with its symbols', () => {
    // Terraform's text: "  # <address> will be created" then a line starting with the symbol.
    const lines = text.split('\n');
    const fromTerraform = [];
    lines.forEach((line, i) => {
      const header = /^ {2}# (\S+) (will be|must be)/.exec(line);
      if (!header) return;
      const symbol = lines.slice(i + 1).find((next) => !next.trim().startsWith('#')).trim().split(' ')[0];
      if (symbol !== '<=') fromTerraform.push(`${symbol} ${header[1]}`);
    });
    const listed = planLines(plan);
    expect(listed.map((line) => line.replace(/ \(replace: .*\)$/, ''))).toEqual(fromTerraform);
    expect(listed).toContain('-/+ aws_security_group.web (replace: description)');
    expect(listed).toContain('+/- aws_security_group.zed (replace: description)');
    expect(listed).toContain('~ aws_kms_key.state');
    expect(listed).toContain('- aws_cloudwatch_log_group.old');
    expect(listed).toContain('+ aws_cloudwatch_log_group.many[11]');
    expect(listed.some((line) => line.includes('aws_cloudwatch_log_group.kept'))).toBe(false);
  });

  it('prints the counts line Terraform prints', () => {
    expect(text).toContain(`\n${planCountsLine(plan)}\n`);
    expect(planCountsLine(plan)).toBe('Plan: 11 to add, 1 to change, 3 to destroy.');
    expect(planCountsLine({ resource_changes: [], output_changes: {} })).toBe('No changes. Your infrastructure matches the configuration.');
  });
});

describe('no mirror and no registry', () => {
  it('starts the failure with one line saying what to install or set', async () => {
    const home = fs.mkdtempSync(path.join(tmp, 'empty-home-'));
    const env = { ...ENV_WITHOUT_PLUGIN_DIR, HOME: home, TF_GATE_MIRROR_SEARCH: 'off' };
    delete env.XDG_DATA_HOME;
    // The system-wide locations of this machine must be empty too, or this test tests nothing.
    expect(findProviderMirror(env)).toBeUndefined();
    const outDir = writeOutDir(path.join(tmp, 'offline-out'), { bootstrap: BOOTSTRAP_STACK });
    const logged = [];
    const [result] = await runGate({
      outDir,
      workDir: path.join(tmp, 'offline-work'),
      env,
      log: (line) => logged.push(line),
      // The registry at a closed local port: fails at once, never touches the network.
      cliConfigExtra: 'host "registry.terraform.io" {\n  services = {\n    "providers.v1" = "https://127.0.0.1:9/v1/providers/"\n  }\n}\n',
    });
    expect(logged[0]).toMatch(/providers from the registry \(no provider mirror found; set TF_PLUGIN_DIR to use one\)/);
    expect(result).toMatchObject({ ok: false, failedStep: 'init', stepsPassed: [] });
    const [first, ...rest] = result.error.split('\n');
    expect(first).toBe(
      'no AWS provider: registry.terraform.io is unreachable and no provider mirror was found; set TF_PLUGIN_DIR to a folder ' +
        'holding registry.terraform.io/hashicorp/aws/5.100.0 (make one with "terraform providers mirror <dir>" on a connected machine)',
    );
    expect(rest.join('\n')).toMatch(/Failed to query available provider packages[\s\S]*127\.0\.0\.1:9/);
  }, 120000);

  it('gives the hint only for an unreachable registry without a mirror', () => {
    const requirements = requiredProviders(BOOTSTRAP_STACK);
    const unreachable = 'Error: Failed to query available provider packages\n\ncould not connect to registry.terraform.io: dial tcp: lookup registry.terraform.io: no such host';
    const noSuchVersion = 'Error: Failed to query available provider packages\n\nno available releases match the given constraints 9.9.9';
    expect(unreachableHint(unreachable, requirements, false)).toMatch(/^no AWS provider: registry\.terraform\.io is unreachable/);
    expect(unreachableHint(unreachable, requirements, true)).toBeUndefined();
    expect(unreachableHint(noSuchVersion, requirements, false)).toBeUndefined();
    expect(unreachableHint(unreachable, { aws: { source: 'registry.terraform.io/hashicorp/aws', version: '~> 5.0' } }, false)).toContain(
      'registry.terraform.io/hashicorp/aws/<version>',
    );
  });
});

describe('finding the provider mirror', () => {
  let root;
  const provider = (mirror, version = '5.100.0') => {
    const dir = path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', version, 'linux_amd64');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `terraform-provider-aws_v${version}_x5`), '');
    return mirror;
  };
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(tmp, 'root-'));
    // Not candidates: skipped trees, a symlink, no aws, a dangling cache entry, too deep.
    provider(path.join(root, 'node_modules', 'x'));
    provider(path.join(root, 'a', '.git'));
    provider(path.join(root, 'proc'));
    fs.mkdirSync(path.join(root, 'b', 'registry.terraform.io', 'hashicorp', 'random'), { recursive: true });
    const stale = path.join(root, 'c', 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0');
    fs.mkdirSync(stale, { recursive: true });
    fs.symlinkSync(path.join(root, 'gone'), path.join(stale, 'linux_amd64'));
    provider(path.join(root, 'd', 'e', 'f', 'g'));
    fs.symlinkSync(provider(path.join(tmp, 'elsewhere')), path.join(root, 'link'));
  });

  it('searches at most four levels deep, skipping what find skips and what cannot be used', () => {
    expect(searchMirror(root)).toBeUndefined();
    const found = provider(path.join(root, 'x', 'y', 'z'));
    expect(searchMirror(root)).toBe(found);
    // Shallower wins, and a packed mirror counts.
    const packed = path.join(root, 'w', 'registry.terraform.io', 'hashicorp', 'aws');
    fs.mkdirSync(packed, { recursive: true });
    fs.writeFileSync(path.join(packed, 'terraform-provider-aws_5.100.0_linux_amd64.zip'), '');
    expect(searchMirror(root)).toBe(path.join(root, 'w'));
  });

  it('prefers TF_PLUGIN_DIR, then the usual locations, then the search (unless it is off)', () => {
    const usual = provider(path.join(tmp, 'usual'));
    const options = { root, locations: [path.join(tmp, 'missing'), usual] };
    expect(findProviderMirror({ TF_PLUGIN_DIR: usual }, options)).toEqual({ dir: usual, source: 'TF_PLUGIN_DIR' });
    expect(() => findProviderMirror({ TF_PLUGIN_DIR: path.join(tmp, 'missing') }, options)).toThrow(GateSetupError);
    expect(findProviderMirror({}, options)).toEqual({ dir: usual, source: 'usual location' });
    expect(findProviderMirror({}, { root, locations: [] })).toEqual({ dir: path.join(root, 'w'), source: 'search' });
    expect(findProviderMirror({ TF_GATE_MIRROR_SEARCH: 'off' }, { root, locations: [] })).toBeUndefined();
    expect(usualLocations({ HOME: '/h' })).toEqual([
      '/h/.terraform.d/plugins',
      '/h/.local/share/terraform/plugins',
      '/usr/local/share/terraform/plugins',
      '/usr/share/terraform/plugins',
    ]);
    expect(usualLocations({ HOME: '/h', XDG_DATA_HOME: '/x' })[1]).toBe('/x/terraform/plugins');
  });

  it('finds the mirror of this machine without TF_PLUGIN_DIR', () => {
    expect(findProviderMirror(ENV_WITHOUT_PLUGIN_DIR)).toBeDefined();
  });
});

describe('work copies', () => {
  it("takes the synthesized files of a stack's folder, none of what Terraform left there", async () => {
    const stackDir = fs.mkdtempSync(path.join(tmp, 'stack-'));
    const files = ['cdk.tf.json', 'assets/lambda/index.zip', '.terraform/terraform.tfstate', '.terraform.lock.hcl', '.terraform.tfstate.lock.info', 'terraform.tfstate', 'terraform.tfstate.backup', 'tfplan'];
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(stackDir, file)), { recursive: true });
      fs.writeFileSync(path.join(stackDir, file), file);
    }
    const workDir = path.join(fs.mkdtempSync(path.join(tmp, 'work-')), 'stack');
    fs.mkdirSync(workDir);
    fs.writeFileSync(path.join(workDir, 'stale'), 'from an earlier run');
    await copyStack(stackDir, workDir);
    const copied = fs.readdirSync(workDir, { recursive: true }).filter((entry) => fs.statSync(path.join(workDir, entry)).isFile());
    expect(copied.sort()).toEqual(['assets/lambda/index.zip', 'cdk.tf.json']);
  });
});

describe('provider trees and run folders', () => {
  it('reuses a tree only while every package it installed resolves', () => {
    const tree = fs.mkdtempSync(path.join(tmp, 'tree-'));
    const relative = path.join('.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', 'linux_amd64');
    const target = fs.mkdtempSync(path.join(tmp, 'tree-target-'));
    fs.writeFileSync(path.join(target, 'terraform-provider-aws_v5.100.0_x5'), '');
    fs.mkdirSync(path.dirname(path.join(tree, relative)), { recursive: true });
    fs.symlinkSync(target, path.join(tree, relative));
    expect(treeIsUsable(tree)).toBe(false); // not complete: no record yet
    fs.writeFileSync(path.join(tree, TREE_FILE), JSON.stringify({ format: 1, packages: [relative] }));
    expect(treeIsUsable(tree)).toBe(true);
    fs.rmSync(target, { recursive: true });
    expect(treeIsUsable(tree)).toBe(false);
  });

  it('names run folders by UTC time and commit, and never hands one folder to two runs', async () => {
    const workDir = fs.mkdtempSync(path.join(tmp, 'runs-'));
    const at = new Date('2026-12-02T10:00:05.678Z');
    expect(runs.compactUtc(at)).toBe('20261202T100005Z');
    const dirs = await Promise.all([1, 2, 3].map(() => runs.createRunDir(workDir, at, 'abc1234')));
    expect(dirs.map((dir) => path.basename(dir)).sort()).toEqual(['20261202T100005Z-abc1234', '20261202T100005Z-abc1234-2', '20261202T100005Z-abc1234-3']);
    expect(path.basename(await runs.createRunDir(workDir, at, null))).toBe('20261202T100005Z-nogit');
  });

  it('prunes to the newest runs but never the current one', async () => {
    const workDir = fs.mkdtempSync(path.join(tmp, 'prune-'));
    const names = ['20260101T000000Z-a', '20260102T000000Z-b', '20260103T000000Z-c', '20260104T000000Z-d'];
    for (const name of [...names, 'not-a-run']) fs.mkdirSync(path.join(workDir, 'runs', name), { recursive: true });
    await runs.pruneRuns(workDir, path.join(workDir, 'runs', names[0]), 2);
    expect(fs.readdirSync(path.join(workDir, 'runs')).sort()).toEqual([names[0], names[3], 'not-a-run']);
  });

  it('records the commit and whether the working tree has uncommitted changes', async () => {
    const repo = fs.mkdtempSync(path.join(tmp, 'repo-'));
    const git = (...args) => spawnSync('git', ['-c', 'user.email=gate@example.com', '-c', 'user.name=gate', ...args], { cwd: repo, encoding: 'utf8' });
    expect(await runs.gitState(repo)).toEqual({ commit: null, dirty: null });
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'a');
    git('add', 'a.txt');
    git('commit', '-q', '-m', 'a');
    const commit = git('rev-parse', '--short', 'HEAD').stdout.trim();
    expect(await runs.gitState(repo)).toEqual({ commit, dirty: false });
    fs.writeFileSync(path.join(repo, 'a.txt'), 'b');
    expect(await runs.gitState(repo)).toEqual({ commit, dirty: true });
  });
});

describe('setup errors', () => {
  let outDir;
  beforeAll(() => {
    outDir = writeOutDir(path.join(tmp, 'setup-out'), { bootstrap: BOOTSTRAP_STACK });
  });

  it('explains how to install Terraform when it is not on PATH', async () => {
    const run = runGate({ outDir, workDir: path.join(tmp, 'setup-work'), env: { ...process.env, PATH: path.join(tmp, 'no-bin') } });
    await expect(run).rejects.toBeInstanceOf(GateSetupError);
    await expect(run).rejects.toThrow(/Terraform CLI not found on PATH[\s\S]*1\.11[\s\S]*releases\.hashicorp\.com/);
    await expect(run).rejects.toThrow(/terraform providers mirror[\s\S]*TF_PLUGIN_DIR/);
  });

  it('rejects a TF_PLUGIN_DIR without the AWS provider', async () => {
    const empty = path.join(tmp, 'empty-mirror');
    fs.mkdirSync(empty, { recursive: true });
    const run = runGate({ outDir, workDir: path.join(tmp, 'setup-work'), env: { ...process.env, TF_PLUGIN_DIR: empty } });
    await expect(run).rejects.toThrow(/TF_PLUGIN_DIR=.*empty-mirror does not contain registry\.terraform\.io\/hashicorp\/aws/);
  });

  it('rejects unknown stacks and steps', async () => {
    const base = { outDir, workDir: path.join(tmp, 'setup-work'), env: GATE_ENV };
    await expect(runGate({ ...base, stacks: ['nope'] })).rejects.toThrow(/nope not found.*available: bootstrap/);
    await expect(runGate({ ...base, steps: ['apply'] })).rejects.toThrow(/Unknown step\(s\) apply/);
    // A bad argument leaves no empty run folder behind.
    expect(fs.existsSync(path.join(tmp, 'setup-work', 'runs'))).toBe(false);
  });

  it('selects stacks by name and by prefix pattern, like tools/synth', () => {
    const dir = writeOutDir(path.join(tmp, 'pattern-out'), {
      'bootstrap-1': BOOTSTRAP_STACK,
      'bootstrap-2': BOOTSTRAP_STACK,
      dev: BOOTSTRAP_STACK,
      prod: BOOTSTRAP_STACK,
    });
    expect(resolveStacks(dir, ['bootstrap-*'])).toEqual(['bootstrap-1', 'bootstrap-2']);
    expect(resolveStacks(dir, ['prod', 'bootstrap-*', 'bootstrap-2'])).toEqual(['prod', 'bootstrap-1', 'bootstrap-2']);
    expect(resolveStacks(dir, ['*'])).toEqual(['bootstrap-1', 'bootstrap-2', 'dev', 'prod']);
    expect(resolveStacks(dir, undefined)).toEqual(['bootstrap-1', 'bootstrap-2', 'dev', 'prod']);
    expect(() => resolveStacks(dir, ['bootstrap-*', 'qa-*'])).toThrow(GateSetupError);
    expect(() => resolveStacks(dir, ['qa-*'])).toThrow(/qa-\* not found .*available: bootstrap-1, bootstrap-2, dev, prod\./);
    expect(() => resolveStacks(dir, ['bootstrap'])).toThrow(/bootstrap not found/); // a name is a whole name
  });
});

describe('cli', () => {
  const runCli = (args, env, cwd) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...GATE_ENV, ...env } });

  it('parses repeatable and comma-separated flags', () => {
    expect(parseArgs(['--stack', 'a,b', '--stack=c*', '--steps', 'init,validate', '--concurrency', '1', '--out-dir=x', '--show-plan'])).toEqual({
      help: false,
      options: { stacks: ['a', 'b', 'c*'], steps: ['init', 'validate'], concurrency: 1, outDir: 'x', showPlan: true },
    });
    expect(() => parseArgs(['--bogus'])).toThrow(/Unknown argument --bogus/);
    expect(() => parseArgs(['--concurrency', '0'])).toThrow(/whole number/);
    expect(() => parseArgs(['--show-plan=yes'])).toThrow(/takes no value/);
  });

  it('checks the stacks a prefix pattern selects, and names the run folder with the commit', () => {
    const repo = fs.mkdtempSync(path.join(tmp, 'cli-repo-'));
    const git = (...args) => spawnSync('git', ['-c', 'user.email=gate@example.com', '-c', 'user.name=gate', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    fs.writeFileSync(path.join(repo, '.gitignore'), 'cdktf.out/\ndist/\n');
    git('add', '.gitignore');
    git('commit', '-q', '-m', 'init');
    const commit = git('rev-parse', '--short', 'HEAD').stdout.trim();
    writeOutDir(path.join(repo, 'cdktf.out'), { 'bootstrap-1': BOOTSTRAP_STACK, 'bootstrap-2': BOOTSTRAP_STACK, dev: BOOTSTRAP_STACK });
    const run = runCli(['--stack', 'bootstrap-*', '--steps', 'init'], {}, repo);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^terraform-gate: 2 stack\(s\), steps init,/m);
    expect(run.stdout).toMatch(/^PASS bootstrap-1\s+steps init\s/m);
    expect(run.stdout).toMatch(/^PASS bootstrap-2\s+steps init\s/m);
    expect(run.stdout).not.toMatch(/PASS dev/);
    const runDir = /^terraform-gate: run folder (\S+)$/m.exec(run.stdout)[1];
    expect(runDir).toMatch(new RegExp(`^dist/terraform-gate/runs/\\d{8}T\\d{6}Z-${commit}$`));
    expect(runs.readRunRecord(path.join(repo, runDir))).toMatchObject({ commit, dirty: false, stacks: { 'bootstrap-1': { ok: true } } });
    expect(run.stdout.trim().split('\n').pop()).toBe(`terraform-gate: run folder ${runDir}`);

    const unknown = runCli(['--stack', 'qa-*'], {}, repo);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Stack\(s\) qa-\* not found .*available: bootstrap-1, bootstrap-2, dev\./);
  }, 120000);

  it('prints help', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--stack <a,b>/);
  });

  it('exits 1 and names the failing stack and step', () => {
    const outDir = writeOutDir(path.join(tmp, 'cli-out'), { broken: BROKEN_STACK });
    const run = runCli(['--out-dir', outDir, '--work-dir', path.join(tmp, 'cli-work'), '--steps', 'validate']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL broken\s+failed at validate/);
    expect(run.stdout).toMatch(/not_a_real_argument/);
  }, 120000);

  it('exits 2 with the install message when terraform is missing', () => {
    const run = runCli(['--out-dir', path.join(tmp, 'cli-out')], { PATH: path.join(tmp, 'no-bin') });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Terraform CLI not found on PATH/);
  });
});

describe('the schema summary cache shared between work folders', () => {
  const version = '5.100.0';
  const name = `aws-${version}.${SUMMARY_RULES_KEY}.json`;
  const SCHEMA = {
    provider_schemas: {
      'registry.terraform.io/hashicorp/aws': {
        resource_schemas: { aws_iam_role: { block: { attributes: { arn: { type: 'string', computed: true } } } } },
        data_source_schemas: {},
      },
    },
  };
  /** A context whose Terraform records its commands and answers `providers schema` with SCHEMA. */
  function fakeContext(dir) {
    const commands = [];
    return {
      commands,
      cacheDir: path.join(dir, 'work', '.cache'),
      sharedCacheDir: path.join(dir, 'shared'),
      terraform: async (args) => {
        commands.push(args.slice(0, 2).join(' '));
        return { code: 0, stdout: args[0] === 'providers' ? JSON.stringify(SCHEMA) : '', stderr: '' };
      },
    };
  }
  const tree = { pluginDir: '/nowhere' };

  it('builds the summary once, then a fresh work folder takes it from the shared cache without Terraform', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'shared-summary-'));
    const first = fakeContext(dir);
    const built = await loadOrBuildSummary(version, tree, first);
    expect(first.commands).toEqual(['init -input=false', 'providers schema']);
    expect(JSON.parse(fs.readFileSync(path.join(first.sharedCacheDir, 'schema', name), 'utf8'))).toEqual(built);

    const second = { ...fakeContext(dir), cacheDir: path.join(dir, 'other-work', '.cache') };
    expect(await loadOrBuildSummary(version, tree, second)).toEqual(built);
    expect(second.commands).toEqual([]);
    // ...and keeps a copy in its own work folder.
    expect(JSON.parse(fs.readFileSync(path.join(second.cacheDir, 'schema', name), 'utf8'))).toEqual(built);
  });

  it('rebuilds when the shared file is truncated or of another version, and repairs it', async () => {
    for (const broken of ['{"format": 2, "vers', JSON.stringify({ ...summarizeSchema(SCHEMA, '5.99.0') })]) {
      const dir = fs.mkdtempSync(path.join(tmp, 'shared-summary-'));
      const ctx = fakeContext(dir);
      fs.mkdirSync(path.join(ctx.sharedCacheDir, 'schema'), { recursive: true });
      fs.writeFileSync(path.join(ctx.sharedCacheDir, 'schema', name), broken);
      const summary = await loadOrBuildSummary(version, tree, ctx);
      expect(summary).toEqual(summarizeSchema(SCHEMA, version));
      expect(ctx.commands).toContain('providers schema');
      expect(JSON.parse(fs.readFileSync(path.join(ctx.sharedCacheDir, 'schema', name), 'utf8'))).toEqual(summary);
    }
  });

  it('still works when the shared folder cannot be written, and with none', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'shared-summary-'));
    const blocked = fakeContext(dir);
    fs.writeFileSync(blocked.sharedCacheDir, 'a file where the folder would be');
    expect((await loadOrBuildSummary(version, tree, blocked)).resource).toEqual({ aws_iam_role: ['arn'] });
    const none = { ...fakeContext(fs.mkdtempSync(path.join(tmp, 'shared-summary-'))), sharedCacheDir: undefined };
    expect((await loadOrBuildSummary(version, tree, none)).resource).toEqual({ aws_iam_role: ['arn'] });
  });

  it('lives under TF_GATE_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache; off turns it off', () => {
    expect(sharedCacheDir({ TF_GATE_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(sharedCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/ecs-platform/terraform-gate');
    expect(sharedCacheDir({ HOME: '/h' })).toBe('/h/.cache/ecs-platform/terraform-gate');
    expect(sharedCacheDir({ TF_GATE_CACHE_DIR: 'off', HOME: '/h' })).toBeUndefined();
    expect(sharedCacheDir({})).toBeUndefined();
  });
});

describe('generated files', () => {
  it('overrides every aws provider block by alias and neutralises roles and account checks', () => {
    const override = buildOverride(APP_STACK, '/work/app');
    expect(override.terraform.backend).toEqual({ local: { path: path.join('/work/app', 'terraform.tfstate') } });
    expect(override.provider.aws.map((block) => block.alias)).toEqual([undefined, 'replica']);
    for (const block of override.provider.aws) {
      expect(block).toMatchObject({
        access_key: 'mock-access-key',
        secret_key: 'mock-secret-key',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        allowed_account_ids: [],
        dynamic: { assume_role: { for_each: [], content: {} } },
      });
    }
    expect(buildDefaultProvider(APP_STACK)).toBeUndefined();
    expect(buildDefaultProvider({ ...APP_STACK, provider: undefined }).provider.aws[0]).toMatchObject({ region: 'us-east-1' });
  });

  it('lifts prevent_destroy only for the test step', () => {
    expect(buildTestOverride(APP_STACK)).toMatchObject({
      resource: { aws_kms_key: { data: { lifecycle: { prevent_destroy: false } } } },
    });
    expect(buildTestOverride(BROKEN_STACK)).toBeUndefined();
  });

  it('mocks one provider per alias with ARNs for types that have a computed arn', () => {
    const schema = {
      provider_schemas: {
        'registry.terraform.io/hashicorp/aws': {
          resource_schemas: {
            aws_iam_role: { block: { attributes: { arn: { type: 'string', computed: true }, name: { type: 'string', optional: true } } } },
            aws_s3_bucket_policy: { block: { attributes: { policy: { type: 'string', required: true } } } },
          },
          data_source_schemas: {
            aws_iam_policy_document: { block: { attributes: { json: { type: 'string', computed: true } } } },
          },
        },
      },
    };
    const summary = summarizeSchema(schema, '5.100.0');
    expect(summary.resource).toEqual({ aws_iam_role: ['arn'] });
    const types = { resource: new Set(['aws_iam_role', 'aws_s3_bucket_policy']), data: new Set(['aws_iam_policy_document']) };
    const file = buildTestFile({ aliases: [undefined, 'replica'], summary, types });
    expect(file.mock_provider.aws).toHaveLength(2);
    expect(file.mock_provider.aws[1].alias).toBe('replica');
    expect(file.mock_provider.aws[1].mock_resource).toEqual({
      aws_iam_role: { defaults: { arn: 'arn:aws:iam:us-east-1:123456789012:iam_role/mock' } },
    });
    expect(JSON.parse(file.mock_provider.aws[0].mock_data.aws_iam_policy_document.defaults.json)).toHaveProperty('Statement');
    expect(file.run).toEqual({ apply: { command: 'apply' } });
    expect(mockValue('data', 'aws_caller_identity', 'account_id')).toBe('123456789012');
  });

  it('counts plan actions like Terraform does', () => {
    const change = (actions, mode = 'managed') => ({ mode, change: { actions } });
    const plan = {
      resource_changes: [change(['create']), change(['update']), change(['delete', 'create']), change(['no-op']), change(['read'], 'data')],
    };
    expect(countPlanChanges(plan)).toEqual({ create: 2, update: 1, delete: 1 });
  });
});
