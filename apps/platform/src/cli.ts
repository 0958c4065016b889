/**
 * Process entry of the CDKTF app. `cdktf.json` runs it through tools/synth/cli.js (bundled
 * with esbuild); `npx ts-node apps/platform/src/cli.ts` runs the same code the CDKTF
 * template's way (`npm run bench` compares the two). A synthesis worker (synth-workers.ts)
 * runs this same bundle in a worker thread: there it builds the stacks it is handed instead.
 */
import { keepIamActionLists } from '@ecs-platform/iam-policy';
import { isMainThread } from 'node:worker_threads';
import { bundleIamActionCache } from './iam-action-cache';
import { main } from './main';
import { isSynthWorker } from './synth-workers';
import { serveSynthesisWorker } from './synthesize';
import { configureTokenStackTraces } from './token-stack-traces';
import { workspaceRoot } from './workspace-root';

// The policy's IAM action lists, kept beside the bundle between runs (iam-action-cache.ts).
keepIamActionLists(bundleIamActionCache());

if (isMainThread) {
  process.exitCode = main(process.argv.slice(2), workspaceRoot());
} else if (isSynthWorker()) {
  configureTokenStackTraces(process.env);
  serveSynthesisWorker();
}
