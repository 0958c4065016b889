'use strict';
/**
 * Provider installation for the gate: one shared, read-only provider tree per set of provider
 * requirements, which every stack's `terraform init -plugin-dir=<tree>` links to.
 *
 * Why (README "Providers and the flaky fork/exec failure"): with a shared plugin_cache_dir,
 * every `terraform init` of a directory without a lock file (every fresh work copy) deletes
 * the cache entry and creates it again. A provider that another stack's validate, plan or test
 * starts in that window through `.terraform/providers/... -> cache` is missing:
 * "fork/exec .terraform/providers/.../terraform-provider-aws_v5.100.0_x5: no such file or
 * directory". Serializing inits did not help, because the victim is not an init. With
 * `-plugin-dir`, init only creates links inside its own work copy and never writes anything
 * shared, so there is nothing left to race with; and a tree is complete before its directory
 * appears (it is built aside and renamed into place), so no run can see half a tree.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const TREE_FILE = 'gate-provider-tree.json';
/** Bump when the tree's layout or the way it is built changes, so old trees are not reused. */
const TREE_FORMAT = 1;

/**
 * @typedef {Record<string, { source?: string, version?: string }>} Requirements
 * `terraform.required_providers` of a stack, by local name.
 */

/**
 * `required_providers` of a parsed cdk.tf.json, with the sources written out in full
 * (`aws` -> `registry.terraform.io/hashicorp/aws`) so that equal requirements compare equal.
 * @param {any} config
 * @returns {Requirements}
 */
function requiredProviders(config) {
  const declared = (config && config.terraform && config.terraform.required_providers) || {};
  /** @type {Requirements} */
  const result = {};
  for (const name of Object.keys(declared).sort()) {
    const value = declared[name];
    // Terraform < 0.13 style `aws = "~> 5.0"` is a bare version constraint.
    const requirement = typeof value === 'string' ? { version: value } : value || {};
    result[name] = { source: fullSource(requirement.source || name), ...(requirement.version ? { version: requirement.version } : {}) };
  }
  return result;
}

/**
 * `aws` -> `registry.terraform.io/hashicorp/aws`, `acme/x` -> `registry.terraform.io/acme/x`.
 * @param {string} source
 */
function fullSource(source) {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

/**
 * The tree's directory name: requirements plus where they are installed from, since a tree
 * built from one mirror must not be reused once the providers come from elsewhere.
 * @param {Requirements} requirements
 * @param {string} installSource  e.g. the mirror path, or the CLI config text
 */
function treeKey(requirements, installSource) {
  const text = JSON.stringify({ format: TREE_FORMAT, requirements, installSource });
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Paths (relative to the tree) of every installed provider package directory:
 * `.terraform/providers/<host>/<namespace>/<type>/<version>/<os_arch>`.
 * @param {string} treeDir
 * @returns {string[]}
 */
function installedPackages(treeDir) {
  /** @type {string[]} */
  let paths = [path.join('.terraform', 'providers')];
  for (let level = 0; level < 5; level += 1) {
    paths = paths.flatMap((relative) => {
      try {
        return fs.readdirSync(path.join(treeDir, relative)).map((name) => path.join(relative, name));
      } catch {
        return [];
      }
    });
  }
  return paths.sort();
}

/**
 * True when a tree is complete and every package it installed still resolves (an unpacked
 * mirror's packages are links to the mirror, which may have moved).
 * @param {string} treeDir
 */
function treeIsUsable(treeDir) {
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(path.join(treeDir, TREE_FILE), 'utf8'));
  } catch {
    return false;
  }
  if (!recorded || recorded.format !== TREE_FORMAT || !Array.isArray(recorded.packages)) return false;
  return recorded.packages.every((/** @type {string} */ relative) => {
    try {
      return fs.readdirSync(path.join(treeDir, relative)).some((name) => name.startsWith('terraform-provider-'));
    } catch {
      return false;
    }
  });
}

/**
 * @typedef {object} ProviderTree
 * @property {string} dir         the tree: an initialized configuration requiring the providers
 * @property {string} pluginDir   `<dir>/.terraform/providers`, what stacks pass to -plugin-dir
 */

/**
 * Returns the tree for `requirements`, building it first when it is missing or broken: one
 * `terraform init -backend=false` (providers from the CLI config's mirror or the registry, no
 * plugin cache) in a directory of its own, renamed into place when complete. Concurrent gate
 * processes may both build it; the first rename wins and the other uses the winner's.
 * @param {{ treesDir: string, requirements: Requirements, installSource: string,
 *   init: (dir: string) => Promise<import('./terraform').CommandResult> }} options
 * @returns {Promise<{ tree?: ProviderTree, failure?: import('./terraform').CommandResult }>}
 */
async function ensureProviderTree({ treesDir, requirements, installSource, init }) {
  const dir = path.join(treesDir, treeKey(requirements, installSource));
  const tree = { dir, pluginDir: path.join(dir, '.terraform', 'providers') };
  if (treeIsUsable(dir)) return { tree };
  if (fs.existsSync(dir)) {
    // Broken (its mirror moved, or an older format): move it aside first, because a rename
    // cannot replace a non-empty directory.
    const stale = `${dir}.stale-${process.pid}-${Date.now()}`;
    await fs.promises.rename(dir, stale).catch(() => undefined);
    await fs.promises.rm(stale, { recursive: true, force: true });
  }
  await fs.promises.mkdir(treesDir, { recursive: true });
  const building = await fs.promises.mkdtemp(`${dir}.building-`);
  try {
    const config = {
      '//': 'Generated by tools/terraform-gate: the providers its stacks link to (read-only once built).',
      terraform: { required_providers: requirements },
    };
    await fs.promises.writeFile(path.join(building, 'main.tf.json'), JSON.stringify(config, null, 2) + '\n');
    const result = await init(building);
    if (result.code !== 0) return { failure: result };
    const record = { format: TREE_FORMAT, requirements, installSource, packages: installedPackages(building) };
    await fs.promises.writeFile(path.join(building, TREE_FILE), JSON.stringify(record, null, 2) + '\n');
    try {
      await fs.promises.rename(building, dir);
    } catch (error) {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !treeIsUsable(dir)) throw error;
      // Another gate process finished the same tree first: use theirs.
    }
    return { tree };
  } finally {
    await fs.promises.rm(building, { recursive: true, force: true });
  }
}

/**
 * Terraform's words for "the registry (or network mirror) could not be reached", as opposed to
 * "there is no such provider or version".
 */
const UNREACHABLE = [
  /could not connect to registry\.terraform\.io/i,
  /dial tcp/i,
  /no such host/i,
  /i\/o timeout/i,
  /connection refused/i,
  /network is unreachable/i,
  /TLS handshake timeout/i,
  /context deadline exceeded/i,
];

/**
 * The one line that says what to do when providers cannot be installed because there is no
 * mirror and the registry is unreachable; undefined for any other init failure.
 * @param {string} output   init's output
 * @param {Requirements} requirements
 * @param {boolean} haveMirror
 */
function unreachableHint(output, requirements, haveMirror) {
  if (haveMirror) return undefined;
  if (!/Failed to (query available provider packages|install provider)/.test(output)) return undefined;
  if (!UNREACHABLE.some((pattern) => pattern.test(output))) return undefined;
  const wanted = Object.values(requirements).map(({ source, version }) => {
    const exact = version && /^\s*=?\s*\d+\.\d+\.\d+\s*$/.test(version) ? version.replace(/[=\s]/g, '') : '<version>';
    return `${source}/${exact}`;
  });
  const aws = Object.values(requirements).some(({ source }) => source === 'registry.terraform.io/hashicorp/aws');
  return (
    `no ${aws ? 'AWS provider' : 'providers'}: registry.terraform.io is unreachable and no provider mirror was found; ` +
    `set TF_PLUGIN_DIR to a folder holding ${wanted.join(' and ')} ` +
    '(make one with "terraform providers mirror <dir>" on a connected machine)'
  );
}

module.exports = {
  requiredProviders,
  fullSource,
  treeKey,
  ensureProviderTree,
  treeIsUsable,
  unreachableHint,
  TREE_FILE,
};
