'use strict';
/**
 * The definition schema and its cross-file rules, in-process, for generators.
 *
 * The rules live in TypeScript (libs/environment-definition, apps/platform/src/workspace.ts).
 * The generators are plain JavaScript with no build step of their own, so the same sources are
 * bundled in memory with esbuild (as tools/synth does for the synth CLI) and compiled as a
 * module: nothing is written to disk, so a dry run stays a dry run.
 *
 * A generator validates the text it is about to write, before writing it into the Tree: the
 * Tree's definitions are copied to a temporary folder outside the workspace, with the new
 * texts in place, and `loadWorkspace` reads that folder exactly as `validate-env` reads the
 * workspace (every file, every cross-file rule, reserved names). An invalid result is refused
 * and nothing is written at all.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

/** The repository these generators belong to (its libraries hold the schema). */
const PLUGIN_ROOT = path.resolve(__dirname, '../../..');

const ENTRY = `
export { allProblems, loadWorkspace, reservedNames } from './apps/platform/src/workspace';
export { AWS_REGIONS, DEFAULT_LIFECYCLE, formatProblem, listenerRulePriority } from '@ecs-platform/environment-definition';
export { contains, parseCidr, planSubnets } from '@ecs-platform/cidr';
`;

/**
 * @typedef {object} FileProblem
 * @property {string} file
 * @property {(string|number)[]} path
 * @property {string} message
 * @property {number} [line]
 * @property {number} [column]
 * @property {{ file: string, path: (string|number)[] }} [related]
 */

/**
 * @typedef {object} DefinitionsLibrary
 * @property {(root: string) => unknown} loadWorkspace
 * @property {(workspace: unknown) => FileProblem[]} allProblems
 * @property {(problem: FileProblem) => string} formatProblem
 * @property {(service: { routing?: { priority?: number, paths?: string[] } }, index: number) => number} listenerRulePriority
 * @property {string[]} AWS_REGIONS
 * @property {{ untaggedExpiryDays: number, keepReleaseImages: number, protectedTagPrefixes: string[] }} DEFAULT_LIFECYCLE
 * @property {(vpcCidr: string, zones: string[]) => { public: string[], private: string[], isolated: string[] }} planSubnets
 * @property {(text: string) => object | string} parseCidr  a parsed CIDR, or why it is none
 * @property {(outer: object, inner: object) => boolean} contains
 */

/** @type {DefinitionsLibrary | undefined} */
let library;

/**
 * The schema library, bundled once per process.
 * @returns {DefinitionsLibrary}
 */
function definitionsLibrary() {
  if (library) return library;
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    stdin: { contents: ENTRY, resolveDir: PLUGIN_ROOT, sourcefile: 'nx-plugin-definitions.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    // tsconfig `paths` resolve the workspace libraries (bundled); packages stay external.
    tsconfig: path.join(PLUGIN_ROOT, 'tsconfig.base.json'),
    packages: 'external',
    absWorkingDir: PLUGIN_ROOT,
  });
  const filename = path.join(PLUGIN_ROOT, 'tools/nx-plugin/lib/definitions.bundle.js');
  const compiled = new Module(filename);
  compiled.filename = filename;
  compiled.paths = /** @type {any} */ (Module)._nodeModulePaths(PLUGIN_ROOT);
  /** @type {any} */ (compiled)._compile(result.outputFiles[0].text, filename);
  library = /** @type {DefinitionsLibrary} */ (compiled.exports);
  return library;
}

/**
 * The files `loadWorkspace` reads: the platform settings, the registry, every environment
 * definition, and the project files whose names environments may not take.
 * @param {import('@nx/devkit').Tree} tree
 * @returns {string[]}
 */
function definitionPaths(tree) {
  const files = ['apps/platform/platform.yaml', 'registry/registry.yaml', 'tools/project.json'];
  for (const name of tree.children('environments')) files.push(`environments/${name}/environment.yaml`);
  for (const dir of ['apps', 'libs', 'examples']) {
    for (const name of tree.children(dir)) files.push(`${dir}/${name}/project.json`);
  }
  return files.filter((file) => tree.exists(file) && tree.isFile(file));
}

/**
 * Every problem of the definitions, as `validate-env` reports them, with `replacements`
 * (workspace path -> text) in place of the Tree's files.
 * @param {import('@nx/devkit').Tree} tree
 * @param {Map<string, string>} [replacements]
 * @returns {FileProblem[]}
 */
function workspaceProblems(tree, replacements = new Map()) {
  const lib = definitionsLibrary();
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'nx-plugin-validate-'));
  try {
    const files = new Set([...definitionPaths(tree), ...replacements.keys()]);
    for (const file of files) {
      const text = replacements.has(file) ? replacements.get(file) : tree.read(file, 'utf-8');
      if (text === null || text === undefined) continue;
      fs.mkdirSync(path.join(copy, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(copy, file), text);
    }
    return lib.allProblems(lib.loadWorkspace(copy));
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/**
 * The problems the new texts bring: every problem located in (or pointing at) a replaced file,
 * and any other problem the workspace did not have before.
 * @param {import('@nx/devkit').Tree} tree
 * @param {Map<string, string>} replacements
 * @returns {string[]} formatted as `file:line:column: field: message`
 */
function problemsWith(tree, replacements) {
  const lib = definitionsLibrary();
  const before = new Set(workspaceProblems(tree).map(lib.formatProblem));
  const replaced = new Set(replacements.keys());
  return workspaceProblems(tree, replacements)
    .filter((problem) => replaced.has(problem.file) || (problem.related && replaced.has(problem.related.file)) || !before.has(lib.formatProblem(problem)))
    .map(lib.formatProblem);
}

module.exports = { definitionsLibrary, problemsWith, workspaceProblems, PLUGIN_ROOT };
