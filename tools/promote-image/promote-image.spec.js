'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const YAML = require('yaml');
const { promote, pinDigest, readDigest, PromotionError } = require('./index');
const { main, parseArgs } = require('./cli');
const { environmentDefinitions } = require('../ci/definitions');

jest.setTimeout(120000);

const ROOT = path.resolve(__dirname, '../..');
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OTHER = `sha256:${'cd'.repeat(32)}`;
const THIRD = `sha256:${'ef'.repeat(32)}`;

// Names from the real definitions, not a list kept here: FIRST promotes from no environment
// (the first of the deploy order), NEXT promotes from FIRST; SERVICE and REPOSITORY are FIRST's
// first service and its image repository.
const REAL = environmentDefinitions(ROOT);
const [FIRST] = [...REAL].find(([, definition]) => !definition.promotesFrom && (definition.services || []).length > 0);
const [NEXT] = [...REAL].find(([, definition]) => definition.promotesFrom === FIRST && (definition.services || []).length > 0);
const SERVICE = REAL.get(FIRST).services[0].name;
const REPOSITORY = REAL.get(FIRST).services[0].image.repository;
const REASON = 'hotfix for incident 4711, approved by on-call';

/** The environment definition files of the real workspace, whatever environments it has. */
const environmentFiles = () =>
  fs
    .readdirSync(path.join(ROOT, 'environments'))
    .map((env) => `environments/${env}/environment.yaml`)
    .filter((file) => fs.existsSync(path.join(ROOT, file)));

/** A scratch workspace holding copies of the real definitions. */
function copyWorkspace() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'promote-image-'));
  for (const file of ['apps/platform/platform.yaml', 'registry/registry.yaml', ...environmentFiles()]) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(root, file));
  }
  return root;
}

const read = (root, env) => fs.readFileSync(path.join(root, 'environments', env, 'environment.yaml'), 'utf8');
const changedLines = (before, after) => {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return b.map((line, i) => [a[i], line]).filter(([x, y]) => x !== y);
};

describe('pinDigest', () => {
  // A real definition as sample input: its storefront and order-worker run sample-service by tag.
  const dev = fs.readFileSync(path.join(ROOT, `environments/${FIRST}/environment.yaml`), 'utf8');

  it('replaces the tag by the digest in place: a one-line diff, comments and formatting kept', () => {
    const { text, changes } = pinDigest(dev, { service: 'storefront' }, DIGEST);
    expect(changes).toEqual([{ service: 'storefront', repository: 'sample-service', from: expect.stringMatching(/^tag:/), to: `digest:${DIGEST}` }]);
    expect(changedLines(dev, text)).toEqual([[expect.stringMatching(/^ {6}tag: /), `      digest: ${DIGEST}`]]);
  });

  it('selects by repository: every service that runs it', () => {
    const services = pinDigest(dev, { repository: 'sample-service' }, DIGEST).changes.map((change) => change.service);
    expect(services).toEqual(['storefront', 'order-worker']);
  });

  it('pins the scheduled jobs that run the repository too', () => {
    const text = 'services:\n  - name: a\n    image: {repository: r, tag: v1}\njobs:\n  - name: nightly\n    image: {repository: r, tag: v1}\n  - name: other\n    image: {repository: s, tag: v1}\n';
    expect(pinDigest(text, { repository: 'r' }, DIGEST).changes.map((change) => change.service)).toEqual(['a', 'nightly']);
    expect(pinDigest(text, { service: 'nightly' }, DIGEST).changes.map((change) => change.service)).toEqual(['nightly']);
  });

  it('replaces an older digest and is a no-op for the same digest', () => {
    const once = pinDigest(dev, { service: 'storefront' }, DIGEST).text;
    const twice = pinDigest(once, { service: 'storefront' }, OTHER);
    expect(twice.changes[0].from).toBe(`digest:${DIGEST}`);
    expect(pinDigest(once, { service: 'storefront' }, DIGEST)).toEqual({ text: once, changes: [] });
  });

  it('changes only the pin lines: aligned comments, quoting, flow maps and blank lines stay byte for byte', () => {
    // Writing the whole document back (yaml's toString) would re-space the aligned comment,
    // unquote the tag and re-flow the map: a diff of more lines than the pins.
    const text = [
      '# a definition',
      'services:',
      '  - name: a',
      '    image:',
      '      repository: r',
      '      tag: "v1"     # quoted',
      '    schedule: cron(30 2 * * ? *)   # aligned comment',
      '',
      '  - name: b',
      '    image: { repository: r, tag: v1 }',
      '    command: [ "node",  "x.js" ]',
      '',
    ].join('\n');
    const result = pinDigest(text, { repository: 'r' }, DIGEST);
    expect(result.changes.map((change) => [change.service, change.from])).toEqual([
      ['a', 'tag:v1'],
      ['b', 'tag:v1'],
    ]);
    expect(changedLines(text, result.text)).toEqual([
      ['      tag: "v1"     # quoted', `      digest: ${DIGEST}     # quoted`],
      ['    image: { repository: r, tag: v1 }', `    image: { repository: r, digest: ${DIGEST} }`],
    ]);
  });

  it('leaves exactly one of tag and digest', () => {
    const both = 'services:\n  - name: a\n    image:\n      repository: r\n      tag: v1 # old\n      digest: sha256:' + '0'.repeat(64) + '\n';
    const { text } = pinDigest(both, { service: 'a' }, DIGEST);
    expect(text).toBe(`services:\n  - name: a\n    image:\n      repository: r\n      digest: ${DIGEST} # old\n`);
  });

  it('refuses bad digests and unknown services', () => {
    expect(() => pinDigest(dev, { service: 'storefront' }, 'sha256:abc')).toThrow(PromotionError);
    expect(() => pinDigest(dev, { service: 'storefront' }, 'latest')).toThrow('is not an image digest');
    expect(() => pinDigest(dev, { service: 'checkout' }, DIGEST)).toThrow('no service "checkout"');
    expect(() => pinDigest(dev, { repository: 'nope' }, DIGEST)).toThrow('no a service with image repository "nope"');
  });
});

describe('readDigest', () => {
  it('reads the digest an environment runs, and refuses a tag', () => {
    const text = 'services:\n  - name: a\n    image:\n      repository: r\n      tag: v1\n';
    expect(readDigest(pinDigest(text, { service: 'a' }, DIGEST).text, { service: 'a' })).toBe(DIGEST);
    expect(() => readDigest(text, { service: 'a' })).toThrow('environment.yaml: a is not pinned by one digest (found none); promote it there by digest first');
  });
});

describe('promote (validated by the real synth CLI)', () => {
  let root;
  beforeEach(() => {
    root = copyWorkspace();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes a valid promotion and leaves no temporary file', () => {
    const before = read(root, FIRST);
    const { changes } = promote({ root, environment: FIRST, service: SERVICE, digest: DIGEST });
    expect(changes).toHaveLength(1);
    expect(changedLines(before, read(root, FIRST))).toHaveLength(1);
    expect(fs.readdirSync(path.join(root, 'environments', FIRST))).toEqual(['environment.yaml']);
  });

  it('promotes what another environment runs', () => {
    promote({ root, environment: FIRST, service: SERVICE, digest: DIGEST });
    promote({ root, environment: NEXT, service: SERVICE, fromEnvironment: FIRST });
    expect(readDigest(read(root, NEXT), { service: SERVICE })).toBe(DIGEST);
  });

  it('follows the deploy order through every environment: each takes the digest once the one it promotes from runs it', () => {
    // Walk the order from FIRST: every environment promoting from the last one promoted.
    let from = FIRST;
    promote({ root, environment: FIRST, repository: REPOSITORY, digest: DIGEST });
    for (;;) {
      const next = [...REAL].find(([, definition]) => definition.promotesFrom === from);
      if (!next) break;
      expect(() => promote({ root, environment: next[0], repository: REPOSITORY, digest: OTHER })).toThrow(
        `refusing to skip the promotion order: ${next[0]} promotes from ${from}, which does not run ${REPOSITORY}@${OTHER}; ${from} runs ${REPOSITORY} as digest:${DIGEST} (`,
      );
      promote({ root, environment: next[0], repository: REPOSITORY, digest: DIGEST });
      expect(readDigest(read(root, next[0]), { repository: REPOSITORY })).toBe(DIGEST);
      from = next[0];
    }
  });

  it('refuses a digest the predecessor does not run, for every environment that promotes from another, and writes nothing', () => {
    const promoting = [...REAL].filter(([, definition]) => definition.promotesFrom);
    expect(promoting.length).toBeGreaterThan(0);
    for (const [environment, definition] of promoting) {
      const repository = definition.services[0].image.repository;
      const before = read(root, environment);
      expect(() => promote({ root, environment, repository, digest: THIRD })).toThrow(
        new RegExp(`^refusing to skip the promotion order: ${environment} promotes from ${definition.promotesFrom}, which does not run ${repository}@${THIRD}; `),
      );
      expect(read(root, environment)).toBe(before);
      expect(fs.readdirSync(path.join(root, 'environments', environment))).toEqual(['environment.yaml']);
    }
  });

  it('refuses to write into a definition that does not validate, and leaves it byte for byte', () => {
    const file = path.join(root, 'environments', FIRST, 'environment.yaml');
    fs.writeFileSync(file, read(root, FIRST).replace(/cpu: \d+/, 'cpu: 300'));
    const before = read(root, FIRST);
    expect(() => promote({ root, environment: FIRST, service: SERVICE, digest: DIGEST })).toThrow(
      new RegExp(`invalid; environments/${FIRST}/environment.yaml is unchanged:\n.*cpu`, 's'),
    );
    expect(read(root, FIRST)).toBe(before);
    expect(fs.readdirSync(path.join(root, 'environments', FIRST))).toEqual(['environment.yaml']);
  });

  it('restores the original when the workspace-wide check fails after the write', () => {
    const before = read(root, FIRST);
    const validate = (_root, file) => (file ? '' : 'registry/registry.yaml: cross-file problem');
    expect(() => promote({ root, environment: FIRST, service: SERVICE, digest: DIGEST, validate })).toThrow('was restored');
    expect(read(root, FIRST)).toBe(before);
    expect(fs.readdirSync(path.join(root, 'environments', FIRST))).toEqual(['environment.yaml']);
  });

  it('writes a forced promotion past the order when it validates', () => {
    const { forced } = promote({ root, environment: NEXT, repository: REPOSITORY, digest: THIRD, force: true, reason: REASON });
    expect(forced).toEqual({ reason: REASON, violation: expect.stringContaining(`${NEXT} promotes from ${FIRST}, which does not run ${REPOSITORY}@${THIRD}`) });
    expect(readDigest(read(root, NEXT), { repository: REPOSITORY })).toBe(THIRD);
  });
});

/**
 * A workspace of its own for the order rule (validation stubbed: these definitions are only as
 * complete as the rule needs). alpha promotes from none, beta from alpha, gamma from beta;
 * app runs in web and jobs, tools in cron (beta and gamma only).
 */
function orderWorkspace() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'promote-order-'));
  const environment = (name, promotesFrom, services) => {
    fs.mkdirSync(path.join(root, 'environments', name), { recursive: true });
    const definition = { name, ...(promotesFrom && { promotesFrom }), services };
    fs.writeFileSync(path.join(root, 'environments', name, 'environment.yaml'), YAML.stringify(definition));
  };
  const app = (name, pin) => ({ name, image: { repository: 'app', ...pin } });
  environment('alpha', null, [app('web', { tag: 'v1' }), app('jobs', { tag: 'v1' })]);
  environment('beta', 'alpha', [app('web', { digest: OTHER }), app('jobs', { digest: OTHER }), { name: 'cron', image: { repository: 'tools', tag: 't1' } }]);
  environment('gamma', 'beta', [app('web', { tag: 'v0' }), app('jobs', { tag: 'v0' }), { name: 'cron', image: { repository: 'tools', tag: 't0' } }]);
  return root;
}

describe('promotion order (fixture workspace)', () => {
  const validate = () => '';
  let root;
  beforeEach(() => {
    root = orderWorkspace();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const refusal = (environment, from, repository, digest, runs) =>
    `refusing to skip the promotion order: ${environment} promotes from ${from}, which does not run ${repository}@${digest}; ${runs}. ` +
    `Promote it to ${from} first, or pass --force with --reason "<why, at least 20 characters>"; environments/${environment}/environment.yaml is unchanged`;

  it('lets an environment without promotesFrom take any digest', () => {
    expect(promote({ root, validate, environment: 'alpha', repository: 'app', digest: DIGEST }).changes).toHaveLength(2);
  });

  it('refuses a digest the predecessor does not run, naming both environments and what the predecessor runs', () => {
    const before = read(root, 'beta');
    expect(() => promote({ root, validate, environment: 'beta', repository: 'app', digest: DIGEST })).toThrow(
      new PromotionError(refusal('beta', 'alpha', 'app', DIGEST, 'alpha runs app as tag:v1 (web, jobs)')),
    );
    expect(read(root, 'beta')).toBe(before);
    expect(fs.readdirSync(path.join(root, 'environments/beta'))).toEqual(['environment.yaml']);
  });

  it('checks the repository of a service selected by name, and lists every pin the predecessor has', () => {
    promote({ root, validate, environment: 'alpha', service: 'web', digest: DIGEST });
    expect(() => promote({ root, validate, environment: 'beta', service: 'jobs', digest: THIRD })).toThrow(
      refusal('beta', 'alpha', 'app', THIRD, `alpha runs app as digest:${DIGEST} (web), tag:v1 (jobs)`),
    );
  });

  it('takes a digest once some service of the predecessor with that repository runs it', () => {
    promote({ root, validate, environment: 'alpha', service: 'web', digest: DIGEST });
    const { changes } = promote({ root, validate, environment: 'beta', repository: 'app', digest: DIGEST });
    expect(changes.map((change) => change.service)).toEqual(['web', 'jobs']);
    expect(() => promote({ root, validate, environment: 'gamma', repository: 'app', digest: DIGEST })).not.toThrow();
  });

  it('refuses when the predecessor runs no service from that repository', () => {
    expect(() => promote({ root, validate, environment: 'beta', repository: 'tools', digest: DIGEST })).toThrow(
      refusal('beta', 'alpha', 'tools', DIGEST, 'alpha runs no service from tools'),
    );
  });

  it('refuses to skip an environment, also with --from-environment; from the predecessor it holds by construction', () => {
    promote({ root, validate, environment: 'alpha', repository: 'app', digest: DIGEST });
    expect(() => promote({ root, validate, environment: 'gamma', repository: 'app', fromEnvironment: 'alpha' })).toThrow(
      refusal('gamma', 'beta', 'app', DIGEST, `beta runs app as digest:${OTHER} (web, jobs)`),
    );
    expect(promote({ root, validate, environment: 'gamma', repository: 'app', fromEnvironment: 'beta' }).changes).toHaveLength(2);
  });

  it('changes nothing and refuses nothing when the pin is already that digest', () => {
    fs.writeFileSync(path.join(root, 'environments/beta/environment.yaml'), read(root, 'beta').replace(/digest: \S+/g, `digest: ${DIGEST}`));
    expect(promote({ root, validate, environment: 'beta', repository: 'app', digest: DIGEST }).changes).toEqual([]);
  });

  it('proceeds with --force and a reason, and says what it overrode', () => {
    const result = promote({ root, validate, environment: 'beta', repository: 'app', digest: DIGEST, force: true, reason: `  ${REASON} ` });
    expect(result.forced).toEqual({ reason: REASON, violation: `beta promotes from alpha, which does not run app@${DIGEST}; alpha runs app as tag:v1 (web, jobs)` });
    expect(readDigest(read(root, 'beta'), { repository: 'app' })).toBe(DIGEST);
  });

  it('refuses --force without a reason of at least 20 characters, and a reason without --force', () => {
    const base = { root, validate, environment: 'beta', repository: 'app', digest: DIGEST };
    expect(() => promote({ ...base, force: true })).toThrow(
      '--force needs --reason "<why>" (at least 20 characters): it is what a reviewer reads in the pull request',
    );
    expect(() => promote({ ...base, force: true, reason: ' too short, sorry ' })).toThrow(
      '--reason must say why in at least 20 characters (it has 16): it is what a reviewer reads in the pull request',
    );
    expect(() => promote({ ...base, reason: REASON })).toThrow('--reason goes with --force (it says why the promotion order is overridden)');
  });
});

describe('cli', () => {
  let root;
  let out;
  let err;
  beforeEach(() => {
    root = copyWorkspace();
    out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    out.mockRestore();
    err.mockRestore();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const written = (spy) => spy.mock.calls.map(([text]) => text).join('');

  it('promotes, then reports "already pinned" on a second run', () => {
    expect(main(['--environment', FIRST, '--service', SERVICE, '--digest', DIGEST, '--root', root])).toBe(0);
    expect(out).toHaveBeenCalledWith(expect.stringContaining(`${SERVICE} (${REPOSITORY}) tag:`));
    expect(main(['--environment', FIRST, '--service', SERVICE, '--digest', DIGEST, '--root', root])).toBe(0);
    expect(out).toHaveBeenLastCalledWith(`environments/${FIRST}: already pinned, nothing to change\n`);
    expect(main(['--environment', FIRST, '--repository', REPOSITORY, '--digest', DIGEST, '--root', root])).toBe(0);
    expect(out).toHaveBeenLastCalledWith(expect.stringMatching(new RegExp(`^environments/${FIRST}: \\S+ \\(${REPOSITORY}\\) tag:`)));
  });

  it('exits 1 on an invalid promotion and 2 on bad arguments', () => {
    expect(main(['--environment', FIRST, '--service', SERVICE, '--digest', 'sha256:nope', '--root', root])).toBe(1);
    expect(main(['--environment', 'no-such-environment', '--service', SERVICE, '--digest', DIGEST, '--root', root])).toBe(1);
    expect(main(['--environment', FIRST, '--digest', DIGEST])).toBe(2);
    expect(main(['--environment', FIRST, '--service', 's', '--digest', DIGEST, '--from-environment', NEXT])).toBe(2);
    expect(() => parseArgs(['--bogus', 'x'])).toThrow('unknown argument');
  });

  it('exits 1 with the refusal when the predecessor does not run the digest, the file unchanged', () => {
    const before = read(root, NEXT);
    expect(main(['--environment', NEXT, '--repository', REPOSITORY, '--digest', THIRD, '--root', root])).toBe(1);
    expect(written(err)).toMatch(
      new RegExp(`^promote-image: refusing to skip the promotion order: ${NEXT} promotes from ${FIRST}, which does not run ${REPOSITORY}@${THIRD}; ${FIRST} runs ${REPOSITORY} as `),
    );
    expect(written(out)).toBe('');
    expect(read(root, NEXT)).toBe(before);
  });

  it('with --force --reason: proceeds and prints what it overrode and the reason', () => {
    expect(main(['--environment', NEXT, '--repository', REPOSITORY, '--digest', THIRD, '--force', '--reason', REASON, '--root', root])).toBe(0);
    const lines = written(out).split('\n');
    expect(lines[0]).toMatch(new RegExp(`^environments/${NEXT}: forced past the promotion order: ${NEXT} promotes from ${FIRST}, which does not run ${REPOSITORY}@${THIRD}; `));
    expect(lines[1]).toBe(`environments/${NEXT}: reason: ${REASON}`);
    expect(lines.slice(2).filter(Boolean).every((line) => line.endsWith(`-> digest:${THIRD}`))).toBe(true);
    expect(readDigest(read(root, NEXT), { repository: REPOSITORY })).toBe(THIRD);
  });

  it('prints the reason also when --force was not needed', () => {
    expect(main(['--environment', FIRST, '--service', SERVICE, '--digest', DIGEST, '--force', '--reason', REASON, '--root', root])).toBe(0);
    expect(written(out).split('\n')[0]).toBe(`environments/${FIRST}: reason: ${REASON}`);
  });

  it('exits 2 on --force without a reason of 20 characters, and on --reason without --force; nothing written', () => {
    const before = read(root, NEXT);
    const args = ['--environment', NEXT, '--repository', REPOSITORY, '--digest', THIRD, '--root', root];
    const usage = (message) =>
      `promote-image: ${message}\nusage: promote-image --environment <env> (--service <name> | --repository <repo>) (--digest sha256:<hex> | --from-environment <env>) ` +
      '[--force --reason "<why, at least 20 characters>"] [--root <dir>]\n';
    expect(main([...args, '--force'])).toBe(2);
    expect(err).toHaveBeenLastCalledWith(usage('--force needs --reason "<why>" (at least 20 characters): it is what a reviewer reads in the pull request'));
    expect(main([...args, '--force', '--reason', 'because'])).toBe(2);
    expect(err).toHaveBeenLastCalledWith(usage('--reason must say why in at least 20 characters (it has 7): it is what a reviewer reads in the pull request'));
    expect(main([...args, '--reason', REASON])).toBe(2);
    expect(err).toHaveBeenLastCalledWith(usage('--reason goes with --force (it says why the promotion order is overridden)'));
    expect(main([...args, '--force', '--reason'])).toBe(2);
    expect(err).toHaveBeenLastCalledWith(usage('--reason needs a value'));
    expect(read(root, NEXT)).toBe(before);
  });
});
