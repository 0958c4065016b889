/** Test helpers shared by this app's specs (not part of the app's entry). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repositoryRoot = path.resolve(__dirname, '../../..');

/**
 * A scratch workspace in a temporary directory with copies of the real definitions: the
 * environments, the platform settings, the pinned addresses (the bootstrap stacks derive the
 * CI roles from them) and, unless left out, the registry.
 */
export function scratchWorkspace(options: { registry?: boolean } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-workspace-'));
  const dirs = options.registry === false ? ['environments', 'docs/addresses'] : ['environments', 'registry', 'docs/addresses'];
  for (const dir of dirs) fs.cpSync(path.join(repositoryRoot, dir), path.join(root, dir), { recursive: true });
  fs.mkdirSync(path.join(root, 'apps/platform'), { recursive: true });
  fs.copyFileSync(path.join(repositoryRoot, 'apps/platform/platform.yaml'), path.join(root, 'apps/platform/platform.yaml'));
  return root;
}
