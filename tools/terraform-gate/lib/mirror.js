'use strict';
/**
 * Finds a provider mirror holding the AWS provider, in one place, so that the gate, its tests
 * and the plan report's tests all work offline without anyone setting TF_PLUGIN_DIR.
 *
 * Order: TF_PLUGIN_DIR (when set it is the answer, and a wrong value stays an error), then the
 * directories Terraform itself searches as implicit local mirrors, then a bounded search of the
 * filesystem (machines that ship the provider somewhere like /opt/tf-plugins).
 */
const fs = require('node:fs');
const path = require('node:path');
const { checkPluginDir } = require('./terraform');

const AWS_PATH = path.join('registry.terraform.io', 'hashicorp', 'aws');
const REGISTRY_DIR = 'registry.terraform.io';
// `find / -maxdepth 4 -name registry.terraform.io`: the mirror's registry.terraform.io
// directory is at most 4 levels below the root, so its parent at most 3.
const SEARCH_DEPTH = 4;
// Kernel and device trees (huge or endless, never a mirror) at the root; dependency and git
// trees anywhere (large, and a provider tree in there is not one to use).
const SKIPPED_AT_ROOT = new Set(['proc', 'sys', 'dev', 'run']);
const SKIPPED_ANYWHERE = new Set(['node_modules', '.git']);

/**
 * @typedef {object} ProviderMirror
 * @property {string} dir                                    holds registry.terraform.io/hashicorp/aws
 * @property {'TF_PLUGIN_DIR'|'usual location'|'search'} source  how it was found
 */

/**
 * The directories Terraform searches as implicit local mirrors on Unix
 * (https://developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories).
 * @param {NodeJS.ProcessEnv} env
 * @returns {string[]}
 */
function usualLocations(env) {
  const locations = [];
  if (env.HOME) locations.push(path.join(env.HOME, '.terraform.d', 'plugins'));
  if (env.XDG_DATA_HOME) locations.push(path.join(env.XDG_DATA_HOME, 'terraform', 'plugins'));
  else if (env.HOME) locations.push(path.join(env.HOME, '.local', 'share', 'terraform', 'plugins'));
  locations.push('/usr/local/share/terraform/plugins', '/usr/share/terraform/plugins');
  return locations;
}

/**
 * True when `dir` holds a usable AWS provider: a packed zip (`terraform providers mirror`) or an
 * unpacked `<version>/<os_arch>/` directory that resolves. Stricter than checkPluginDir on
 * purpose: a found directory was not chosen by anyone, and a left-over plugin cache whose
 * symlinks dangle must not win over a real mirror.
 * @param {string} dir
 */
function holdsAws(dir) {
  const awsDir = path.join(dir, AWS_PATH);
  for (const entry of readdirOrEmpty(awsDir)) {
    if (/^terraform-provider-aws_.*\.zip$/.test(entry)) return true;
    for (const platform of readdirOrEmpty(path.join(awsDir, entry))) {
      if (readdirOrEmpty(path.join(awsDir, entry, platform)).some((file) => file.startsWith('terraform-provider-aws'))) return true;
    }
  }
  return false;
}

/**
 * Entry names of a directory (following symlinks); [] when it is missing, unreadable, a file
 * or a dangling link.
 * @param {string} dir
 * @returns {string[]}
 */
function readdirOrEmpty(dir) {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Breadth-first search for a directory named registry.terraform.io at most SEARCH_DEPTH levels
 * below `root` that holds hashicorp/aws; resolves with its parent. Symlinks are not followed
 * (like find), unreadable directories are skipped, and entries are visited in sorted order so
 * that the answer does not depend on the order readdir returns them in.
 * @param {string} root
 * @returns {string|undefined}
 */
function searchMirror(root) {
  /** @type {Array<{ dir: string, depth: number }>} */
  let level = [{ dir: root, depth: 0 }];
  while (level.length > 0) {
    /** @type {Array<{ dir: string, depth: number }>} */
    const next = [];
    for (const { dir, depth } of level) {
      let entries;
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // permission denied, vanished: not a mirror
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (!entry.isDirectory()) continue;
        if (SKIPPED_ANYWHERE.has(entry.name) || (depth === 0 && SKIPPED_AT_ROOT.has(entry.name))) continue;
        const child = path.join(dir, entry.name);
        if (entry.name === REGISTRY_DIR && holdsAws(dir)) return dir;
        if (depth + 1 < SEARCH_DEPTH) next.push({ dir: child, depth: depth + 1 });
      }
    }
    level = next;
  }
  return undefined;
}

/**
 * Where the AWS provider can be installed from without the network.
 *
 * - TF_PLUGIN_DIR when set: checked with checkPluginDir, so a set but wrong value throws a
 *   GateSetupError instead of silently using something else;
 * - else the first of Terraform's usual local mirror directories that holds hashicorp/aws;
 * - else the bounded filesystem search (skipped when TF_GATE_MIRROR_SEARCH=off);
 * - else undefined: Terraform installs from the registry.
 * @param {NodeJS.ProcessEnv} env
 * @param {{ root?: string, locations?: string[] }} [options]  for tests: search root (default
 *   `/`) and the usual locations (default from env)
 * @returns {ProviderMirror|undefined}
 */
function findProviderMirror(env, options = {}) {
  if (env.TF_PLUGIN_DIR) {
    const dir = path.resolve(env.TF_PLUGIN_DIR);
    checkPluginDir(dir);
    return { dir, source: 'TF_PLUGIN_DIR' };
  }
  for (const dir of options.locations || usualLocations(env)) {
    if (holdsAws(dir)) return { dir, source: 'usual location' };
  }
  if (String(env.TF_GATE_MIRROR_SEARCH || '').toLowerCase() === 'off') return undefined;
  const found = searchMirror(options.root || '/');
  return found ? { dir: found, source: 'search' } : undefined;
}

/**
 * How the log names the install source, e.g.
 * `/opt/tf-plugins (found by search; set TF_PLUGIN_DIR to choose another)`.
 * @param {{ dir: string, source: string }|undefined} mirror
 */
function describeMirror(mirror) {
  if (!mirror) return 'the registry (no provider mirror found; set TF_PLUGIN_DIR to use one)';
  if (mirror.source === 'search') return `${mirror.dir} (found by search; set TF_PLUGIN_DIR to choose another)`;
  if (mirror.source === 'usual location') return `${mirror.dir} (a usual Terraform location; set TF_PLUGIN_DIR to choose another)`;
  return `${mirror.dir} (${mirror.source})`;
}

module.exports = { findProviderMirror, searchMirror, usualLocations, describeMirror, SEARCH_DEPTH };
