'use strict';
/**
 * docs/ci-cd.md "Images": the commands that show what the image workflow would build and
 * propose, performed as a user types them in a scratch repository whose last commit changed
 * the sample service's code. The commands are read from the doc itself.
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPOSITORY_ROOT, createScratchRepository, edit, git, removeScratch, sh } = require('./support/scratch');

/** The `sh` block of docs/ci-cd.md that runs tools/ci/image-matrix.js, one command a line. */
function imageCommands() {
  const doc = fs.readFileSync(path.join(REPOSITORY_ROOT, 'docs/ci-cd.md'), 'utf8');
  const block = [...doc.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(([, body]) => body).find((body) => body.includes('tools/ci/image-matrix.js'));
  if (!block) throw new Error('docs/ci-cd.md has no sh block running tools/ci/image-matrix.js');
  return block
    .split('\n')
    .map((line) => line.replace(/\s+# .*$/, '').trim())
    .filter(Boolean);
}

describe('docs/ci-cd.md: what the image workflow builds and proposes, by hand', () => {
  const commands = imageCommands();
  let root;
  beforeAll(() => {
    root = createScratchRepository('ci-commands-');
    edit(root, 'apps/sample-service/src/server.js', '\n', '\n// a change to the service\n');
    git(root, 'commit', '-qam', 'change the sample service');
  });
  afterAll(() => removeScratch(root));

  const run = (command) => {
    const result = sh(root, command);
    expect({ command, code: result.code, stderr: result.stderr }).toMatchObject({ command, code: 0 });
    return result;
  };
  const repositories = (images) => images.map((image) => image.repository);

  it('lists every image, then those the last commit changed, from git diff or a JSON list', () => {
    expect(commands).toHaveLength(4);
    const all = JSON.parse(run(commands[0]).stdout);
    expect(repositories(all)).toContain('sample-service');
    expect(all.find((image) => image.repository === 'sample-service')).toMatchObject({ context: 'apps/sample-service', dockerfile: 'apps/sample-service/Dockerfile' });

    expect(commands[1]).toBe('git diff --name-only --no-renames HEAD~1 HEAD | node tools/ci/image-matrix.js --changed -');
    const changed = JSON.parse(run(commands[1]).stdout);
    expect(repositories(changed)).toEqual(['sample-service']);

    const output = run(commands[2]).stdout;
    expect(output.startsWith('images=')).toBe(true);
    expect(JSON.parse(output.slice('images='.length))).toEqual(changed);
  });

  it('proposes nothing for prod while it runs what staging runs, then the pull request for a newer digest', () => {
    expect(commands[3]).toBe('node tools/ci/image-promotion.js dispatch --environment prod');
    const same = run(commands[3]);
    expect(JSON.parse(same.stdout)).toEqual({ commits: [], pullRequests: [] });
    expect(same.stderr).toMatch(/^image-promotion: prod already runs, nothing to promote: sample-service@sha256:[0-9a-f]{64}\n$/);

    const digest = `sha256:${'5a'.repeat(32)}`;
    run(`node tools/promote-image/cli.js --environment dev --service storefront --digest ${digest}`);
    run(`node tools/promote-image/cli.js --environment staging --repository sample-service --digest ${digest}`);
    const plan = JSON.parse(run(commands[3]).stdout);
    expect(plan).toEqual({ commits: [], pullRequests: [expect.objectContaining({ environment: 'prod', from: 'staging', repository: 'sample-service', digest })] });
  });
});
