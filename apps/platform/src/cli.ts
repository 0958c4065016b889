/**
 * Process entry of the CDKTF app. `cdktf.json` runs it through tools/synth/cli.js (bundled
 * with esbuild); `npx ts-node apps/platform/src/cli.ts` runs the same code the CDKTF
 * template's way (`npm run bench` compares the two).
 */
import { main } from './main';
import { workspaceRoot } from './workspace-root';

process.exitCode = main(process.argv.slice(2), workspaceRoot());
