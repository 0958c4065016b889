'use strict';
/**
 * Rules for .github/workflows that actionlint does not check: third-party actions pinned to
 * a full commit SHA with the version in a comment, and least-privilege permissions.
 * (actionlint itself runs in tools/test.sh.)
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const DIR = path.resolve(__dirname, '../../.github/workflows');
const files = fs.readdirSync(DIR).filter((file) => file.endsWith('.yml')).sort();
const load = (file) => YAML.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));

describe('workflows', () => {
  it('exist', () => {
    expect(files).toEqual(expect.arrayContaining(['deploy-stack.yml', 'deploy.yml', 'image.yml', 'pull-request.yml']));
  });

  it.each(files)('%s pins every action to a 40-character commit SHA with its version in a comment', (file) => {
    const lines = fs.readFileSync(path.join(DIR, file), 'utf8').split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    for (const line of lines) {
      const ref = line.replace(/^\s*(- )?uses:\s*/, '');
      if (ref.startsWith('./')) continue; // a workflow of this repository
      expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    }
  });

  it.each(files)('%s grants nothing at the top and names every job its permissions', (file) => {
    const workflow = load(file);
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect([name, job.permissions]).toEqual([name, expect.any(Object)]);
      const granted = Object.entries(job.permissions);
      for (const [scope, level] of granted) {
        if (level !== 'write') continue;
        expect([name, scope]).toEqual([name, expect.stringMatching(/^(id-token|pull-requests)$/)]);
      }
    }
  });

  it('asks for pull-requests: write only in the comment job, id-token: write only where OIDC is used', () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      for (const [name, job] of Object.entries(load(file).jobs)) {
        const steps = JSON.stringify(job.steps || []);
        if (job.permissions['pull-requests'] === 'write') expect(steps).toContain('createComment');
        if (job.permissions['id-token'] === 'write' && !job.uses) expect([file, name, steps.includes('configure-aws-credentials')]).toEqual([file, name, true]);
      }
      expect(text).not.toMatch(/permissions:\s*write-all/);
    }
  });

  it('never cancels an apply in progress', () => {
    const job = load('deploy-stack.yml').jobs.apply;
    expect(job.concurrency).toEqual({ group: 'deploy-${{ inputs.stack }}', 'cancel-in-progress': false });
    expect(job.environment).toBe('${{ inputs.stack }}');
  });

  it('deploys wave by wave, one job per wave of tools/ci/definitions.js, each after the one before', () => {
    const { DEPLOY_WAVES } = require('./definitions');
    const workflow = load('deploy.yml');
    const waves = Object.keys(workflow.jobs).filter((name) => name.startsWith('wave-'));
    expect(waves).toEqual(Array.from({ length: DEPLOY_WAVES }, (_, i) => `wave-${i}`));
    expect(Object.keys(workflow.jobs.stacks.outputs)).toEqual(['stacks', ...waves]);
    waves.forEach((name, i) => {
      const job = workflow.jobs[name];
      expect(job.uses).toBe('./.github/workflows/deploy-stack.yml');
      expect(job.strategy.matrix.stack).toBe(`\${{ fromJSON(needs.stacks.outputs.${name}) }}`);
      expect(job.with.stack).toBe('${{ matrix.stack }}');
      expect(job.if).toContain(`needs.stacks.outputs.${name} != '[]'`);
      if (i > 0) {
        expect(job.needs).toEqual(['stacks', `wave-${i - 1}`]);
        expect(job.if).toContain('!failure()');
      }
    });
    // Dispatch takes any stack name: stack-matrix --only refuses unknown ones, so no list to keep.
    expect(workflow.on.workflow_dispatch.inputs.stack.type).toBe('string');
  });
});
