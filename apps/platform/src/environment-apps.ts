/**
 * Environment apps: `environments/<env>/stack.ts`, TypeScript beside a definition that adds
 * constructs to that environment's stack (docs/extending.md). In the bundle tools/synth builds,
 * each app sits behind a lazy `require` registered by the bundle's entry, so one that throws
 * while loading breaks only its environment; outside a bundle (Jest, ts-node) the file is
 * required directly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file name of an environment app, beside `environment.yaml`. */
export const ENVIRONMENT_APP_FILE = 'stack.ts';

/** How an environment app is found and loaded. */
export interface EnvironmentAppModule {
  /** Absolute path of `stack.ts`. */
  readonly file: string;
  /** Loads the module (runs its top level); throws what the module throws. */
  load(): unknown;
}

type Registry = Readonly<Record<string, EnvironmentAppModule>>;

const REGISTRY = Symbol.for('ecs-platform.environment-apps');

function bundledRegistry(): Registry | undefined {
  return (globalThis as Record<symbol, Registry | undefined>)[REGISTRY];
}

/**
 * The environment app of `environment` in the workspace at `root`, or undefined when the
 * environment is its definition alone.
 */
export function findEnvironmentApp(root: string, environment: string): EnvironmentAppModule | undefined {
  const file = path.join(root, 'environments', environment, ENVIRONMENT_APP_FILE);
  const bundled = bundledRegistry();
  if (bundled) {
    const entry = bundled[environment];
    if (entry && path.resolve(entry.file) === path.resolve(file)) return entry;
    if (fs.existsSync(file)) {
      // The bundle was built for another workspace, or before this file existed.
      throw new Error(`${path.relative(root, file)} is not in the synthesis bundle; run the synthesis through tools/synth/cli.js with PLATFORM_WORKSPACE_ROOT=${root}`);
    }
    return undefined;
  }
  if (!fs.existsSync(file)) return undefined;
  return { file, load: () => require(file) as unknown };
}
