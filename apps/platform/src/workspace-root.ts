import * as fs from 'node:fs';
import * as path from 'node:path';

/** The workspace root is the nearest directory upwards that holds cdktf.json. */
export function findWorkspaceRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'cdktf.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no cdktf.json in ${start} or above`);
  }
}

/** `$PLATFORM_WORKSPACE_ROOT`, else the workspace of the current directory. */
export function workspaceRoot(): string {
  return process.env.PLATFORM_WORKSPACE_ROOT ?? findWorkspaceRoot(process.cwd());
}
