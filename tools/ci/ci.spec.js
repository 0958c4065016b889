'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ciStacks, imageTarget } = require('./definitions');
const { selectStacks, parseProjects } = require('./stack-matrix');
const { buildCiOverride } = require('./ci-override');
const tf = require('../terraform-gate/lib/terraform');

jest.setTimeout(180000);

describe('stack matrix', () => {
  it('reads every CI stack from the definitions, registry first, production last', () => {
    const stacks = ciStacks();
    expect(stacks.map((s) => s.stack)).toEqual(['registry', 'dev', 'staging', 'prod']);
    expect(stacks.find((s) => s.stack === 'prod')).toEqual({
      stack: 'prod',
      kind: 'environment',
      accountId: '456789012345',
      region: 'eu-central-1',
      planRoleArn: 'arn:aws:iam::456789012345:role/ecs-platform-plan-prod',
      deployRoleArn: 'arn:aws:iam::456789012345:role/ecs-platform-deploy-prod',
      production: true,
    });
  });

  it('keeps the affected stacks of an Nx project list, in deploy order, and names what it skips', () => {
    const { stacks, skipped } = selectStacks(['--projects', '["prod","bootstrap","dev","iam-policy"]']);
    expect(stacks.map((s) => s.stack)).toEqual(['dev', 'prod']);
    expect(skipped).toEqual(['bootstrap', 'iam-policy']);
  });

  it('is empty when nothing deployable is affected', () => {
    expect(selectStacks(['--projects', '[]']).stacks).toEqual([]);
  });

  it('selects one stack for workflow_dispatch and refuses unknown ones', () => {
    expect(selectStacks(['--only', 'staging']).stacks.map((s) => s.stack)).toEqual(['staging']);
    expect(() => selectStacks(['--only', 'qa'])).toThrow('no stack "qa"');
  });

  it('accepts JSON arrays and comma lists', () => {
    expect(parseProjects(' ["a","b"]\n')).toEqual(['a', 'b']);
    expect(parseProjects('a, b,')).toEqual(['a', 'b']);
  });

  it('prints JSON from the command line', () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, 'stack-matrix.js'), '--projects', 'dev,tools'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).map((s) => s.stack)).toEqual(['dev']);
    expect(result.stderr).toContain('skipped: tools');
  });
});

describe('image target', () => {
  it('derives the registry host and the push role', () => {
    expect(imageTarget('sample-service')).toEqual({
      accountId: '567890123456',
      region: 'eu-central-1',
      registry: '567890123456.dkr.ecr.eu-central-1.amazonaws.com',
      repository: 'sample-service',
      imageName: '567890123456.dkr.ecr.eu-central-1.amazonaws.com/sample-service',
      pushRoleArn: 'arn:aws:iam::567890123456:role/ecs-platform-image-push',
    });
    expect(() => imageTarget('nope')).toThrow('declares no repository "nope"');
  });
});

describe('ci override', () => {
  const stack = {
    provider: { aws: [{ region: 'eu-west-1', assume_role: [{ role_arn: 'arn:aws:iam::210987654321:role/deploy' }] }, { alias: 'replica', region: 'eu-central-1' }] },
    terraform: {
      backend: {
        s3: {
          bucket: 'state',
          key: 'p/dev/terraform.tfstate',
          region: 'eu-west-1',
          encrypt: true,
          use_lockfile: true,
          allowed_account_ids: ['210987654321'],
          assume_role: { role_arn: 'arn:aws:iam::210987654321:role/deploy' },
        },
      },
    },
  };

  it('empties assume_role in every provider block and restates the backend without it', () => {
    const override = buildCiOverride(stack);
    expect(override.provider.aws).toEqual([
      { dynamic: { assume_role: { for_each: [], content: {} } } },
      { alias: 'replica', dynamic: { assume_role: { for_each: [], content: {} } } },
    ]);
    const expected = { ...stack.terraform.backend.s3 };
    delete expected.assume_role;
    expect(override.terraform.backend.s3).toEqual(expected);
  });

  it('makes the real Terraform s3 backend use the job credentials instead of assuming the role', async () => {
    // Unreachable endpoints: init fails either way, and the error says what it tried first.
    const unreachable = {
      endpoints: { s3: 'http://127.0.0.1:9', sts: 'http://127.0.0.1:9', dynamodb: 'http://127.0.0.1:9' },
      max_retries: 0,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    };
    const initError = async (backend) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-override-'));
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: stack.terraform }));
      fs.writeFileSync(path.join(dir, 'test_override.tf.json'), JSON.stringify({ terraform: { backend: { s3: { ...backend, ...unreachable } } } }));
      const cliConfig = path.join(dir, 'terraform.rc');
      fs.writeFileSync(cliConfig, tf.cliConfigText({ pluginCacheDir: path.join(dir, 'cache') }));
      const result = await tf.runTerraform(tf.findTerraform(process.env), ['init', '-input=false', '-no-color'], {
        cwd: dir,
        env: tf.childEnv(process.env, cliConfig),
        timeoutSeconds: 120,
      });
      fs.rmSync(dir, { recursive: true, force: true });
      expect(result.code).not.toBe(0);
      return result.stderr;
    };
    expect(await initError(stack.terraform.backend.s3)).toContain('Cannot assume IAM Role');
    expect(await initError(buildCiOverride(stack).terraform.backend.s3)).not.toMatch(/assume/i);
  });
});
