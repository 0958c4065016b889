#!/usr/bin/env node
'use strict';
/**
 * Runs the CDKTF app the fast way: esbuild bundles apps/platform/src/main.ts (our code only;
 * packages stay in node_modules and load lazily by deep path) and Node runs the bundle in this
 * process. That skips ts-node's type-checking compiler, which is what makes the CDKTF template's
 * default `npx ts-node main.ts` slow. Type errors are caught by `npm run typecheck` instead.
 *
 *   node tools/synth/cli.js synth [--stack <name>]... [--outdir <dir>]
 *   node tools/synth/cli.js validate [<environment.yaml>]...
 *   node tools/synth/cli.js list
 */
const path = require('node:path');
const { buildPlatformApp } = require('./build');

const root = path.resolve(__dirname, '../..');

function run() {
  const bundle = buildPlatformApp(root);
  process.setSourceMapsEnabled(true);
  const { main } = require(bundle);
  return main(process.argv.slice(2), root);
}

process.exitCode = run();
