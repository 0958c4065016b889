'use strict';
/**
 * The pull-request check passes on the changes users make every day. On a scratch git copy of
 * this repository, each one-line change below is committed and then the exact command of the
 * `verify` job of .github/workflows/pull-request.yml runs against the commit before it (as
 * nx-set-shas sets NX_BASE and NX_HEAD in CI). The scenarios build on one another in one
 * repository, so Nx reuses what an earlier scenario already checked, as a CI cache would.
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

  /** Commits the change and runs the workflow's command; returns the output. */
  function check(file, from, to) {
    edit(root, file, from, to);
    git(root, 'commit', '-qam', `change ${file}`);
    const result = sh(root, command, { env: { NX_BASE: 'HEAD~1', NX_HEAD: 'HEAD' } });
    if (result.code !== 0) {
      // The failing tasks' own lines first: the tail alone is often another task's success.
      const lines = result.output.split('\n');
      const failures = lines.filter((line) => /✕|●|Error|FAIL|failed|problem/.test(line)).slice(0, 80);
      throw new Error(`${command} failed after changing ${file}:\n${failures.join('\n')}\n...\n${result.output.slice(-3000)}`);
    }
    return result.output;
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

  it('passes after a change to the registry definition', () => {
    const output = check('registry/registry.yaml', 'untaggedExpiryDays: 14', 'untaggedExpiryDays: 10');
    expect(output).toMatch(/nx run registry:plan/);
    expect(output).toMatch(/PASS registry/);
  });

  it('passes after a change to the platform settings', () => {
    const output = check('apps/platform/platform.yaml', 'remoteStateAccounts: []', 'remoteStateAccounts: ["210987654321"]');
    expect(output).toMatch(/nx run platform:test/);
    expect(output).toMatch(/nx run bootstrap:plan/);
  });

  it('passes after a change to a library', () => {
    const output = check('libs/cidr/src/ipv4.ts', 'export interface Ipv4Cidr {', '// A comment a reviewer asked for.\nexport interface Ipv4Cidr {');
    expect(output).toMatch(/nx run cidr:test/);
    expect(output).toMatch(/nx run prod:plan/);
  });
});
