'use strict';
const { spawnSync } = require('node:child_process');
const { stripVTControlCharacters } = require('node:util');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repositoryRoot = path.resolve(__dirname, '../..');

describe('the Jest preset keeps temporary files in a folder of the run', () => {
  let parent;
  beforeEach(() => (parent = fs.mkdtempSync(path.join(os.tmpdir(), 'scratch-tmpdir-spec-'))));
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('removes what a test file and CDKTF left in os.tmpdir() when the run ends', () => {
    const config = {
      preset: path.join(repositoryRoot, 'jest.preset.js'),
      rootDir: path.join(__dirname, 'fixtures'),
      testMatch: ['<rootDir>/leaves-temporary-files.fixture.js'],
    };
    const cacheDirectory = path.join(parent, 'jest-cache');
    const run = spawnSync(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--ci', '--cacheDirectory', cacheDirectory],
      { cwd: repositoryRoot, env: { ...process.env, TMPDIR: parent }, encoding: 'utf8' },
    );
    // Under Nx, FORCE_COLOR reaches Jest's output.
    expect(stripVTControlCharacters(run.stderr)).toContain('Tests:       1 passed, 1 total');
    expect(run.status).toBe(0);
    // Jest's own transform cache, asked for inside `parent`, is the only thing left there.
    expect(fs.readdirSync(parent)).toEqual(['jest-cache']);
  });
});
