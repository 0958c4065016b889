/**
 * Process entry of the CDKTF app. `cdktf.json` runs it through tools/synth/cli.js (bundled
 * with esbuild); `npx ts-node apps/platform/src/cli.ts` runs the same code the CDKTF
 * template's way (`npm run bench` compares the two).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from './main';

/** The workspace root is the nearest directory upwards that holds cdktf.json. */
function findWorkspaceRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'cdktf.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no cdktf.json in ${start} or above`);
  }
}

const root = process.env.PLATFORM_WORKSPACE_ROOT ?? findWorkspaceRoot(process.cwd());
process.exitCode = main(process.argv.slice(2), root);
