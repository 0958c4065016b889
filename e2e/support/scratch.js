'use strict';
/**
 * A scratch copy of this repository in a temporary git repository, for tests that perform a
 * documented workflow exactly as a user types it. The copy shares this checkout's
 * node_modules (a symlink), has an Nx cache of its own (e2e files run two at a time, each in
 * its own copy) and one commit of the current working tree.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const { stripVTControlCharacters } = require('node:util');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPOSITORY_ROOT = path.resolve(__dirname, '../..');
/** Generated or machine-local: never copied. */
const SKIP = new Set(['node_modules', '.git', '.nx', 'dist', 'cdktf.out', 'coverage', '.terraform']);

/** Environment for every command in a scratch repository: no daemon, no cloud, no TUI. */
function scratchEnv(extra = {}) {
  return {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    CHECKPOINT_DISABLE: '1',
    GIT_AUTHOR_NAME: 'e2e',
    GIT_AUTHOR_EMAIL: 'e2e@example.com',
    GIT_COMMITTER_NAME: 'e2e',
    GIT_COMMITTER_EMAIL: 'e2e@example.com',
    ...extra,
  };
}

/** Creates the scratch repository; returns its root. */
function createScratchRepository(prefix = 'e2e-') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(REPOSITORY_ROOT, root, { recursive: true, filter: (source) => !SKIP.has(path.basename(source)) });
  fs.symlinkSync(path.join(REPOSITORY_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  return root;
}

function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: scratchEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Runs a shell command line in the repository as a user would type it; resolves with its
 * exit code and combined output (never throws on failure: tests assert on both).
 */
function sh(cwd, commandLine, options = {}) {
  const result = spawnSync('bash', ['-c', commandLine], {
    cwd,
    encoding: 'utf8',
    env: scratchEnv(options.env),
    input: options.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 540_000,
  });
  // The text a user reads: Nx runs the e2e target with FORCE_COLOR=true (its task environment),
  // which reaches these commands, so their output carries colour codes.
  const stdout = stripVTControlCharacters(result.stdout ?? '');
  const stderr = stripVTControlCharacters(result.stderr ?? '');
  return { code: result.status ?? -1, output: `${stdout}${stderr}`, stdout, stderr };
}

/** Replaces text in a file of the repository, failing when the text is not there. */
function edit(root, file, from, to) {
  const target = path.join(root, file);
  const text = fs.readFileSync(target, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  fs.writeFileSync(target, text.replace(from, to));
}

// No credentials may reach Terraform in a scratch copy: only the failure to find some is expected
// of a command that reaches a real backend (cdktf diff, deploy, destroy).
const NO_AWS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' };
const CREDENTIALS_MISSING = /No valid credential sources found/;

function removeScratch(root) {
  fs.rmSync(root, { recursive: true, force: true });
}

module.exports = { CREDENTIALS_MISSING, NO_AWS, REPOSITORY_ROOT, createScratchRepository, edit, git, removeScratch, scratchEnv, sh };
