'use strict';
/**
 * Test support for the generators: an Nx Tree (FsTree, what `nx g` itself uses) over a
 * temporary copy of this repository's real definitions, and the generator's printed output.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { logger } = require('@nx/devkit');
const YAML = require('yaml');
const { FsTree, flushChanges } = require('nx/src/generators/tree');
const { workspaceProblems, definitionsLibrary } = require('./lib/definitions');
const { toStringKeepingLayout } = require('./lib/yaml');

const REPOSITORY_ROOT = path.resolve(__dirname, '../..');

/**
 * The environments and services the specs are written against. Only these are copied, so that
 * the specs still pass once the workspace has more (what the README's examples generate).
 */
const ENVIRONMENTS = ['dev', 'prod', 'staging'];
const SERVICES = ['storefront', 'order-worker'];

/**
 * A file as the specs' workspaces hold it: environment definitions keep only the known
 * services, and their Service Connect `calls` only to known services (through the Document
 * API: the rest stays byte for byte).
 * @param {string} file
 */
function baseline(file) {
  const text = fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
  if (!/^environments\/[^/]+\/environment\.yaml$/.test(file)) return text;
  const doc = YAML.parseDocument(text);
  const services = doc.get('services');
  if (!YAML.isSeq(services)) return text;
  const known = services.items.filter((item) => YAML.isMap(item) && SERVICES.includes(String(item.get('name'))));
  if (known.length === services.items.length) return text;
  services.items = known;
  for (const service of known) {
    const calls = YAML.isMap(service) ? service.get('calls') : undefined;
    if (!YAML.isSeq(calls)) continue;
    calls.items = calls.items.filter((item) => SERVICES.includes(String(YAML.isScalar(item) ? item.value : item)));
    if (calls.items.length === 0) service.delete('calls');
  }
  return toStringKeepingLayout(doc, text);
}

/** What the generators read: definitions, and project files (names an environment cannot take). */
function definitionFiles() {
  const files = ['apps/platform/platform.yaml', 'registry/registry.yaml', 'tools/project.json', 'e2e/project.json'];
  for (const name of ENVIRONMENTS) files.push(`environments/${name}/environment.yaml`);
  for (const dir of ['apps', 'libs']) {
    for (const name of fs.readdirSync(path.join(REPOSITORY_ROOT, dir))) files.push(`${dir}/${name}/project.json`);
  }
  return files.filter((file) => fs.existsSync(path.join(REPOSITORY_ROOT, file)));
}

/**
 * A temporary workspace holding copies of the real definitions; `edits` (path -> text, or a
 * function of the current text) change or add files.
 * @param {Record<string, string | ((text: string) => string)>} [edits]
 * @returns {string} its root
 */
function workspaceCopy(edits = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nx-plugin-spec-'));
  for (const file of definitionFiles()) {
    fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), baseline(file));
  }
  for (const [file, edit] of Object.entries(edits)) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    const after = typeof edit === 'function' ? edit(before) : edit;
    if (typeof edit === 'function' && after === before) throw new Error(`the edit of ${file} changed nothing`);
    fs.writeFileSync(target, after);
  }
  return root;
}

/** @param {string} root */
function treeOf(root) {
  return new FsTree(root, false);
}

/**
 * Runs a generator on a Tree, collecting what it prints.
 * @template T
 * @param {(tree: any, options: T) => Promise<unknown>} generator
 * @param {any} tree
 * @param {T} options
 * @returns {Promise<{ output: string, callback: unknown }>}
 */
async function run(generator, tree, options) {
  const lines = [];
  const spy = jest.spyOn(logger, 'info').mockImplementation((message) => {
    lines.push(String(message));
  });
  try {
    const callback = await generator(tree, options);
    return { output: lines.join('\n'), callback };
  } finally {
    spy.mockRestore();
  }
}

/**
 * The generator's refusal message (it must write nothing into the Tree).
 * @template T
 * @param {(tree: any, options: T) => Promise<unknown>} generator
 * @param {any} tree
 * @param {T} options
 * @returns {Promise<string>}
 */
async function refusal(generator, tree, options) {
  const spy = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  try {
    await generator(tree, options);
  } catch (error) {
    expect(tree.listChanges()).toEqual([]);
    return /** @type {Error} */ (error).message;
  } finally {
    spy.mockRestore();
  }
  throw new Error('the generator did not refuse');
}

/** Writes the Tree's changes to disk, as `nx g` does after the generator (not on --dry-run). */
function flush(/** @type {any} */ tree) {
  flushChanges(tree.root, tree.listChanges());
}

/** Every problem `validate-env` would report for the workspace at `root`, formatted. */
function problemsOf(/** @type {string} */ root) {
  return workspaceProblems(treeOf(root)).map(definitionsLibrary().formatProblem);
}

/** @param {string} root @param {string} file */
function read(root, file) {
  return fs.readFileSync(path.join(root, file), 'utf8');
}

/** @param {string} root */
function remove(root) {
  fs.rmSync(root, { recursive: true, force: true });
}

module.exports = { REPOSITORY_ROOT, baseline, flush, problemsOf, read, refusal, remove, run, treeOf, workspaceCopy };
