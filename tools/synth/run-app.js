#!/usr/bin/env node
'use strict';
/**
 * Runs a CDKTF app written in TypeScript the way tools/synth runs the platform: bundled with
 * esbuild (everything it runs, in one file) and run by Node with V8's code cache
 * (code-cache.js), without ts-node's type-checking compiler (the project's `typecheck` target
 * does that).
 *
 *   node tools/synth/run-app.js examples/environment-in-code/main.ts
 *
 * The app runs in the current directory, so `new App()` writes `./cdktf.out`, as the CDKTF CLI
 * expects when `cdktf.json` names this command as its `app`.
 */
const path = require('node:path');
const { buildApp } = require('./build');
const { runBundle } = require('./code-cache');

const [entry] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-app.js <main.ts>');
  process.exit(2);
}
const root = path.resolve(__dirname, '../..');
buildApp(root, path.resolve(entry)).then(
  (bundle) => runBundle(bundle),
  // As uncaught as when the build was synchronous: Node prints it and exits 1.
  (error) =>
    process.nextTick(() => {
      throw error;
    }),
);
