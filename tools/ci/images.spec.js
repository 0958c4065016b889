'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');
const { ciStacks, environmentDefinitions, imageTarget } = require('./definitions');
const { imageBuilds, affectedImages, parseChanged, selectImages, artifactName, main: imageMatrix } = require('./image-matrix');
const { pushPlan, dispatchPlan, readDigests, run, main: imagePromotion } = require('./image-promotion');

/** Runs a CLI's main on a fixture workspace: exit code, stdout and stderr. */
function runMain(main, argv, root) {
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const status = main(argv, root);
    const text = (spy) => spy.mock.calls.map(([chunk]) => chunk).join('');
    return { status, stdout: text(out), stderr: text(err) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const ROOT = path.resolve(__dirname, '../..');
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OTHER = `sha256:${'cd'.repeat(32)}`;

/**
 * A workspace of its own: platform settings, a registry with the given repositories, files
 * (path -> text) and environments (name -> fields).
 */
function fixtureWorkspace({ repositories, files = {}, environments = {} }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-images-'));
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('apps/platform/platform.yaml', YAML.stringify({ project: 'acme', repository: 'github.com/acme/infra' }));
  write('registry/registry.yaml', YAML.stringify({ accountId: '999999999999', region: 'eu-west-1', repositories }));
  for (const [file, text] of Object.entries(files)) write(file, text);
  for (const [name, fields] of Object.entries(environments)) {
    write(`environments/${name}/environment.yaml`, YAML.stringify({ name, tier: 'non-production', accountId: '111111111111', region: 'eu-west-1', ...fields }));
  }
  return root;
}

const target = (repository) => ({
  imageName: `999999999999.dkr.ecr.eu-west-1.amazonaws.com/${repository}`,
  registry: '999999999999.dkr.ecr.eu-west-1.amazonaws.com',
  region: 'eu-west-1',
  pushRoleArn: 'arn:aws:iam::999999999999:role/acme-image-push',
});

describe('image matrix', () => {
  // web: apps/web/Dockerfile (the default place); jobs: a build elsewhere, with its own
  // Dockerfile name and platform; docs: no build and no apps/docs/Dockerfile.
  const threeRepositories = {
    repositories: [
      { name: 'web' },
      { name: 'jobs', build: { context: 'services/jobs/', dockerfile: 'docker/Dockerfile.release', platform: 'linux/arm64' } },
      { name: 'docs' },
    ],
    files: {
      'apps/web/Dockerfile': 'FROM scratch\n',
      'apps/web/src/index.js': '',
      'services/jobs/docker/Dockerfile.release': 'FROM scratch\n',
      'apps/docs/README.md': '',
    },
  };
  let root;
  beforeEach(() => {
    root = fixtureWorkspace(threeRepositories);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds every repository whose context holds its Dockerfile, in registry order, and names the others', () => {
    expect(imageBuilds(root)).toEqual({
      images: [
        { repository: 'web', context: 'apps/web', dockerfile: 'apps/web/Dockerfile', platform: 'linux/amd64', ...target('web'), artifact: 'digest-web' },
        {
          repository: 'jobs',
          context: 'services/jobs',
          dockerfile: 'services/jobs/docker/Dockerfile.release',
          platform: 'linux/arm64',
          ...target('jobs'),
          artifact: 'digest-jobs',
        },
      ],
      notBuilt: ['docs'],
    });
  });

  it('takes imageName, region and push role from imageTarget', () => {
    for (const image of imageBuilds(root).images) {
      const { imageName, registry, region, pushRoleArn } = imageTarget(image.repository, root);
      expect(image).toMatchObject({ imageName, registry, region, pushRoleArn });
    }
  });

  it('keeps, with --changed, the repositories whose context changed', () => {
    const names = (changed) => selectImages(['--changed', changed], root).images.map((image) => image.repository);
    expect(names('apps/web/src/index.js')).toEqual(['web']);
    expect(names('README.md\nservices/jobs/src/job.js\n')).toEqual(['jobs']);
    expect(names('["apps/web/Dockerfile","services/jobs/docker/Dockerfile.release"]')).toEqual(['web', 'jobs']);
    expect(names('apps/webapp/index.js\napps/docs/README.md\nservices/jobs-old/x')).toEqual([]);
    expect(names('')).toEqual([]);
    expect(names('[]')).toEqual([]);
  });

  it('rebuilds every image when the registry or the image workflow changed', () => {
    const names = (changed) => selectImages(['--changed', JSON.stringify(changed)], root).images.map((image) => image.repository);
    expect(names(['registry/registry.yaml'])).toEqual(['web', 'jobs']);
    expect(names(['docs/ci-cd.md', '.github/workflows/image.yml'])).toEqual(['web', 'jobs']);
    expect(names(['.github/workflows/deploy.yml'])).toEqual([]);
  });

  it('reads the changed files from stdin with --changed -, and says what it leaves out', () => {
    const selection = selectImages(['--changed', '-', '--github-output'], root, () => 'services/jobs/a\n');
    expect(selection.images.map((image) => image.repository)).toEqual(['jobs']);
    expect(selection).toMatchObject({ notBuilt: ['docs'], unchanged: ['web'], githubOutput: true });
  });

  it('refuses bad arguments', () => {
    expect(() => selectImages(['--changed'], root)).toThrow('--changed needs a value');
    expect(() => selectImages(['--changed', '[oops'], root)).toThrow('--changed: not a JSON array');
    expect(() => selectImages(['--only', 'web'], root)).toThrow('unknown argument "--only"');
  });

  it('is an error, naming the repository and the path, when a declared build has no Dockerfile', () => {
    const broken = fixtureWorkspace({
      repositories: [
        { name: 'web' },
        { name: 'jobs', build: { context: 'services/jobs' } },
        { name: 'cron', build: { platform: 'linux/arm64' } },
      ],
      files: { 'apps/web/Dockerfile': 'FROM scratch\n', 'services/jobs/Containerfile': 'FROM scratch\n' },
    });
    try {
      expect(() => imageBuilds(broken)).toThrow(
        'registry/registry.yaml: repository "jobs" declares a build (build.context), but its Dockerfile services/jobs/Dockerfile does not exist\n' +
          'registry/registry.yaml: repository "cron" declares a build (build.platform), but its Dockerfile apps/cron/Dockerfile does not exist\n' +
          '(a declared build that cannot work: add the Dockerfile, or correct build.context / build.dockerfile)',
      );
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('prints the matrix, lists on stderr what it does not build, exits 1 on a broken build and 2 on bad arguments', () => {
    expect(runMain(imageMatrix, ['--changed', 'apps/web/a.js'], root)).toEqual({
      status: 0,
      stdout: `${JSON.stringify(imageBuilds(root).images.slice(0, 1))}\n`,
      stderr: 'image-matrix: no Dockerfile, not built: docs\nimage-matrix: unchanged, not built: jobs\n',
    });
    expect(runMain(imageMatrix, ['--github-output'], root).stdout).toBe(`images=${JSON.stringify(imageBuilds(root).images)}\n`);
    fs.rmSync(path.join(root, 'services/jobs'), { recursive: true });
    expect(runMain(imageMatrix, [], root)).toEqual({
      status: 1,
      stdout: '',
      stderr: expect.stringMatching(/^image-matrix: registry\/registry.yaml: repository "jobs" declares a build \(build.context, build.dockerfile, build.platform\), but its Dockerfile services\/jobs\/docker\/Dockerfile.release does not exist\n/),
    });
    expect(runMain(imageMatrix, ['--changed'], root).status).toBe(2);
  });

  it('parses JSON arrays and git diff --name-only output', () => {
    expect(parseChanged(' ["a","b"]\n')).toEqual(['a', 'b']);
    expect(parseChanged('a\r\nb c\n\n')).toEqual(['a', 'b c']);
    expect(affectedImages([{ repository: 'all', context: '.' }], ['x'])).toHaveLength(1);
  });

  it('names artifacts after the repository, with / (not allowed in artifact names) as --', () => {
    expect(artifactName('sample-service')).toBe('digest-sample-service');
    expect(artifactName('team/web')).toBe('digest-team--web');
  });

  it('builds sample-service from apps/sample-service in this repository, and prints the matrix', () => {
    const { images } = imageBuilds();
    expect(images.find((image) => image.repository === 'sample-service')).toEqual({
      repository: 'sample-service',
      context: 'apps/sample-service',
      dockerfile: 'apps/sample-service/Dockerfile',
      platform: 'linux/amd64',
      imageName: imageTarget('sample-service').imageName,
      registry: imageTarget('sample-service').registry,
      region: imageTarget('sample-service').region,
      pushRoleArn: imageTarget('sample-service').pushRoleArn,
      artifact: 'digest-sample-service',
    });
    const cli = (...args) => spawnSync(process.execPath, [path.join(__dirname, 'image-matrix.js'), ...args], { encoding: 'utf8', input: 'apps/sample-service/src/server.js\n' });
    const all = cli();
    expect([all.status, JSON.parse(all.stdout)]).toEqual([0, images]);
    const changed = cli('--changed', '-', '--github-output');
    expect([changed.status, changed.stdout]).toEqual([0, `images=${JSON.stringify(images.filter((image) => image.context === 'apps/sample-service'))}\n`]);
    const nothing = cli('--changed', 'docs/ci-cd.md');
    expect([nothing.status, nothing.stdout]).toEqual([0, '[]\n']);
    expect(nothing.stderr).toContain('unchanged, not built: sample-service');
    expect(cli('--bogus').status).toBe(2);
  });
});

describe('image promotion plan', () => {
  // alpha and sandbox promote from none; beta from alpha, gamma from beta.
  const pinned = (repository, pin) => ({ name: `${repository}-svc`, image: { repository, ...pin } });
  const environments = {
    alpha: { services: [pinned('app', { tag: 'v1' })] },
    sandbox: { services: [pinned('tools', { tag: 't1' })] },
    beta: { promotesFrom: 'alpha', services: [pinned('app', { digest: DIGEST }), pinned('tools', { digest: OTHER }), { name: 'app-2', image: { repository: 'app', digest: DIGEST } }] },
    gamma: { promotesFrom: 'beta', services: [pinned('app', { tag: 'v0' })] },
  };
  let root;
  beforeEach(() => {
    root = fixtureWorkspace({ repositories: [{ name: 'app' }, { name: 'tools' }, { name: 'spare' }], environments });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const registry = { region: 'eu-west-1', pushRoleArn: 'arn:aws:iam::999999999999:role/acme-image-push' };

  it('after a push: commits to the first environments that run the repository, pull requests for the ones promoting from them', () => {
    expect(pushPlan([{ repository: 'app', digest: OTHER }], root)).toEqual({
      commits: [{ environment: 'alpha', repository: 'app', digest: OTHER }],
      pullRequests: [{ environment: 'beta', from: 'alpha', repository: 'app', digest: OTHER, ...registry }],
      unused: [],
    });
    // beta runs tools too, but promotes from alpha, which does not: no pull request to skip the order.
    expect(pushPlan([{ repository: 'tools', digest: OTHER }], root)).toEqual({
      commits: [{ environment: 'sandbox', repository: 'tools', digest: OTHER }],
      pullRequests: [],
      unused: [],
    });
    expect(pushPlan([{ repository: 'spare', digest: OTHER }], root)).toEqual({ commits: [], pullRequests: [], unused: ['spare'] });
    expect(() => pushPlan([{ repository: 'app', digest: 'latest' }], root)).toThrow('"latest" pushed for app is not an image digest');
  });

  it('reads the digests the build jobs left, none when there is no directory', () => {
    const dir = path.join(root, 'digests');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'digest-app.json'), JSON.stringify({ repository: 'app', digest: DIGEST }));
    fs.writeFileSync(path.join(dir, 'digest-tools.json'), JSON.stringify({ repository: 'tools', digest: OTHER }));
    expect(readDigests(dir)).toEqual([
      { repository: 'app', digest: DIGEST },
      { repository: 'tools', digest: OTHER },
    ]);
    expect(readDigests(path.join(root, 'none'))).toEqual([]);
    expect(run(['push', '--digests', dir, '--github-output'], root).text).toBe(
      `commits=${JSON.stringify([
        { environment: 'alpha', repository: 'app', digest: DIGEST },
        { environment: 'sandbox', repository: 'tools', digest: OTHER },
      ])}\n` + `pull-requests=${JSON.stringify([{ environment: 'beta', from: 'alpha', repository: 'app', digest: DIGEST, ...registry }])}\n`,
    );
  });

  it('by hand: promotes what the predecessor runs, every repository of it by default', () => {
    expect(dispatchPlan('gamma', undefined, root)).toEqual({
      commits: [],
      pullRequests: [{ environment: 'gamma', from: 'beta', repository: 'app', digest: DIGEST, ...registry }],
      skipped: ['tools'],
      current: [],
    });
    expect(dispatchPlan('gamma', 'app', root).pullRequests).toHaveLength(1);
  });

  it('by hand: proposes no pull request for what the environment already runs, and says so', () => {
    const gamma = path.join(root, 'environments/gamma/environment.yaml');
    fs.writeFileSync(gamma, fs.readFileSync(gamma, 'utf8').replace('tag: v0', `digest: ${DIGEST}`));
    expect(dispatchPlan('gamma', undefined, root)).toMatchObject({ pullRequests: [], current: [`app@${DIGEST}`] });
    const { text, notes } = run(['dispatch', '--environment', 'gamma', '--github-output'], root);
    expect(text).toBe('commits=[]\npull-requests=[]\n');
    expect(notes).toContain(`gamma already runs, nothing to promote: app@${DIGEST}`);
  });

  it('by hand: refuses what cannot be promoted, with the environments it could promote', () => {
    expect(() => dispatchPlan('alpha', undefined, root)).toThrow(
      "alpha promotes from no environment: it takes each build's digest on push; environments that promote from another: beta, gamma",
    );
    expect(() => dispatchPlan('qa', undefined, root)).toThrow('no environment "qa"; environments that promote from another: beta, gamma');
    expect(() => dispatchPlan('gamma', 'spare', root)).toThrow('beta (the environment gamma promotes from) runs no service from spare; it runs: app, tools');
    expect(() => dispatchPlan('gamma', 'tools', root)).toThrow('gamma runs no service from tools; it runs: app');
    expect(() => dispatchPlan('beta', undefined, root)).toThrow(
      'environments/alpha/environment.yaml: app is not pinned by one digest (found none); promote it there by digest first',
    );
  });

  it('prints notes on stderr and exits 1 when nothing sensible can be promoted, 2 on bad arguments', () => {
    expect(runMain(imagePromotion, ['dispatch', '--environment', 'gamma'], root)).toEqual({
      status: 0,
      stdout: `${JSON.stringify({ commits: [], pullRequests: [{ environment: 'gamma', from: 'beta', repository: 'app', digest: DIGEST, ...registry }] })}\n`,
      stderr: 'image-promotion: gamma does not run, not promoted: tools\n',
    });
    expect(runMain(imagePromotion, ['dispatch', '--environment', 'alpha'], root).status).toBe(1);
    expect(runMain(imagePromotion, ['dispatch', '--environment'], root).status).toBe(2);
  });

  it('refuses bad arguments', () => {
    expect(() => run(['deploy'], root)).toThrow('unknown command "deploy": push or dispatch');
    expect(() => run(['dispatch', '--digests', 'x'], root)).toThrow('dispatch: unknown argument "--digests"');
    expect(() => run(['dispatch'], root)).toThrow('dispatch needs --environment <env>');
    expect(() => run(['push'], root)).toThrow('push needs --digests <dir>');
  });

  it('follows the order of this repository: commits to the environments without promotesFrom, pull requests for the next ones', () => {
    const definitions = environmentDefinitions(ROOT);
    const runs = (name, repository) => (definitions.get(name).services || []).some((service) => service.image.repository === repository);
    const order = ciStacks(ROOT).filter((stack) => stack.kind === 'environment');
    const first = order.filter((stack) => !stack.promotesFrom && runs(stack.stack, 'sample-service')).map((stack) => stack.stack);
    const next = order.filter((stack) => first.includes(stack.promotesFrom) && runs(stack.stack, 'sample-service')).map((stack) => stack.stack);
    expect(first.length).toBeGreaterThan(0);
    const plan = pushPlan([{ repository: 'sample-service', digest: DIGEST }]);
    expect(plan.commits.map((commit) => commit.environment)).toEqual(first);
    expect(plan.pullRequests.map((pr) => [pr.environment, pr.from])).toEqual(next.map((name) => [name, definitions.get(name).promotesFrom]));
  });
});
