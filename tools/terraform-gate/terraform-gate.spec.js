'use strict';
/**
 * Runs the real gate (real Terraform, real AWS provider from TF_PLUGIN_DIR, default
 * /opt/tf-plugins) on small hand-written stacks in CDKTF's JSON shape.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { runGate, GateSetupError } = require('./index');
const { parseArgs } = require('./cli');
const { buildOverride, buildDefaultProvider, buildTestOverride } = require('./lib/workcopy');
const { buildTestFile, mockValue, summarizeSchema } = require('./lib/mocks');
const { countPlanChanges } = require('./lib/plan');

const PLUGIN_DIR = process.env.TF_PLUGIN_DIR || '/opt/tf-plugins';
const CLI = path.join(__dirname, 'cli.js');

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
    aws_s3_bucket: { data: { ...meta('bucket'), bucket: 'gate-fixture-app-data' } },
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

  beforeAll(async () => {
    outDir = writeOutDir(path.join(tmp, 'cdktf.out'), {
      app: APP_STACK,
      bootstrap: BOOTSTRAP_STACK,
      broken: BROKEN_STACK,
      dangling: DANGLING_STACK,
    });
    workDir = path.join(tmp, 'work');
    hashesBefore = ['app', 'bootstrap', 'broken'].map((name) => sha256(path.join(outDir, 'stacks', name, 'cdk.tf.json')));
    logged = [];
    results = await runGate({
      outDir,
      workDir,
      pluginDir: PLUGIN_DIR,
      log: (line) => logged.push(line),
      // Real AWS settings in the parent must not matter; the gate strips them.
      env: { ...process.env, AWS_PROFILE: 'does-not-exist', AWS_CA_BUNDLE: '/does/not/exist.pem' },
    });
  }, 300000);

  const resultOf = (stack) => results.find((result) => result.stack === stack);

  it('passes every step for the valid stacks', () => {
    expect(resultOf('app')).toMatchObject({ ok: true, stepsPassed: ['init', 'validate', 'plan', 'test'] });
    expect(resultOf('bootstrap')).toMatchObject({ ok: true, stepsPassed: ['init', 'validate', 'plan', 'test'] });
    expect(resultOf('app').planCounts).toEqual({ create: APP_RESOURCES.length, update: 0, delete: 0 });
  });

  it('writes the plan JSON listing the planned resources', () => {
    const planFile = path.join(workDir, 'plans', 'app.json');
    expect(resultOf('app').planFile).toBe(planFile);
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
    const planned = plan.resource_changes.map((change) => change.address).sort();
    expect(planned).toEqual(APP_RESOURCES);
    expect(plan.resource_changes.every((change) => change.change.actions.join() === 'create')).toBe(true);
  });

  it('never modifies cdk.tf.json', () => {
    const hashesAfter = ['app', 'bootstrap', 'broken'].map((name) => sha256(path.join(outDir, 'stacks', name, 'cdk.tf.json')));
    expect(hashesAfter).toEqual(hashesBefore);
    expect(fs.readdirSync(path.join(outDir, 'stacks', 'app'))).toEqual(['cdk.tf.json']);
  });

  it('replaces the s3 backend with a local one in the work copy', () => {
    const backendState = JSON.parse(fs.readFileSync(path.join(workDir, 'app', '.terraform', 'terraform.tfstate'), 'utf8'));
    expect(backendState.backend.type).toBe('local');
  });

  it('reports the invalid stack with its step and Terraform error, after the others ran', () => {
    expect(resultOf('broken')).toMatchObject({ ok: false, failedStep: 'validate', stepsPassed: ['init'] });
    expect(resultOf('broken').error).toMatch(/Extraneous JSON object property|Unsupported argument/);
    expect(resultOf('broken').error).toMatch(/not_a_real_argument/);
    expect(resultOf('dangling')).toMatchObject({ ok: false, failedStep: 'validate' });
    expect(resultOf('dangling').error).toMatch(/Reference to undeclared resource[\s\S]*aws_kms_key\.missing/);
    expect(fs.existsSync(path.join(workDir, 'plans', 'broken.json'))).toBe(false);
    const output = logged.join('\n');
    expect(output).toMatch(/^PASS app\s+steps init,validate,plan,test\s+plan \+9 ~0 -0\s+[\d.]+s$/m);
    expect(output).toMatch(/^PASS bootstrap\b/m);
    expect(output).toMatch(/^FAIL broken\s+failed at validate/m);
    expect(output).toMatch(/2 of 4 stack\(s\) failed/);
    expect(output).toMatch(/--- stack broken: step validate failed/);
    expect(output).toMatch(/--- stack dangling: step validate failed/);
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
    const base = { outDir, workDir: path.join(tmp, 'setup-work'), pluginDir: PLUGIN_DIR };
    await expect(runGate({ ...base, stacks: ['nope'] })).rejects.toThrow(/nope not found.*available: bootstrap/);
    await expect(runGate({ ...base, steps: ['apply'] })).rejects.toThrow(/Unknown step\(s\) apply/);
  });
});

describe('cli', () => {
  const runCli = (args, env) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TF_PLUGIN_DIR: PLUGIN_DIR, ...env } });

  it('parses repeatable and comma-separated flags', () => {
    expect(parseArgs(['--stack', 'a,b', '--stack=c', '--steps', 'init,validate', '--concurrency', '1', '--out-dir=x'])).toEqual({
      help: false,
      options: { stacks: ['a', 'b', 'c'], steps: ['init', 'validate'], concurrency: 1, outDir: 'x' },
    });
    expect(() => parseArgs(['--bogus'])).toThrow(/Unknown argument --bogus/);
    expect(() => parseArgs(['--concurrency', '0'])).toThrow(/whole number/);
  });

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
