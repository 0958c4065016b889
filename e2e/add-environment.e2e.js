'use strict';
/**
 * README "Adding an environment", performed as a user types it on a scratch copy of this
 * repository: the commands are read from the README itself, so the test follows the README.
 * The generator writes the definition and the pinned addresses, and nothing else; the new
 * stack validates, passes the offline Terraform gate, and lands in its deploy wave. Then README
 * "Retiring an environment" of the same qa: the destroy reaches qa's real backend, and after
 * the definition is removed the address check names what is left behind until it is unpinned.
 */
const fs = require('node:fs');
const path = require('node:path');
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

describe('README "Adding an environment"', () => {
  let root;
  const { commands, printed } = readmeSection('Adding an environment');
  const [generate, ...checks] = commands;

  beforeAll(() => {
    root = createScratchRepository('add-environment-');
  });
  afterAll(() => removeScratch(root));

  it('tells the user to run the environment generator, then the checks of the new stack', () => {
    expect(generate).toMatch(/^npx nx g \S+:environment qa --from staging /);
    expect(checks).toEqual(['npm run validate-env', 'npx nx run qa:validate', 'npx nx run qa:plan']);
    expect(printed.length).toBeGreaterThan(5);
  });

  it('--dry-run prints the changes and the to-do list, and writes nothing', () => {
    const result = sh(root, `${generate} --dry-run`);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(result.output).toContain('CREATE environments/qa/environment.yaml');
    expect(result.output).toContain('To do (the file');
    expect(result.output).toContain('NOTE: The "dryRun" flag means no changes were made.');
    expect(result.output).not.toContain('updated docs/addresses');
    expect(changedFiles(root)).toEqual([]);
  });

  it('the generator writes the definition, updates the pinned addresses and prints what the README shows', () => {
    const result = sh(root, generate);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    for (const line of printed) expect([line, result.output.includes(line)]).toEqual([line, true]);
  });

  it('git status: the definition and pinned addresses only', () => {
    const files = changedFiles(root);
    expect(files).toEqual(expect.arrayContaining(['environments/qa/environment.yaml', 'docs/addresses/qa.txt', 'docs/addresses/bootstrap-123456789012.txt']));
    expect(files.filter((file) => file !== 'environments/qa/environment.yaml' && !/^docs\/addresses\/[\w-]+\.txt$/.test(file))).toEqual([]);
  });

  it('the new definition keeps the comments that still apply, under a header naming its source', () => {
    const text = fs.readFileSync(path.join(root, 'environments/qa/environment.yaml'), 'utf8');
    expect(text).toMatch(/^# qa: generated from environments\/staging\/environment\.yaml by `nx g @ecs-platform\/nx-plugin:environment`\.\n/);
    expect(text).toContain('  # Runs on the EC2 capacity provider, so that qa exercises both launch types.\n');
    expect(text).not.toContain('345678901234');
  });

  it.each(checks)('%s passes', (command) => {
    const result = sh(root, command);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    if (command === 'npm run validate-env') expect(result.output).toContain('environment definitions (dev, prod, qa, staging) are valid');
  });

  it('CI lists qa in its deploy wave (tools/ci/stack-matrix.js)', () => {
    const result = sh(root, 'node tools/ci/stack-matrix.js');
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    const stacks = JSON.parse(result.stdout);
    expect(stacks.map((s) => [s.stack, s.wave])).toEqual([['registry', 0], ['dev', 1], ['qa', 2], ['staging', 2], ['prod', 3]]);
    expect(stacks.find((s) => s.stack === 'qa')).toMatchObject({
      accountId: '123456789012',
      region: 'eu-west-1',
      deployRoleArn: 'arn:aws:iam::123456789012:role/ecs-platform-deploy-qa',
      promotesFrom: 'dev',
    });
  });

  it('the same command again is refused and changes nothing', () => {
    const before = changedFiles(root).map((file) => fs.readFileSync(path.join(root, file), 'utf8'));
    const result = sh(root, generate);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('environment "qa" already exists (environments/qa)');
    expect(changedFiles(root).map((file) => fs.readFileSync(path.join(root, file), 'utf8'))).toEqual(before);
  });

  describe('then README "Retiring an environment" of qa, once it is merged', () => {
    const retire = readmeSection('Retiring an environment').commands;

    beforeAll(() => {
      git(root, 'add', '-A');
      git(root, 'commit', '-qm', 'add qa');
    });

    it('runs four commands: destroy the stack, remove its definition, check what is left behind, unpin it', () => {
      expect(retire).toEqual(['npx cdktf destroy qa', 'git rm -r environments/qa', 'npm run addresses:check', 'npm run addresses:update']);
    });

    it('npx cdktf destroy qa reaches the real S3 backend of qa, where the missing credentials stop it before anything is destroyed', () => {
      const result = sh(root, retire[0], { env: NO_AWS, timeoutMs: 180_000 });
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(CREDENTIALS_MISSING);
      expect(result.output).not.toMatch(/Destroy complete|Plan: \d+ to add/);
    });

    it('git rm -r environments/qa, then npm run addresses:check says qa and its account\'s bootstrap stack are left behind, and exits 1', () => {
      expect(sh(root, retire[1]).code).toBe(0);
      const result = sh(root, retire[2]);
      expect(result.code).toBe(1);
      for (const stack of ['qa', 'bootstrap-123456789012']) {
        expect(result.output).toContain(`${stack}: pinned but no longer synthesized. Nothing destroys its resources: they stay in AWS and in its state`);
      }
      expect(result.output).not.toMatch(/\b(dev|staging|prod|registry): pinned but/);
    });

    it('npm run addresses:update unpins both, and the check passes again', () => {
      expect(sh(root, retire[3]).code).toBe(0);
      expect(changedFiles(root).sort()).toEqual(['docs/addresses/bootstrap-123456789012.txt', 'docs/addresses/qa.txt', 'environments/qa/environment.yaml']);
      expect(fs.existsSync(path.join(root, 'docs/addresses/qa.txt'))).toBe(false);
      expect(sh(root, retire[2]).code).toBe(0);
    });
  });

  it('installed as the package @ecs-platform/nx-plugin (the file: devDependency in package.json), the named form works too', () => {
    // The scratch copy shares this checkout's node_modules through a symlink: replace it by a
    // folder of links with the plugin linked in, as `npm install` of a file: dependency does.
    const modules = path.join(root, 'node_modules');
    fs.unlinkSync(modules);
    fs.mkdirSync(modules);
    for (const entry of fs.readdirSync(path.join(REPOSITORY_ROOT, 'node_modules'))) {
      if (entry !== '@ecs-platform') fs.symlinkSync(path.join(REPOSITORY_ROOT, 'node_modules', entry), path.join(modules, entry));
    }
    fs.mkdirSync(path.join(modules, '@ecs-platform'));
    fs.symlinkSync('../../tools/nx-plugin', path.join(modules, '@ecs-platform/nx-plugin'));
    const named = generate.replace(/^npx nx g \S+:environment qa /, 'npx nx g @ecs-platform/nx-plugin:environment uat ').replace('10.50.0.0/16', '10.51.0.0/16');
    const result = sh(root, `${named} --dry-run`);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(result.output).toContain('CREATE environments/uat/environment.yaml');
  });
});
