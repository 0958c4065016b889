#!/usr/bin/env node
'use strict';
/**
 * Runs the CDKTF app the fast way: esbuild bundles apps/platform/src/cli.ts (our code only;
 * packages stay in node_modules and load lazily by deep path) and Node runs the bundle. That
 * skips ts-node's type-checking compiler, which is what makes the CDKTF template's default
 * `npx ts-node main.ts` slow; type errors are caught by the `typecheck` targets instead.
 *
 *   node tools/synth/cli.js synth [--stack <name>]... [--outdir <dir>]
 *   node tools/synth/cli.js validate [<environment.yaml>]...
 *   node tools/synth/cli.js list
 */
const path = require('node:path');
const { buildPlatformApp } = require('./build');

const root = path.resolve(__dirname, '../..');
process.env.PLATFORM_WORKSPACE_ROOT ??= root;
const bundle = buildPlatformApp(root, process.env.PLATFORM_WORKSPACE_ROOT);
// Source maps make every stack trace CDKTF captures (one per token) several times slower;
// turn them on only to debug: PLATFORM_SOURCE_MAPS=1.
if (process.env.PLATFORM_SOURCE_MAPS === '1') process.setSourceMapsEnabled(true);
require(bundle);
