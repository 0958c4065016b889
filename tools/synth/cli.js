#!/usr/bin/env node
'use strict';
/**
 * Runs the CDKTF app the fast way: esbuild bundles apps/platform/src/cli.ts with everything it
 * runs into one file, and Node runs it with V8's code cache (code-cache.js). That skips
 * ts-node's type-checking compiler, which is what makes the CDKTF template's default
 * `npx ts-node main.ts` slow, and loading some 600 modules one by one; type errors are caught by
 * the `typecheck` targets instead.
 * `validate` runs a bundle of its own that loads no construct (build.js buildValidateApp).
 *
 *   node tools/synth/cli.js synth [--stack <name>]... [--outdir <dir>]
 *   node tools/synth/cli.js validate [<environment.yaml>]...
 *   node tools/synth/cli.js list
 *
 * docs/performance.md: what each part costs, and the switches (PLATFORM_SYNTH_WORKERS,
 * PLATFORM_TOKEN_STACK_TRACES, PLATFORM_SOURCE_MAPS, PLATFORM_CODE_CACHE, PLATFORM_YAML_CACHE).
 */
const path = require('node:path');
const { buildPlatformApp, buildValidateApp } = require('./build');
const { runBundle } = require('./code-cache');

const root = path.resolve(__dirname, '../..');
process.env.PLATFORM_WORKSPACE_ROOT ??= root;
const validateOnly = process.argv[2] === 'validate';
const built = validateOnly ? buildValidateApp(root) : buildPlatformApp(root, process.env.PLATFORM_WORKSPACE_ROOT);
built.then(
  (bundle) => {
    // Source maps make every stack trace several times slower; turn them on only to debug:
    // PLATFORM_SOURCE_MAPS=1.
    if (process.env.PLATFORM_SOURCE_MAPS === '1') process.setSourceMapsEnabled(true);
    // validate's bundle is small: through the code cache it measured no faster.
    if (validateOnly) require(bundle);
    else runBundle(bundle);
  },
  // As uncaught as when the build was synchronous: Node prints it and exits 1.
  (error) =>
    process.nextTick(() => {
      throw error;
    }),
);
