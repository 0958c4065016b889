'use strict';
/**
 * tools/synth/code-cache.js: a bundle run through it behaves as under `require`, and V8's code
 * cache beside it is written once, then used, and rewritten when V8 rejects it.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { codeCacheFile } = require('./code-cache');

const runner = path.join(__dirname, 'code-cache.js');

let dir;
let bundle;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
  bundle = path.join(dir, 'main.js');
  fs.symlinkSync(path.join(__dirname, '../../node_modules'), path.join(dir, 'node_modules'), 'dir');
  // What a bundle relies on from its module wrapper: exports, require (a package and a relative
  // file), module, __filename, __dirname; and a stack trace naming the bundle's file and line.
  fs.writeFileSync(path.join(dir, 'helper.js'), 'module.exports = (x) => x * 2;\n');
  fs.writeFileSync(
    bundle,
    [
      "'use strict';",
      "const helper = require('./helper');",
      'module.exports.twice = helper(21);',
      'const where = new Error().stack.split("\\n")[1].trim();',
      'console.log(JSON.stringify({ twice: module.exports.twice, file: __filename, dir: __dirname, yaml: typeof require("yaml").parse, cached: require.cache[__filename] === module, where }));',
      '',
    ].join('\n'),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the bundle in a fresh Node through runBundle; returns what it printed and the outcome. */
function run(env = {}) {
  const script = `const r = require(${JSON.stringify(runner)}).runBundle(${JSON.stringify(bundle)}); process.on('exit', () => console.log(r));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '../..'), env: { ...process.env, ...env }, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  const [printed, outcome] = result.stdout.trim().split('\n');
  return { printed: JSON.parse(printed), outcome };
}

describe('runBundle', () => {
  it('runs the bundle as require does: its exports, require, module, __filename, __dirname and stack lines', () => {
    const { printed } = run({ PLATFORM_CODE_CACHE: '0' });
    expect(printed).toEqual({ twice: 42, file: bundle, dir, yaml: 'function', cached: true, where: expect.stringContaining(`${bundle}:4:`) });
    expect(run().printed).toEqual(printed);
  });

  it('writes the cache after the first run, uses it after, and rewrites one V8 rejects', () => {
    fs.rmSync(codeCacheFile(bundle), { force: true });
    expect(run().outcome).toBe('written');
    expect(fs.statSync(codeCacheFile(bundle)).size).toBeGreaterThan(0);
    expect(run().outcome).toBe('used');
    fs.writeFileSync(codeCacheFile(bundle), 'not a code cache');
    expect(run().outcome).toBe('written');
    expect(run().outcome).toBe('used');
    // No temporary file is left beside it.
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('is off with PLATFORM_CODE_CACHE=0 and with source maps on', () => {
    fs.rmSync(codeCacheFile(bundle), { force: true });
    expect(run({ PLATFORM_CODE_CACHE: '0' }).outcome).toBe('off');
    expect(run({ PLATFORM_SOURCE_MAPS: '1' }).outcome).toBe('off');
    expect(fs.existsSync(codeCacheFile(bundle))).toBe(false);
  });
});
