#!/usr/bin/env node
'use strict';
/**
 * Type-checks one environment app: every .ts file of `environments/<env>/` (its stack.ts, its
 * specs and helpers), with the workspace's compiler options (tsconfig.base.json: strict, the
 * library path aliases). An environment app has no tsconfig of its own, so that adding one is
 * a single file; this is the `typecheck` target the Nx plugin gives its project.
 *
 *   node tools/environment-app/typecheck.js environments/prod
 *
 * Prints each error as `file:line:column - error TS<code>: <message>`; exit 1 on errors.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

/** The .ts files an environment app's typecheck checks: every one of its folder. */
function environmentAppFiles(root, dir) {
  const folder = path.resolve(root, dir);
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(folder, name));
}

/** The workspace's compiler options (tsconfig.base.json), without emit. */
function baseCompilerOptions(root) {
  const configFile = path.join(root, 'tsconfig.base.json');
  const config = ts.readConfigFile(configFile, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root, { noEmit: true }, configFile).options;
}

/** `file:line:column - error TS<code>: <message>`, the file relative to `root`. */
function formatDiagnostic(root, diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `error TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${path.relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1} - error TS${diagnostic.code}: ${message}`;
}

function typecheck(root, dir) {
  const program = ts.createProgram(environmentAppFiles(root, dir), baseCompilerOptions(root));
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => formatDiagnostic(root, diagnostic));
}

if (require.main === module) {
  const [dir] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: typecheck.js environments/<env>');
    process.exit(2);
  }
  const errors = typecheck(process.cwd(), dir);
  for (const error of errors) console.error(error);
  if (errors.length > 0) console.error(`${errors.length} type error${errors.length === 1 ? '' : 's'} in ${dir}`);
  process.exitCode = errors.length > 0 ? 1 : 0;
}

module.exports = { typecheck, environmentAppFiles, baseCompilerOptions, formatDiagnostic };
