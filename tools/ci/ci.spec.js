'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');
const { ciStacks, imageTarget, wavesOf, DEPLOY_WAVES } = require('./definitions');
const { selectStacks, parseProjects } = require('./stack-matrix');
const { buildCiOverride } = require('./ci-override');
const tf = require('../terraform-gate/lib/terraform');

jest.setTimeout(180000);

/** A workspace of its own: platform settings, a registry and the given environments (name -> fields). */
function fixtureWorkspace(environments) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-definitions-'));
  const write = (file, value) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), YAML.stringify(value));
  };
  write('apps/platform/platform.yaml', { project: 'acme', repository: 'github.com/acme/infra' });
  write('registry/registry.yaml', { accountId: '999999999999', region: 'eu-west-1', repositories: [{ name: 'app' }] });
  for (const [name, fields] of Object.entries(environments)) {
    write(`environments/${name}/environment.yaml`, { name, tier: 'non-production', accountId: '111111111111', region: 'eu-west-1', ...fields });
  }
  return root;
}

describe('deploy order', () => {
  it('follows promotesFrom: the registry first, then each environment one wave after the one it promotes from', () => {
    const root = fixtureWorkspace({
      prod: { tier: 'production', promotesFrom: 'staging', accountId: '222222222222' },
      staging: { promotesFrom: 'dev' },
      dev: {},
      qa: { promotesFrom: 'dev' },
      sandbox: {},
    });
    try {
      const stacks = ciStacks(root);
      expect(stacks.map((s) => [s.stack, s.wave])).toEqual([
        ['registry', 0],
        ['dev', 1],
        ['sandbox', 1],
        ['qa', 2],
        ['staging', 2],
        ['prod', 3],
      ]);
      expect(wavesOf(stacks)).toEqual([['registry'], ['dev', 'sandbox'], ['qa', 'staging'], ['prod'], [], []]);
      expect(stacks.find((s) => s.stack === 'prod')).toMatchObject({
        accountId: '222222222222',
        planRoleArn: 'arn:aws:iam::222222222222:role/acme-plan-prod',
        deployRoleArn: 'arn:aws:iam::222222222222:role/acme-deploy-prod',
        production: true,
        promotesFrom: 'staging',
      });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a loop, an unknown predecessor and a chain deeper than deploy.yml has waves', () => {
    const cases = [
      [{ a: { promotesFrom: 'b' }, b: { promotesFrom: 'a' } }, 'promotesFrom makes a loop: a -> b -> a'],
      [{ a: { promotesFrom: 'nope' } }, 'environments/a/environment.yaml: promotesFrom "nope" is not an environment'],
      [
        Object.fromEntries(Array.from({ length: DEPLOY_WAVES }, (_, i) => [`e${i}`, i === 0 ? {} : { promotesFrom: `e${i - 1}` }])),
        `the deploy order is ${DEPLOY_WAVES + 1} waves deep; .github/workflows/deploy.yml runs ${DEPLOY_WAVES}`,
      ],
    ];
    for (const [environments, message] of cases) {
      const root = fixtureWorkspace(environments);
      try {
        expect(() => ciStacks(root)).toThrow(message);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    }
  });

  it('orders the repository\'s own stacks: every environment deploys after the one it promotes from', () => {
    const stacks = ciStacks();
    expect(stacks[0].stack).toBe('registry');
    const position = new Map(stacks.map((s, i) => [s.stack, i]));
    for (const stack of stacks.filter((s) => s.promotesFrom)) {
      expect([stack.stack, position.get(stack.promotesFrom) < position.get(stack.stack)]).toEqual([stack.stack, true]);
    }
    const environments = fs.readdirSync(path.join(__dirname, '../../environments')).filter((name) => fs.existsSync(path.join(__dirname, '../../environments', name, 'environment.yaml')));
    expect(stacks.map((s) => s.stack).sort()).toEqual(['registry', ...environments].sort());
  });
});

describe('stack matrix', () => {
  it('keeps the affected stacks of an Nx project list, in deploy order, and names what it skips', () => {
    const root = fixtureWorkspace({ prod: { promotesFrom: 'dev' }, dev: {} });
    try {
      const { stacks, skipped } = selectStacks(['--projects', '["prod","bootstrap","dev","iam-policy"]'], root);
      expect(stacks.map((s) => s.stack)).toEqual(['dev', 'prod']);
      expect(skipped).toEqual(['bootstrap', 'iam-policy']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('is empty when nothing deployable is affected', () => {
    expect(selectStacks(['--projects', '[]']).stacks).toEqual([]);
  });

  it('selects one stack for workflow_dispatch and refuses unknown ones', () => {
    expect(selectStacks(['--only', 'registry']).stacks.map((s) => s.stack)).toEqual(['registry']);
    expect(() => selectStacks(['--only', 'no-such-stack'])).toThrow('no stack "no-such-stack"');
  });

  it('accepts JSON arrays and comma lists', () => {
    expect(parseProjects(' ["a","b"]\n')).toEqual(['a', 'b']);
    expect(parseProjects('a, b,')).toEqual(['a', 'b']);
  });

  it('prints JSON from the command line, or the deploy waves for $GITHUB_OUTPUT', () => {
    const run = (...args) => spawnSync(process.execPath, [path.join(__dirname, 'stack-matrix.js'), ...args], { encoding: 'utf8' });
    const plain = run('--projects', 'registry,tools');
    expect(plain.status).toBe(0);
    expect(JSON.parse(plain.stdout).map((s) => s.stack)).toEqual(['registry']);
    expect(plain.stderr).toContain('skipped: tools');
    const output = run('--only', 'registry', '--github-output');
    const lines = output.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^stacks=\[\{"stack":"registry"/);
    expect(lines.slice(1)).toEqual(Array.from({ length: DEPLOY_WAVES }, (_, i) => `wave-${i}=${i === 0 ? '["registry"]' : '[]'}`));
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
