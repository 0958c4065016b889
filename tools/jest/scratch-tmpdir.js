'use strict';
// Jest's globalSetup and globalTeardown: the run gets its own temporary directory, removed when
// it ends. CDKTF's Testing.app() makes a `cdktf.outdir.*` folder in os.tmpdir() on every call
// and never removes it, and a test's own scratch folders outlive a failed assertion: without
// this, one `npm test` left hundreds of folders in /tmp, which a long-lived CI runner keeps
// until its disk is full. It is set here, in Jest's own process, because a test file's
// `process.env` is a copy that neither os.tmpdir() nor child processes read; the test workers,
// started after globalSetup, and every Terraform or Nx process they start inherit it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const KEY = 'PLATFORM_JEST_SCRATCH_TMPDIR';

function setup() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-'));
  process.env[KEY] = JSON.stringify({ scratch, before: process.env.TMPDIR ?? null });
  process.env.TMPDIR = scratch;
}

function teardown() {
  const saved = process.env[KEY];
  if (!saved) return;
  const { scratch, before } = JSON.parse(saved);
  if (before === null) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  delete process.env[KEY];
  fs.rmSync(scratch, { recursive: true, force: true });
}

module.exports = { setup, teardown };
