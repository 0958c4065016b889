'use strict';
/**
 * README "Adding a service", performed as a user types it on a scratch copy of this
 * repository: the commands are read from the README itself. The generator appends the
 * services to staging's definition (nothing else of it changes) and updates the pinned
 * addresses; staging still validates and passes the offline Terraform gate. Then README
 * "Deploying one environment" of staging, the commands read from the README and run in order
 * on the same copy, as a user would deploy what they just added: the offline ones pass (the
 * plan replayed from the Nx cache of the same command above); the two that need AWS
 * (`cdktf diff` and `cdktf deploy`) get as far as the real S3 backend of that one stack,
 * where the missing credentials stop them, and so does the Nx `deploy` target of staging
 * (README "Working with stacks"), after synthesizing that stack only. Nothing is planned
 * against AWS, no plan file is written, nothing is applied.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { CREDENTIALS_MISSING, NO_AWS, REPOSITORY_ROOT, createScratchRepository, git, removeScratch, sh } = require('./support/scratch');

/**
 * The commands (first `sh` block, continuation lines joined) and the printed lines (the
 * following plain block) of a README section.
 * @param {string} title
 */
function readmeSection(title) {
  const readme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`### ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section "${title}"`);
  const rest = readme.slice(start + title.length + 5);
  const section = rest.slice(0, rest.search(/^##/m) < 0 ? undefined : rest.search(/^##/m));
  const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, body]) => ({ lang, body }));
  const commands = (blocks.find((b) => b.lang === 'sh')?.body ?? '').replace(/\\\n\s*/g, '').split('\n').filter(Boolean);
  const printed = (blocks.find((b) => b.lang === '')?.body ?? '').split('\n').filter(Boolean);
  return { commands, printed };
}

/** Changed and new files of the scratch repository. */
function changedFiles(root) {
  return git(root, 'status', '--porcelain', '--untracked-files=all')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort();
}

const STAGING = 'environments/staging/environment.yaml';

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



describe('README "Adding a service"', () => {
  let root;
  const { commands, printed } = readmeSection('Adding a service');
  const generators = commands.filter((command) => /^npx nx g \S+:service /.test(command));
  const checks = commands.filter((command) => !generators.includes(command));

  /** Staging's services before the generators run: the new ones are appended after them. */
  let before;
  beforeAll(() => {
    root = createScratchRepository('add-service-');
    before = YAML.parse(fs.readFileSync(path.join(root, STAGING), 'utf8')).services.map((s) => s.name);
  });
  afterAll(() => removeScratch(root));

  it('tells the user to run the service generator (a web service, a worker), then the checks of staging', () => {
    expect(generators).toHaveLength(2);
    expect(generators[0]).toMatch(/ checkout --environment staging --kind web /);
    expect(generators[1]).toMatch(/ mailer --environment staging --kind worker /);
    expect(checks).toEqual(['npx nx run staging:validate', 'npx nx run staging:plan']);
  });

  it('--dry-run prints the change and writes nothing', () => {
    const result = sh(root, `${generators[0]} --dry-run`);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(result.output).toContain(`UPDATE ${STAGING}`);
    expect(result.output).not.toContain('updated docs/addresses');
    expect(changedFiles(root)).toEqual([]);
  });

  it('the web service: appended, pinned addresses updated, printed as the README shows', () => {
    const result = sh(root, generators[0]);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    for (const line of printed) expect([line, result.output.includes(line)]).toEqual([line, true]);
  });

  it('the worker', () => {
    const result = sh(root, generators[1]);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(result.output).toContain(`mailer: services[${before.length + 1}] of environments/staging/environment.yaml (worker, tier non-production)`);
  });

  it('git status: staging and pinned addresses only; the diff of staging only adds lines', () => {
    const files = changedFiles(root);
    expect(files).toEqual(expect.arrayContaining([STAGING, 'docs/addresses/staging.txt']));
    expect(files.filter((file) => file !== STAGING && !/^docs\/addresses\/[\w-]+\.txt$/.test(file))).toEqual([]);
    const diff = git(root, 'diff', '--unified=0', '--', STAGING);
    expect(diff.split('\n').filter((line) => /^-(?!--)/.test(line))).toEqual([]);
    const services = YAML.parse(fs.readFileSync(path.join(root, STAGING), 'utf8')).services;
    expect(services.map((s) => s.name)).toEqual([...before, 'checkout', 'mailer']);
    expect(services[before.length + 1]).toMatchObject({ kind: 'worker', command: ['node', 'src/worker.js'], containerHealthCheck: { command: ['CMD-SHELL', 'find /tmp/heartbeat -mmin -1 | grep -q .'] } });
  });

  it('npm run validate-env passes', () => {
    const result = sh(root, 'npm run validate-env');
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
  });

  it.each(checks)('%s passes', (command) => {
    const result = sh(root, command);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
  });

  it('the same command again is refused and changes nothing', () => {
    const before = fs.readFileSync(path.join(root, STAGING), 'utf8');
    const result = sh(root, generators[0]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('staging already has a service "checkout"');
    expect(fs.readFileSync(path.join(root, STAGING), 'utf8')).toBe(before);
  });

  describe('then README "Deploying one environment" of staging', () => {
    const commands = readmeCommands('Deploying one environment');
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

    it('npx nx run staging:plan passes the offline gate and says what the plan creates (replayed: the same command ran above)', () => {
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
});
