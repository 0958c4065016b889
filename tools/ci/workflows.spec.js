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

  it('pins each action to one commit SHA across all workflows (no second version of an action)', () => {
    /** @type {Map<string, Set<string>>} */
    const pins = new Map();
    for (const file of files) {
      for (const line of fs.readFileSync(path.join(DIR, file), 'utf8').split('\n')) {
        const match = /^\s*(?:- )?uses:\s*([^@\s]+)@(.+)$/.exec(line);
        if (!match || match[1].startsWith('./')) continue;
        pins.set(match[1], new Set([...(pins.get(match[1]) || []), match[2]]));
      }
    }
    for (const [action, refs] of pins) expect([action, [...refs]]).toEqual([action, [expect.any(String)]]);
  });

  it('plans against real state only for pull requests of this repository, and says why a fork gets none', () => {
    const workflow = load('pull-request.yml');
    expect(workflow.jobs.plan.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    const report = JSON.stringify(workflow.jobs.report.steps);
    expect(report).toContain('--missing-reason');
    expect(report).toContain('pull request from a fork');
    expect(workflow.jobs.report.permissions).toEqual({ contents: 'read' });
  });

  it('posts the plan comment from the base repository, running nothing of the pull request', () => {
    const workflow = load('plan-comment.yml');
    expect(workflow.on).toEqual({ workflow_run: { workflows: ['pull-request'], types: ['completed'] } });
    const steps = workflow.jobs.comment.steps;
    expect(steps.map((step) => step.uses && step.uses.split('@')[0])).toEqual(['actions/download-artifact', 'actions/github-script']);
    // The pull request comes from the run's head commit (GitHub's data), never from the artifact.
    expect(steps[1].env.HEAD_SHA).toBe('${{ github.event.workflow_run.head_sha }}');
    expect(steps[1].with.script).toContain('p.head.sha === process.env.HEAD_SHA');
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

  describe('image.yml', () => {
    const workflow = load('image.yml');
    const steps = (job) => workflow.jobs[job].steps;
    const runs = (job) => steps(job).map((step) => step.run || '').join('\n');
    const action = (job, name) => steps(job).find((step) => (step.uses || '').startsWith(`${name}@`));

    it('builds the images tools/ci/image-matrix.js lists, one job per image, with the matrix values', () => {
      expect(runs('plan')).toContain('node tools/ci/image-matrix.js --changed - --github-output');
      expect(workflow.jobs.plan.outputs.images).toBe('${{ steps.images.outputs.images }}');
      const build = workflow.jobs.build;
      expect(build.strategy).toEqual({ 'fail-fast': false, matrix: { include: '${{ fromJSON(needs.plan.outputs.images) }}' } });
      expect(build.if).toBe("github.event_name == 'push' && needs.plan.outputs.images != '[]'");
      expect(action('build', 'docker/build-push-action').with).toEqual({
        context: '${{ matrix.context }}',
        file: '${{ matrix.dockerfile }}',
        platforms: '${{ matrix.platform }}',
        push: true,
        tags: '${{ matrix.imageName }}:${{ github.sha }}',
        provenance: false,
        sbom: false,
      });
      expect(action('build', 'aws-actions/configure-aws-credentials').with['role-to-assume']).toBe('${{ matrix.pushRoleArn }}');
      // Matrix legs hand their digests over as artifacts: one per image, all of them downloaded.
      expect(action('build', 'actions/upload-artifact').with.name).toBe('${{ matrix.artifact }}');
      expect(action('promote-commit', 'actions/download-artifact').with).toMatchObject({ pattern: 'digest-*', 'merge-multiple': true });
    });

    it('takes the promotions from tools/ci/image-promotion.js, and changes pins only with promote-image by digest, never forced', () => {
      expect(runs('plan')).toContain('node tools/ci/image-promotion.js "${args[@]}"');
      expect(runs('plan')).toContain('args=(dispatch --environment "$ENVIRONMENT" --github-output)');
      expect(runs('promote-commit')).toContain('node tools/ci/image-promotion.js push --digests');
      expect(workflow.jobs['promote-commit'].needs).toEqual(['plan', 'build']);
      expect(workflow.jobs['promote-pr'].needs).toEqual(['plan', 'promote-commit']);
      expect(workflow.jobs['promote-pr'].strategy.matrix.include).toBe('${{ fromJSON(needs.promote-commit.outputs.pull-requests || needs.plan.outputs.pull-requests) }}');
      const pins = Object.keys(workflow.jobs).flatMap((job) => runs(job).split('\n').filter((line) => line.includes('promote-image/cli.js')));
      expect(pins.length).toBe(2);
      for (const line of pins) {
        expect(line).toContain('--digest "$');
        expect(line).not.toContain('--force');
      }
    });

    it('takes any environment and repository by hand: tools/ci/image-promotion.js checks them against the definitions', () => {
      expect(workflow.on.workflow_dispatch.inputs).toEqual({
        environment: expect.objectContaining({ type: 'string', required: true }),
        repository: expect.objectContaining({ type: 'string', required: false, default: '' }),
      });
    });

    it('names no repository and no environment outside comments: they come from the definitions', () => {
      const { environmentDefinitions } = require('./definitions');
      const registry = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../../registry/registry.yaml'), 'utf8'));
      const names = [...registry.repositories.map((r) => r.name), ...environmentDefinitions(path.resolve(__dirname, '../..')).keys()];
      expect(names.length).toBeGreaterThan(1);
      const withoutComments = JSON.stringify(workflow).replace(/\/dev\/null/g, ''); // /dev/null is not environment "dev"
      for (const name of names) {
        const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect([name, new RegExp(`(^|[^\\w-])${escaped}([^\\w-]|$)`).test(withoutComments)]).toEqual([name, false]);
      }
    });

    it('runs on pushes that change an image: every build context is under on.push.paths', () => {
      const { imageBuilds } = require('./image-matrix');
      const paths = workflow.on.push.paths;
      expect(paths).toEqual(['apps/**', 'registry/registry.yaml', '.github/workflows/image.yml']);
      const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`);
      const { images } = imageBuilds();
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) expect([image.repository, paths.some((pattern) => glob(pattern).test(image.dockerfile))]).toEqual([image.repository, true]);
    });

    it('gives each job only what it needs', () => {
      expect(workflow.jobs.plan.permissions).toEqual({ contents: 'read' });
      expect(workflow.jobs.build.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      expect(workflow.jobs['promote-commit'].permissions).toEqual({ contents: 'read' });
      expect(workflow.jobs['promote-pr'].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      // The App token only where commits and pull requests are made.
      for (const [name, job] of Object.entries(workflow.jobs)) {
        expect([name, Boolean(action(name, 'actions/create-github-app-token'))]).toEqual([name, name.startsWith('promote-')]);
        expect([name, JSON.stringify(job).includes('secrets.')]).toEqual([name, name.startsWith('promote-')]);
      }
    });
  });
});
