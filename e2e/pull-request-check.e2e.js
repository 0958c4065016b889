'use strict';
/**
 * The pull-request check passes on the changes users make every day. On a scratch git copy of
 * this repository, each one-line change below is committed and then the exact command of the
 * `verify` job of .github/workflows/pull-request.yml runs against the commit before it (as
 * nx-set-shas sets NX_BASE and NX_HEAD in CI). The scenarios build on one another in one
 * repository, so Nx reuses what an earlier scenario already checked, as a CI cache would.
 *
 * A change to one environment's definition is checked end to end: the command runs and must
 * pass (dev, the bootstrap stacks and the registry, which read every definition, are planned).
 * A change to the registry, the platform settings or a library reaches every stack; for those
 * the same command is asked for its task graph (`--graph=stdout`, which runs nothing) and the
 * tasks it would run are checked. Running them would repeat what `npm test` has just run on the
 * same sources (every project's lint and test, every stack's synthesis and the Terraform gate),
 * two to three minutes of Terraform each on the reference machine (docs/performance.md).
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { createScratchRepository, edit, git, removeScratch, sh, REPOSITORY_ROOT } = require('./support/scratch');

/** The `nx affected` command of the pull-request workflow, read from the workflow itself. */
function pullRequestCommand() {
  const workflow = YAML.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, '.github/workflows/pull-request.yml'), 'utf8'));
  const step = workflow.jobs.verify.steps.find((candidate) => typeof candidate.run === 'string' && candidate.run.includes('nx affected'));
  return step.run.trim();
}

describe('the pull-request check after a one-line change', () => {
  let root;
  const command = pullRequestCommand();

  beforeAll(() => {
    root = createScratchRepository('pr-check-');
  });
  afterAll(() => removeScratch(root));

  const ciEnv = { NX_BASE: 'HEAD~1', NX_HEAD: 'HEAD' };

  /** Makes the one-line change and commits it, as the pull request would. */
  function commitChange(file, from, to) {
    edit(root, file, from, to);
    git(root, 'commit', '-qam', `change ${file}`);
  }

  /** Commits the change and runs the workflow's command; returns the output. */
  function check(file, from, to) {
    commitChange(file, from, to);
    const result = sh(root, command, { env: ciEnv });
    if (result.code !== 0) {
      // The failing tasks' own lines first: the tail alone is often another task's success.
      const lines = result.output.split('\n');
      const failures = lines.filter((line) => /✕|●|Error|FAIL|failed|problem/.test(line)).slice(0, 80);
      throw new Error(`${command} failed after changing ${file}:\n${failures.join('\n')}\n...\n${result.output.slice(-3000)}`);
    }
    return result.output;
  }

  /** Commits the change and returns the tasks the workflow's command would run, without running them. */
  function tasksOf(file, from, to) {
    commitChange(file, from, to);
    const result = sh(root, `${command} --graph=stdout`, { env: ciEnv });
    if (result.code !== 0) throw new Error(`${command} --graph=stdout failed after changing ${file}:\n${result.output.slice(-3000)}`);
    return Object.keys(JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))).tasks.tasks).sort();
  }

  it('runs lint, test, synth, validate and plan', () => {
    expect(command).toMatch(/^npx nx affected -t lint test synth validate plan\b/);
  });

  it('passes after a change to one environment definition, planning it and the stacks derived from it', () => {
    const output = check('environments/dev/environment.yaml', 'cpuTarget: 70', 'cpuTarget: 65');
    expect(output).toMatch(/nx run dev:plan/);
    expect(output).toMatch(/nx run bootstrap:plan/);
    expect(output).toMatch(/PASS bootstrap-\d{12}/);
    expect(output).not.toMatch(/nx run prod:plan/);
  });

  it('after a change to the registry definition, plans the registry and every stack that pulls from it', () => {
    const tasks = tasksOf('registry/registry.yaml', 'untaggedExpiryDays: 14', 'untaggedExpiryDays: 10');
    for (const stack of ['registry', 'dev', 'staging', 'prod', 'bootstrap']) expect(tasks).toEqual(expect.arrayContaining([`${stack}:synth`, `${stack}:validate`, `${stack}:plan`]));
    expect(tasks.filter((task) => /^(platform|cidr|network|sample-service):/.test(task))).toEqual([]);
  });

  it('after a change to the platform settings, tests the platform and plans every stack (they all read the settings)', () => {
    const tasks = tasksOf('apps/platform/platform.yaml', 'remoteStateAccounts: []', 'remoteStateAccounts: ["210987654321"]');
    expect(tasks).toEqual(expect.arrayContaining(['platform:lint', 'platform:test']));
    for (const stack of ['dev', 'staging', 'prod', 'registry', 'bootstrap']) expect(tasks).toEqual(expect.arrayContaining([`${stack}:synth`, `${stack}:validate`, `${stack}:plan`]));
    expect(tasks.filter((task) => /^(cidr|network|compute|sample-service):/.test(task))).toEqual([]);
  });

  it('after a change to a library, tests it and plans every stack built from it', () => {
    const tasks = tasksOf('libs/cidr/src/ipv4.ts', 'export interface Ipv4Cidr {', '// A comment a reviewer asked for.\nexport interface Ipv4Cidr {');
    expect(tasks).toEqual(expect.arrayContaining(['cidr:lint', 'cidr:test', 'network:test', 'platform:test']));
    for (const stack of ['dev', 'staging', 'prod', 'bootstrap']) expect(tasks).toEqual(expect.arrayContaining([`${stack}:synth`, `${stack}:validate`, `${stack}:plan`]));
    // Only what the change reaches: the sample service's image is built from none of it.
    expect(tasks.filter((task) => task.startsWith('sample-service:'))).toEqual([]);
  });
});
