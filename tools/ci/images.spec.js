'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');
const { imageTarget } = require('./definitions');
const { imageBuilds, affectedImages, parseChanged, selectImages, artifactName, main: imageMatrix } = require('./image-matrix');

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
