'use strict';
/**
 * README "Adding a service", performed as a user types it on a scratch copy of this
 * repository: the commands are read from the README itself. The generator appends the
 * services to staging's definition (nothing else of it changes) and updates the pinned
 * addresses; staging still validates and passes the offline Terraform gate.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { REPOSITORY_ROOT, createScratchRepository, git, removeScratch, sh } = require('./support/scratch');

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
});
