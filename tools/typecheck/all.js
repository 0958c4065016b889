#!/usr/bin/env node
'use strict';
/**
 * Type-checks every Nx project that has a `typecheck` target in one TypeScript program instead
 * of one per project (`npm test`; docs/performance.md). Each project's own `typecheck` loads
 * cdktf's and the provider's declarations and every library it imports again, 3 to 8 s a
 * project on the reference machine; one program over the union of their files checks the same
 * files with the same compiler options once.
 *
 * The projects and their files come from their targets as Nx sees them: `tsc -p <tsconfig>
 * --noEmit` (the tsconfig's files and options) or the environment apps' typecheck.js (the
 * folder's .ts files, tsconfig.base.json's options). Projects whose options differ get a
 * program per set of options; a target of another kind runs as it is. So nothing a project's
 * own target checks is left out (tools/typecheck/all.spec.js).
 *
 *   node tools/typecheck/all.js
 *
 * Prints `file:line:column - error TS<code>: <message>` per error; exit 1 on any.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const ts = require('typescript');
const { baseCompilerOptions, environmentAppFiles, formatDiagnostic } = require('../environment-app/typecheck');

const TSC = /^tsc -p (\S+) --noEmit$/;
const ENVIRONMENT_APP = /^node tools\/environment-app\/typecheck\.js (\S+)$/;

/**
 * What each project's typecheck target checks: `{ project, files, options }`, or
 * `{ project, command }` for a target this module does not know how to merge.
 * @param {string} root
 * @param {Record<string, { root: string, targets?: Record<string, any> }>} projects name to Nx project configuration
 */
function typecheckUnits(root, projects) {
  const units = [];
  for (const [name, project] of Object.entries(projects).sort(([a], [b]) => a.localeCompare(b))) {
    const target = project.targets?.typecheck;
    if (!target) continue;
    const command = String(target.options?.command ?? '').replaceAll('{projectRoot}', project.root);
    const tsc = TSC.exec(command);
    const app = ENVIRONMENT_APP.exec(command);
    if (tsc) {
      const parsed = ts.getParsedCommandLineOfConfigFile(path.resolve(root, tsc[1]), { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      if (!parsed) throw new Error(`${name}: cannot read ${tsc[1]}`);
      units.push({ project: name, files: parsed.fileNames, options: parsed.options, errors: parsed.errors });
    } else if (app) {
      // The environment app's own typecheck (tools/environment-app/typecheck.js): its files, the base options.
      units.push({ project: name, files: environmentAppFiles(root, app[1]), options: baseCompilerOptions(root), errors: [] });
    } else {
      units.push({ project: name, command });
    }
  }
  return units;
}

/** Compiler options without what names the file they were read from. */
function optionsKey(options) {
  const { configFilePath, ...rest } = options;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/**
 * Type-checks the units: one program per set of compiler options, other targets run as they are.
 * @returns {{ errors: string[], programs: { projects: string[], files: number }[], commands: string[] }}
 */
function typecheckAll(root, units) {
  const groups = new Map();
  const errors = [];
  const commands = [];
  for (const unit of units) {
    if (unit.command) {
      commands.push(unit.project);
      const run = spawnSync(unit.command, { cwd: root, shell: true, encoding: 'utf8' });
      if (run.status !== 0) errors.push(`${unit.project}: ${unit.command} failed:\n${run.stdout}${run.stderr}`);
      continue;
    }
    for (const error of unit.errors) errors.push(`${unit.project}: ${formatDiagnostic(root, error)}`);
    const key = optionsKey(unit.options);
    if (!groups.has(key)) groups.set(key, { options: unit.options, files: new Set(), projects: [] });
    const group = groups.get(key);
    group.projects.push(unit.project);
    for (const file of unit.files) group.files.add(path.resolve(file));
  }
  const programs = [];
  for (const group of groups.values()) {
    const program = ts.createProgram([...group.files].sort(), group.options);
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) errors.push(formatDiagnostic(root, diagnostic));
    programs.push({ projects: group.projects, files: group.files.size });
  }
  return { errors, programs, commands };
}

async function main() {
  const root = path.resolve(__dirname, '../..');
  process.env.NX_DAEMON ??= 'false';
  const { createProjectGraphAsync } = require('@nx/devkit');
  const graph = await createProjectGraphAsync({ exitOnError: true });
  const projects = Object.fromEntries(Object.entries(graph.nodes).map(([name, node]) => [name, node.data]));
  const result = typecheckAll(root, typecheckUnits(root, projects));
  for (const error of result.errors) console.error(error);
  for (const program of result.programs) console.log(`typecheck: one program, ${program.files} files, projects ${program.projects.join(', ')}`);
  for (const project of result.commands) console.log(`typecheck: ${project} by its own target`);
  if (result.errors.length > 0) console.error(`${result.errors.length} type error${result.errors.length === 1 ? '' : 's'}`);
  process.exitCode = result.errors.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

module.exports = { typecheckUnits, typecheckAll };
