/** Test helpers shared by this app's specs (not part of the app's entry). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repositoryRoot = path.resolve(__dirname, '../../..');

/**
 * The environments this app's specs are written against. A workspace may have more (a user's
 * qa, one the README's generator example adds); the specs copy only these, so adding an
 * environment never breaks a spec that lists stacks.
 */
export const SPEC_ENVIRONMENTS = ['dev', 'staging', 'prod'];

function accountOf(definitionFile: string): string | undefined {
  return /^accountId:\s*"?(\d{12})"?/m.exec(fs.readFileSync(definitionFile, 'utf8'))?.[1];
}

/**
 * A scratch workspace in a temporary directory with copies of the real definitions: the
 * environments of SPEC_ENVIRONMENTS, the platform settings, their pinned addresses (the
 * bootstrap stacks derive the CI roles from them) and, unless left out, the registry.
 */
export function scratchWorkspace(options: { registry?: boolean } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-workspace-'));
  for (const env of SPEC_ENVIRONMENTS) {
    fs.cpSync(path.join(repositoryRoot, 'environments', env), path.join(root, 'environments', env), { recursive: true });
  }
  if (options.registry !== false) fs.cpSync(path.join(repositoryRoot, 'registry'), path.join(root, 'registry'), { recursive: true });
  fs.mkdirSync(path.join(root, 'apps/platform'), { recursive: true });
  fs.copyFileSync(path.join(repositoryRoot, 'apps/platform/platform.yaml'), path.join(root, 'apps/platform/platform.yaml'));
  // Environment apps written into the copy import packages, as they would in the repository.
  fs.symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  // The pins of the stacks this workspace has: its environments, the registry, and the
  // bootstrap stacks of their accounts.
  const accounts = new Set(SPEC_ENVIRONMENTS.map((env) => accountOf(path.join(root, 'environments', env, 'environment.yaml'))));
  if (options.registry !== false) accounts.add(accountOf(path.join(root, 'registry', 'registry.yaml')));
  const stacks = new Set([...SPEC_ENVIRONMENTS, 'registry', ...[...accounts].map((account) => `bootstrap-${account}`)]);
  const pins = path.join(repositoryRoot, 'docs/addresses');
  fs.mkdirSync(path.join(root, 'docs/addresses'), { recursive: true });
  for (const file of fs.readdirSync(pins)) {
    if (!file.endsWith('.txt') || stacks.has(file.slice(0, -'.txt'.length))) fs.copyFileSync(path.join(pins, file), path.join(root, 'docs/addresses', file));
  }
  return root;
}
