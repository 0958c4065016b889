'use strict';
/**
 * docs/ci-cd.md "Promotion by digest": the `tools/promote-image` commands, performed as a user
 * types them, in the order written, on a scratch copy of this repository. The commands are
 * read from the doc itself; only each `<64 hex>` placeholder is filled with a digest. dev gets
 * the new digest, staging takes it because dev runs it, prod takes staging's, and a hotfix
 * digest reaches prod only with --force and a reason. Staging refuses a digest dev does not
 * run, with the message the doc shows, and keeps its file byte for byte. Every change is one
 * `tag:`/`digest:` line of a definition, and the workspace still validates.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { REPOSITORY_ROOT, createScratchRepository, git, removeScratch, sh } = require('./support/scratch');

/** The first `sh` block after `marker` in docs/ci-cd.md, continuation lines joined, comments kept. */
function docBlocks(marker) {
  const doc = fs.readFileSync(path.join(REPOSITORY_ROOT, 'docs/ci-cd.md'), 'utf8');
  const start = doc.indexOf(marker);
  if (start < 0) throw new Error(`docs/ci-cd.md has no "${marker}"`);
  const blocks = [...doc.slice(start).matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, body]) => ({ lang, body }));
  const commands = blocks
    .find((block) => block.lang === 'sh')
    .body.replace(/\\\n\s*/g, '')
    .split('\n')
    .filter(Boolean);
  const refusal = blocks.find((block) => block.lang === '').body.trim();
  return { commands, refusal };
}

const NEW_DIGEST = `sha256:${'1c'.repeat(32)}`;
const HOTFIX_DIGEST = `sha256:${'7e'.repeat(32)}`;
const UNKNOWN_DIGEST = `sha256:${'ab'.repeat(32)}`;
const FILE = (environment) => `environments/${environment}/environment.yaml`;

describe('docs/ci-cd.md: promoting an image by hand', () => {
  const { commands, refusal } = docBlocks('The pin change is `tools/promote-image`');
  let root;
  beforeAll(() => {
    root = createScratchRepository('promote-image-');
  });
  afterAll(() => removeScratch(root));

  /** The lines a command changed, as `-old` / `+new` pairs without the diff's headers. */
  const changedLines = (environment) =>
    git(root, 'diff', '--unified=0', '--', FILE(environment))
      .split('\n')
      .filter((line) => /^[-+](?![-+]{2})/.test(line));
  const readDefinition = (environment) => fs.readFileSync(path.join(root, FILE(environment)), 'utf8');
  /** The services and jobs of an environment that run sample-service, from its definition. */
  const sampleServices = (environment) => {
    const definition = YAML.parse(readDefinition(environment));
    return [...(definition.services ?? []), ...(definition.jobs ?? [])].filter((service) => service.image.repository === 'sample-service');
  };
  const pinLines = (environment, digest) => Array(sampleServices(environment).length).fill(`+      digest: ${digest}`);
  const commit = (message) => git(root, 'commit', '-qam', message);

  it('documents dev, staging, prod from staging, then a forced prod hotfix', () => {
    expect(commands).toHaveLength(4);
    expect(commands[0]).toMatch(/^node tools\/promote-image\/cli\.js --environment dev --service storefront --digest sha256:<64 hex>$/);
    expect(commands[1]).toMatch(/^node tools\/promote-image\/cli\.js --environment staging --repository sample-service --digest sha256:<64 hex>\s+# dev must run it$/);
    expect(commands[2]).toBe('node tools/promote-image/cli.js --environment prod --repository sample-service --from-environment staging');
    expect(commands[3]).toMatch(/^node tools\/promote-image\/cli\.js --environment prod --repository sample-service --digest sha256:<64 hex> --force --reason "[^"]{20,}"$/);
  });

  it('staging refuses a digest dev does not run, as the doc shows, and its file stays byte for byte', () => {
    const before = readDefinition('staging');
    const result = sh(root, commands[1].replace('sha256:<64 hex>', UNKNOWN_DIGEST));
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: '' });
    // The doc abbreviates the digest (`ab…`); everything else of the first line reads the same.
    const [documentedStart, documentedEnd] = refusal.split('sha256:ab…');
    expect(result.stderr.startsWith(`${documentedStart}${UNKNOWN_DIGEST}`)).toBe(true);
    expect(result.stderr.split('\n')[0].endsWith(documentedEnd)).toBe(true);
    expect(readDefinition('staging')).toBe(before);
  });

  it('dev: pins storefront to the new digest, one line of its definition', () => {
    const [storefront] = sampleServices('dev').filter((service) => service.name === 'storefront');
    const result = sh(root, commands[0].replace('sha256:<64 hex>', NEW_DIGEST));
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(result.stdout).toBe(`environments/dev: storefront (sample-service) tag:${storefront.image.tag} -> digest:${NEW_DIGEST}\n`);
    expect(changedLines('dev')).toEqual([`-      tag: ${storefront.image.tag}`, `+      digest: ${NEW_DIGEST}`]);
    commit('dev runs the new digest');
  });

  it('staging: takes the digest dev now runs, for every service of that repository', () => {
    const result = sh(root, commands[1].replace('sha256:<64 hex>', NEW_DIGEST));
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.replace(/ \(sample-service\) .*/, ''))).toEqual(sampleServices('staging').map((service) => `environments/staging: ${service.name}`));
    expect(lines.every((line) => line.endsWith(`-> digest:${NEW_DIGEST}`))).toBe(true);
    const changed = changedLines('staging');
    expect(changed.filter((line) => line.startsWith('+'))).toEqual(pinLines('staging', NEW_DIGEST));
    expect(changed.filter((line) => line.startsWith('-')).every((line) => /^- {6}digest: sha256:[0-9a-f]{64}$/.test(line))).toBe(true);
    commit('staging runs the new digest');
  });

  it('prod: --from-environment staging pins what staging runs; a second run changes nothing', () => {
    const result = sh(root, commands[2]);
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    expect(changedLines('prod').filter((line) => line.startsWith('+'))).toEqual(pinLines('prod', NEW_DIGEST));
    const after = readDefinition('prod');
    const again = sh(root, commands[2]);
    expect({ code: again.code, stdout: again.stdout }).toEqual({ code: 0, stdout: 'environments/prod: already pinned, nothing to change\n' });
    expect(readDefinition('prod')).toBe(after);
    commit('prod runs what staging runs');
  });

  it('prod hotfix: a digest staging does not run goes in only with --force and the reason, which it prints', () => {
    const refused = sh(root, commands[3].replace('sha256:<64 hex>', HOTFIX_DIGEST).replace(/ --force --reason "[^"]*"$/, ''));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^promote-image: refusing to skip the promotion order: prod promotes from staging, which does not run sample-service@/);
    expect(changedLines('prod')).toEqual([]);

    const result = sh(root, commands[3].replace('sha256:<64 hex>', HOTFIX_DIGEST));
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    const reason = commands[3].match(/--reason "([^"]*)"/)[1];
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/^environments\/prod: forced past the promotion order: prod promotes from staging/), `environments/prod: reason: ${reason}`]);
    expect(changedLines('prod').filter((line) => line.startsWith('+'))).toEqual(pinLines('prod', HOTFIX_DIGEST));
  });

  it('only definitions changed, and the whole workspace still validates', () => {
    const files = git(root, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean);
    expect(files).toEqual([` M ${FILE('prod')}`]);
    const changedSinceBase = git(root, 'diff', '--name-only', 'HEAD~3', 'HEAD').split('\n').filter(Boolean);
    expect(changedSinceBase).toEqual([FILE('dev'), FILE('prod'), FILE('staging')]);
    const result = sh(root, 'npm run validate-env');
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
  });
});
