'use strict';
/**
 * The plan report on plans made by the real Terraform and AWS provider (offline; provider from
 * TF_PLUGIN_DIR or the mirror terraform-gate/lib/mirror.js finds): creations from planning against empty state;
 * updates, replacements and destroys from planning a changed configuration against a state
 * derived from the first plan (testing/real-plans.js).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createWorkspace, planConfig, awsResourceSchemas, stateFromPlan } = require('./testing/real-plans');
const { summarizePlan, renderReport, MARKER, GITHUB_COMMENT_LIMIT } = require('./index');
const { main } = require('./cli');
const runs = require('../terraform-gate/lib/runs');

jest.setTimeout(300000);

const policy = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const TRUST = policy([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
const tlsOnly = (bucket) =>
  policy([{ Sid: 'TLS', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${bucket}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]);

/** The first configuration: what is "deployed". */
const V1 = {
  aws_security_group: { web: { name: 'web', description: 'web v1', vpc_id: 'vpc-0123456789abcdef0' } },
  aws_iam_role: { app: { name: 'app', assume_role_policy: TRUST, max_session_duration: 3600 } },
  aws_kms_key: { state: { description: 'state v1', enable_key_rotation: true } },
  aws_s3_bucket: { logs: { bucket: 'acme-logs-v1' } },
  aws_s3_bucket_policy: { logs: { bucket: 'acme-logs-v1', policy: tlsOnly('acme-logs-v1') } },
  aws_cloudwatch_log_group: {
    old: { name: '/app/old', retention_in_days: 30 },
    kept: { name: '/app/kept', retention_in_days: 30 },
  },
};

/**
 * The change under review: the security group's description and the bucket's name force
 * replacements, the role, key and bucket policy change in place, one log group goes, one comes.
 */
const V2 = {
  aws_security_group: { web: { name: 'web', description: 'web v2', vpc_id: 'vpc-0123456789abcdef0' } },
  aws_iam_role: { app: { name: 'app', assume_role_policy: TRUST, max_session_duration: 7200 } },
  aws_kms_key: { state: { description: 'state v2', enable_key_rotation: true } },
  aws_s3_bucket: { logs: { bucket: 'acme-logs-v2' } },
  aws_s3_bucket_policy: { logs: { bucket: 'acme-logs-v1', policy: tlsOnly('acme-logs-v2') } },
  aws_cloudwatch_log_group: {
    kept: { name: '/app/kept', retention_in_days: 30 },
    new: { name: '/app/new', retention_in_days: 14 },
  },
};

const MANY = { aws_cloudwatch_log_group: { many: { count: 150, name: '/app/a-rather-long-log-group-name-${count.index}' } } };

let workspace;
let createPlan;
let changePlan;
let manyPlan;

beforeAll(async () => {
  workspace = createWorkspace(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-report-')));
  createPlan = await planConfig(workspace, 'v1', V1);
  const schemas = await awsResourceSchemas(workspace, 'v1');
  changePlan = await planConfig(workspace, 'v2', V2, stateFromPlan(createPlan, schemas));
  manyPlan = await planConfig(workspace, 'many', MANY);
});

afterAll(() => {
  if (workspace) fs.rmSync(workspace.dir, { recursive: true, force: true });
});

describe('summarizePlan on real plans', () => {
  it('counts a plan against empty state as creations only', () => {
    const summary = summarizePlan(createPlan);
    expect(summary.counts).toEqual({ add: 7, change: 0, replace: 0, destroy: 0 });
    expect(summary.changes.every((change) => change.kind === 'create')).toBe(true);
  });

  it('finds replacements with the attributes that force them, updates and destroys', () => {
    const byAddress = Object.fromEntries(summarizePlan(changePlan).changes.map((change) => [change.address, change]));
    expect(byAddress['aws_security_group.web']).toMatchObject({ kind: 'replace', replacePaths: ['description'], category: 'Security groups' });
    expect(byAddress['aws_s3_bucket.logs']).toMatchObject({ kind: 'replace', replacePaths: ['bucket'] });
    expect(byAddress['aws_iam_role.app']).toMatchObject({ kind: 'update', category: 'IAM' });
    expect(byAddress['aws_kms_key.state']).toMatchObject({ kind: 'update', category: 'KMS' });
    expect(byAddress['aws_s3_bucket_policy.logs']).toMatchObject({ kind: 'update', category: 'Bucket policies' });
    expect(byAddress['aws_cloudwatch_log_group.old']).toMatchObject({ kind: 'delete' });
    expect(byAddress['aws_cloudwatch_log_group.new']).toMatchObject({ kind: 'create' });
    expect(byAddress['aws_cloudwatch_log_group.kept']).toBeUndefined(); // unchanged: not listed
  });

  it('agrees with Terraform own counting: a replacement is one add and one destroy', () => {
    const { counts } = summarizePlan(changePlan);
    const terraformAdds = changePlan.resource_changes.filter((c) => c.change.actions.includes('create')).length;
    const terraformDestroys = changePlan.resource_changes.filter((c) => c.change.actions.includes('delete')).length;
    expect(counts.add + counts.replace).toBe(terraformAdds);
    expect(counts.destroy + counts.replace).toBe(terraformDestroys);
  });

  it('rejects what is not a plan', () => {
    expect(() => summarizePlan({ resources: [] })).toThrow('not a terraform show -json plan');
  });
});

describe('renderReport', () => {
  const report = () =>
    renderReport([
      { name: 'dev', summary: summarizePlan(createPlan) },
      { name: 'prod', summary: summarizePlan(changePlan) },
      { name: 'staging', error: 'the plan job failed' },
    ]);

  it('starts with the hidden marker and a count table per environment', () => {
    const text = report();
    expect(text.startsWith(`${MARKER}\n`)).toBe(true);
    expect(text).toContain('| `dev` | 🟢 **7** | 0 | 0 | 0 |');
    expect(text).toMatch(/\| `prod` \| 🟢 \*\*1\*\* \| 🟡 \*\*\d+\*\* \| 🟠 \*\*2\*\* \| 🔴 \*\*1\*\* \|/);
    expect(text).toContain('| `staging` | ❌ no plan | | | |');
  });

  it('lists destroys and replacements prominently, with what forces each replacement', () => {
    const prod = report().split('### prod')[1];
    const essentials = prod.split('<details>')[0];
    expect(essentials).toContain('🔴 **destroy** `aws_cloudwatch_log_group.old`');
    expect(essentials).toContain('🟠 **replace** `aws_security_group.web`, forced by `description`');
    expect(essentials).toContain('🟠 **replace** `aws_s3_bucket.logs`, forced by `bucket`');
  });

  it('calls out security groups, IAM, KMS and bucket policies', () => {
    const prod = report().split('### prod')[1].split('<details>')[0];
    expect(prod).toContain('- Security groups: replace `aws_security_group.web`');
    expect(prod).toContain('- IAM: update `aws_iam_role.app`');
    expect(prod).toContain('- KMS: update `aws_kms_key.state`');
    expect(prod).toContain('- Bucket policies: update `aws_s3_bucket_policy.logs`');
  });

  it('folds the full resource list in <details>', () => {
    const dev = report().split('### dev')[1].split('### prod')[0];
    expect(dev).toContain('<details><summary>All 7 resource changes in dev</summary>');
    expect(dev).toContain('| 🟢 create | `aws_iam_role.app` |');
    expect(dev).toContain('</details>');
  });

  it('reports a missing plan', () => {
    expect(report()).toContain('❌ No plan: the plan job failed.');
  });

  it('says so when there is nothing to change', () => {
    const noop = { format_version: '1.2', resource_changes: changePlan.resource_changes.filter((c) => c.change.actions[0] === 'no-op') };
    expect(renderReport([{ name: 'dev', summary: summarizePlan(noop) }])).toContain('No changes.');
  });

  it('keeps a large report under the limit and notes the truncation', () => {
    const many = summarizePlan(manyPlan);
    expect(many.counts.add).toBe(150);
    const environments = Array.from({ length: 12 }, (_, i) => ({ name: `env${i}`, summary: many }));
    const full = renderReport(environments, { limit: 10_000_000 });
    expect(full.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);

    const text = renderReport(environments);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toContain('⚠️ Truncated:');
    for (let i = 0; i < 12; i++) expect(text).toContain(`### env${i}`); // every environment keeps its essentials
    expect(text.match(/<details>/g).length).toBe(text.match(/<\/details>/g).length); // no half-open fold
  });

  it('keeps the essentials first when even they do not fit', () => {
    const text = renderReport([{ name: 'prod', summary: summarizePlan(changePlan) }], { limit: 600 });
    expect(text.length).toBeLessThanOrEqual(600);
    expect(text).toContain('**destroy** `aws_cloudwatch_log_group.old`');
    expect(text).toContain('⚠️ Truncated:');
  });
});

describe('cli', () => {
  it('writes one report from a plans directory, naming expected environments without a plan', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-report-cli-'));
    fs.writeFileSync(path.join(dir, 'dev.json'), JSON.stringify(createPlan));
    fs.writeFileSync(path.join(dir, 'prod.json'), JSON.stringify(changePlan));
    const out = path.join(dir, 'report.md');
    expect(main(['--dir', dir, '--expect', 'dev,prod,staging', '--out', out, '--footer', 'run 42'])).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('### dev');
    expect(text).toContain('### prod');
    expect(text).toMatch(/### staging\n\n❌ No plan: no plan file \(staging\.json missing/);
    expect(text.endsWith('run 42\n')).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says why plans are missing when the workflow knows: a pull request from a fork', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-report-cli-'));
    const out = path.join(dir, 'report.md');
    const reason = 'pull request from a fork: GitHub gives its workflows no OIDC token, so no plan against real state runs';
    expect(main(['--dir', path.join(dir, 'none'), '--expect', 'dev,prod', '--missing-reason', reason, '--out', out])).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain(`### dev\n\n❌ No plan: ${reason}`);
    expect(text).toContain(`### prod\n\n❌ No plan: ${reason}`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes plans named on the command line (README: dev=plan-dev.json prod=plan-prod.json), to stdout', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-report-cli-'));
    fs.writeFileSync(path.join(dir, 'plan-dev.json'), JSON.stringify(createPlan));
    fs.writeFileSync(path.join(dir, 'plan-prod.json'), JSON.stringify(changePlan));
    const result = spawnSync(process.execPath, [path.join(__dirname, 'cli.js'), 'dev=plan-dev.json', 'prod=plan-prod.json'], { cwd: dir, encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout.indexOf('### dev')).toBeGreaterThan(-1);
    expect(result.stdout.indexOf('### prod')).toBeGreaterThan(result.stdout.indexOf('### dev'));
    expect(result.stdout).toMatch(/\| `dev` \| 🟢 \*\*\d+\*\* \|/);
  });

  it('rejects bad arguments with exit code 2', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main(['just-a-file.json'])).toBe(2);
    expect(main([])).toBe(2);
    expect(main(['--limit', '10', 'dev=x.json'])).toBe(2);
    expect(main(['--dir', 'x', '--gate-run', 'latest'])).toBe(2);
    stderr.mockRestore();
  });
});

describe('cli on terraform-gate runs', () => {
  let workDir;
  let runDir;
  let olderRun;

  /** A run folder the way the gate writes it (its own lib/runs.js helpers). */
  async function writeRun(startedAt, commit, dirty, stacks, plans) {
    const dir = await runs.createRunDir(workDir, new Date(startedAt), commit);
    fs.mkdirSync(path.join(dir, 'plans'));
    for (const [name, plan] of Object.entries(plans)) fs.writeFileSync(path.join(dir, 'plans', `${name}.json`), JSON.stringify(plan));
    await runs.writeRunRecord(dir, { commit, dirty, startedAt, finishedAt: startedAt, terraformVersion: '1.11.4', stacks });
    await runs.markLatest(workDir, dir);
    return dir;
  }

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-report-runs-'));
    olderRun = await writeRun('2026-12-01T09:00:00.000Z', '0000000', false, { dev: { ok: true, planFile: 'plans/dev.json' } }, { dev: changePlan });
    runDir = await writeRun(
      '2026-12-02T10:00:00.000Z',
      'abc1234',
      true,
      {
        dev: { ok: true, planFile: 'plans/dev.json', planTextFile: 'plans/dev.txt', counts: { create: 7, update: 0, delete: 0 } },
        staging: { ok: false, failedStep: 'plan' },
        registry: { ok: true },
      },
      // prod.json is not in run.json (say, left by hand): it must not be read.
      { dev: createPlan, prod: changePlan },
    );
  });
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  const report = (args) => {
    const out = path.join(workDir, `report-${Math.random().toString(36).slice(2)}.md`);
    expect(main([...args, '--out', out])).toBe(0);
    return fs.readFileSync(out, 'utf8');
  };

  it('reads exactly the stacks run.json lists, with the run commit and time in the footer', () => {
    const text = report(['--dir', runDir]);
    expect(text).toContain('| `dev` | 🟢 **7** | 0 | 0 | 0 |'); // this run's dev, not the older run's
    expect(text).toMatch(/### staging\n\n❌ No plan: the gate failed at plan; no plan\./);
    expect(text).toMatch(/### registry\n\n❌ No plan: the gate ran without the plan step\./);
    expect(text).not.toContain('### prod');
    expect(text.endsWith('\n---\nOffline plans of commit abc1234 (uncommitted changes), 2026-12-02 10:00 UTC\n')).toBe(true);
  });

  it('takes the run plans/ folder for the run, and --gate-run latest or a folder', () => {
    const fromRun = report(['--dir', runDir]);
    expect(report(['--dir', path.join(runDir, 'plans')])).toBe(fromRun);
    expect(report(['--gate-run', 'latest', '--work-dir', workDir])).toBe(fromRun);
    const older = report(['--gate-run', olderRun, '--footer', 'run 7']);
    expect(older).toMatch(/\| `dev` \| 🟢 \*\*1\*\* \| 🟡/);
    expect(older.endsWith('Offline plans of commit 0000000, 2026-12-01 09:00 UTC\n\nrun 7\n')).toBe(true);
  });

  it('names expected stacks the run did not cover', () => {
    expect(report(['--gate-run', runDir, '--expect', 'dev,qa'])).toMatch(/### qa\n\n❌ No plan: not in this gate run \(20261202T100000Z-abc1234\)\./);
  });

  it('refuses --gate-run without a run', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main(['--gate-run', 'latest', '--work-dir', path.join(workDir, 'nothing-here')])).toBe(2);
    expect(main(['--gate-run', os.tmpdir()])).toBe(2);
    expect(stderr.mock.calls.map((call) => call[0]).join('')).toMatch(/no gate run in .*nothing-here[\s\S]*is not a terraform-gate run folder/);
    // The gate's old <work-dir>/plans folder: it no longer exists, and the message says what does.
    expect(main(['--dir', path.join(workDir, 'plans')])).toBe(2);
    expect(stderr.mock.calls.map((call) => call[0]).join('')).toMatch(/plans does not exist; terraform-gate writes each run to .*runs\/<run>\/: use --gate-run latest/);
    stderr.mockRestore();
  });

  it('still reports expected environments when a plain --dir is missing (no artifacts downloaded)', () => {
    expect(report(['--dir', path.join(workDir, 'no-artifacts'), '--expect', 'dev'])).toMatch(/### dev\n\n❌ No plan: no plan file \(dev\.json missing/);
  });
});
