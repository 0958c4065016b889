'use strict';
/**
 * README "Deploying one environment", performed as a user types it on a scratch copy of this
 * repository: the commands are read from the README itself and run in order. The offline
 * ones pass; the two that need AWS (`cdktf diff` and `cdktf deploy`) get as far as the real S3
 * backend of that one stack, where the missing credentials stop them. The Nx `deploy` target
 * of the same stack (README "Working with stacks") gets just as far, after synthesizing that
 * stack only. Nothing is planned against AWS, no plan file is written, nothing is applied.
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPOSITORY_ROOT, createScratchRepository, removeScratch, sh } = require('./support/scratch');

/** The first `sh` block of a README section, one command per line, comments dropped. */
function readmeCommands(title) {
  const readme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`### ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section "${title}"`);
  const body = readme.slice(start).match(/^```sh\n([\s\S]*?)^```$/m)[1];
  return body
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

// No credentials may reach Terraform: only the failure to find some is expected.
const NO_AWS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' };
const CREDENTIALS_MISSING = /No valid credential sources found/;

describe('README "Deploying one environment"', () => {
  const commands = readmeCommands('Deploying one environment');
  let root;
  beforeAll(() => {
    root = createScratchRepository('deploy-one-');
  });
  afterAll(() => removeScratch(root));

  const stackFiles = (stack) => fs.readdirSync(path.join(root, 'cdktf.out/stacks', stack)).sort();

  it('validates, plans offline, diffs and deploys staging, in that order', () => {
    expect(commands).toEqual([
      'npm run validate-env -- environments/staging/environment.yaml',
      'npx nx run staging:plan',
      'npx cdktf diff staging',
      'npx cdktf deploy staging',
    ]);
  });

  it('npm run validate-env -- <file> checks that definition', () => {
    const result = sh(root, commands[0]);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(result.output).toContain('environments/staging/environment.yaml');
  });

  it('npx nx run staging:plan passes the offline gate and says what the plan creates', () => {
    const result = sh(root, commands[1], { env: NO_AWS });
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(result.output).toMatch(/^PASS staging\s+steps init,validate\(by plan\),plan,test\s+plan \+\d+ ~0 -0 /m);
    expect(result.output).toMatch(/^\s+\+ aws_ecs_service\./m);
  });

  it.each(commands.slice(2))('%s reaches the real S3 backend of staging, where the missing credentials stop it', (command) => {
    const result = sh(root, command, { env: NO_AWS, timeoutMs: 180_000 });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(CREDENTIALS_MISSING);
    expect(result.output).not.toMatch(/Apply complete|Plan: \d+ to add/);
    expect(stackFiles('staging')).not.toContain('tfplan');
  });

  it('npx nx run staging:deploy synthesizes staging alone, then stops at the same backend before any plan or prompt', () => {
    const result = sh(root, 'npx nx run staging:deploy', { env: NO_AWS, timeoutMs: 180_000 });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('node tools/synth/cli.js synth --stack staging');
    expect(result.output).toContain('=== deploy staging (cdktf.out/stacks/staging)');
    expect(result.output).toMatch(CREDENTIALS_MISSING);
    expect(result.output).not.toMatch(/Do you want to apply|Apply complete/);
    expect(stackFiles('staging')).not.toContain('tfplan');
  });
});
