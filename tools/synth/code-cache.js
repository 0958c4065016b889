'use strict';
/**
 * Runs a CommonJS bundle as `require(file)` does, with V8's code cache kept beside it.
 *
 * Compiling the app's bundle (cdktf, constructs, the provider classes and the workspace, one
 * file) is most of what a synthesis pays before it builds anything. V8 can save the code it
 * compiled and take it back on the next run instead of parsing and compiling again: Node 22
 * does that itself (`module.enableCompileCache`); Node 20, which this project supports, only
 * through `vm.Script`'s `cachedData`. The cache is written once per bundle and Node version,
 * after the first run (so it holds every function that run compiled, not only the top level),
 * to a temporary name and renamed, so concurrent runs never read half a file. V8 checks the
 * cache against the source and its own flags and rejects one that does not fit: the run then
 * compiles as usual and writes a new cache. The code and its output are the same either way
 * (tools/synth/code-cache.spec.js compares them).
 *
 * PLATFORM_CODE_CACHE=0 turns it off (plain `require`). Under PLATFORM_SOURCE_MAPS=1 it is off
 * too: Node maps stack traces only of files its own loader compiled.
 */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const CODE_CACHE_VARIABLE = 'PLATFORM_CODE_CACHE';

/**
 * Set while a bundle runs through the cache: the script a worker thread of that bundle should
 * start with to load it the same way (worker-entry.js, which reads `workerData.bundle`).
 */
const WORKER_ENTRY = Symbol.for('ecs-platform.bundle-worker-entry');

/** The cache file of a bundle: per Node version and architecture (V8 rejects another's). */
function codeCacheFile(file) {
  return `${file}.${process.version}-${process.arch}.v8cache`;
}

/**
 * @param {string} file absolute path of the bundle
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {'off'|'used'|'written'} what happened to the cache (the bundle ran in every case)
 */
function runBundle(file, env = process.env) {
  if (env[CODE_CACHE_VARIABLE] === '0' || env.PLATFORM_SOURCE_MAPS === '1') {
    require(file);
    return 'off';
  }
  const cacheFile = codeCacheFile(file);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  if (!used) process.once('exit', () => writeCache(cacheFile, script));

  // What Node's loader sets up for a module: its own require, module object and paths.
  const bundleModule = new Module(file, require.main ?? null);
  bundleModule.filename = file;
  bundleModule.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = bundleModule;
  const bundleRequire = Module.createRequire(file);
  globalThis[WORKER_ENTRY] = path.join(__dirname, 'worker-entry.js');
  script.runInThisContext().call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, file, path.dirname(file));
  bundleModule.loaded = true;
  return used ? 'used' : 'written';
}

/** Best effort: a cache that cannot be written only costs the next run its compile. */
function writeCache(cacheFile, script) {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

module.exports = { runBundle, codeCacheFile, CODE_CACHE_VARIABLE };
