'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/**
 * Bundles the CDKTF app (apps/platform/src/cli.ts) with esbuild and returns the bundle's path.
 * Workspace libraries (tsconfig path aliases) are bundled in; node_modules packages stay
 * external so that @cdktf/provider-aws is loaded by deep path, one resource class at a time.
 *
 * The bundle lands in dist/platform/<content hash>/, written to a temporary name and renamed,
 * so parallel Nx tasks (dev:synth and prod:synth at once) never read a half-written file.
 */
function buildPlatformApp(root) {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(root, 'apps/platform/src/cli.ts')],
    // Same depth as the final dist/platform/<hash>/ so the source map's relative paths hold.
    outfile: path.join(root, 'dist/platform/bundle/main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    write: false,
    // tsconfig `paths` aliases resolve to workspace sources (bundled); every other bare import
    // is a package and stays external.
    tsconfig: path.join(root, 'tsconfig.base.json'),
    packages: 'external',
    absWorkingDir: root,
  });
  const hash = crypto.createHash('sha256');
  for (const file of result.outputFiles) hash.update(file.contents);
  const dir = path.join(root, 'dist/platform', hash.digest('hex').slice(0, 16));
  const bundle = path.join(dir, 'main.js');
  if (!fs.existsSync(bundle)) {
    fs.mkdirSync(dir, { recursive: true });
    // The map first: once main.js exists, the bundle is complete.
    const ordered = [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1));
    for (const file of ordered) {
      const target = path.join(dir, path.basename(file.path));
      const temporary = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, file.contents);
      fs.renameSync(temporary, target);
    }
  }
  return bundle;
}

module.exports = { buildPlatformApp };
