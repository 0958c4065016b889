'use strict';
const crypto = require('node:crypto');
const { builtinModules } = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

/** The file of an environment app: `environments/<env>/stack.ts` beside the definition. */
const ENVIRONMENT_APP_FILE = 'stack.ts';

/**
 * Bundles the CDKTF app (apps/platform/src/cli.ts) with esbuild and returns the bundle's path.
 * Everything it runs is bundled in, the packages too: one file to read and compile instead of
 * some 600 modules to find, read and compile one by one (docs/performance.md). The provider
 * classes come in by deep path, so the bundle holds only the resource classes the code uses.
 * tools/synth/code-cache.js runs it with V8's code cache.
 *
 * The environment apps of `workspaceRoot` (`environments/<env>/stack.ts`, which may be another
 * checkout than `root`, as when promote-image validates a scratch copy) are bundled in as
 * well, each behind its own `require` that runs only when its environment is built: an app
 * that throws when it loads breaks its own environment, no other.
 *
 * The bundle lands in dist/platform/<content hash>/, written to a temporary name and renamed,
 * so parallel Nx tasks (dev:synth and prod:synth at once) never read a half-written file.
 * Resolves to the bundle's path; unchanged sources resolve at once, without esbuild.
 */
async function buildPlatformApp(root, workspaceRoot = root) {
  const apps = environmentApps(workspaceRoot);
  // Unchanged sources (same paths, sizes and modification times) reuse the last bundle
  // without starting esbuild at all.
  const inputKey = sourceFingerprint(root, apps);
  const pointer = path.join(root, 'dist/platform/inputs', `${inputKey}.txt`);
  if (fs.existsSync(pointer)) {
    const cached = fs.readFileSync(pointer, 'utf8');
    if (fs.existsSync(cached)) return cached;
  }
  const bundle = await bundlePlatformApp(root, apps);
  writeAtomically(pointer, bundle);
  return bundle;
}

/**
 * The environment apps of a workspace: `{ name, file (absolute), sources (every .ts of the
 * environment's folder but specs) }`, sorted by name.
 */
function environmentApps(workspaceRoot) {
  const dir = path.join(workspaceRoot, 'environments');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, ENVIRONMENT_APP_FILE)))
    .map((entry) => {
      const folder = path.join(dir, entry.name);
      const sources = fs
        .readdirSync(folder)
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
        .sort()
        .map((name) => path.join(folder, name));
      return { name: entry.name, file: path.join(folder, ENVIRONMENT_APP_FILE), sources };
    })
    .sort((a, b) => byCodeUnits(a.name, b.name));
}

/** Fingerprint of everything the bundle is built from: workspace sources and settings. */
function sourceFingerprint(root, apps, salt = 'app') {
  const hash = crypto.createHash('sha256');
  hash.update(`${salt}\n`);
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodeUnits(a.name, b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) addStat(file);
    }
  };
  const addStat = (file) => {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  for (const top of ['apps', 'libs']) {
    for (const project of fs.readdirSync(path.join(root, top))) {
      const src = path.join(root, top, project, 'src');
      if (fs.existsSync(src)) visit(src);
    }
  }
  for (const file of ['tsconfig.base.json', 'package-lock.json']) addStat(path.join(root, file));
  for (const app of apps) {
    hash.update(`app ${app.name} ${app.file}\n`);
    for (const file of app.sources) addStat(file);
  }
  addStat(__filename);
  return hash.digest('hex').slice(0, 24);
}

/**
 * Code-unit order, not localeCompare: the same on every machine, and starting ICU's collator
 * would cost every synthesis about 8 ms before the app even loads.
 */
function byCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/**
 * The bundle's entry: registers each environment app behind a lazy `require`, then runs the
 * app. apps/platform/src/environment-apps.ts reads the registry (and, outside a bundle, as in
 * Jest, requires the files itself).
 */
function entrySource(root, apps) {
  const registry = apps
    .map((app) =>
      app.broken
        ? `  ${JSON.stringify(app.name)}: { file: ${JSON.stringify(app.file)}, load: () => { throw new Error(${JSON.stringify(app.broken)}); } },`
        : `  ${JSON.stringify(app.name)}: { file: ${JSON.stringify(app.file)}, load: () => require(${JSON.stringify(app.file)}) },`,
    )
    .join('\n');
  return [
    `globalThis[Symbol.for('ecs-platform.environment-apps')] = {\n${registry}\n};`,
    `require(${JSON.stringify(path.join(root, 'apps/platform/src/cli.ts'))});`,
    '',
  ].join('\n');
}

/**
 * An environment app esbuild cannot compile (a syntax error, an import that does not resolve)
 * must not stop the other environments: it is left out of the bundle and registered as one
 * that fails to load with esbuild's message, so only its environment fails, naming the line.
 */
async function bundlePlatformApp(root, apps) {
  let current = apps;
  for (;;) {
    try {
      return await bundle(root, { stdin: { contents: entrySource(root, current), resolveDir: root, sourcefile: 'platform-entry.js', loader: 'js' } }, 'dist/platform', { ...appBundleOptions(), quiet: current !== apps || apps.length > 0 });
    } catch (error) {
      const broken = brokenApps(root, current, error);
      if (broken.size === 0) {
        if (current !== apps || apps.length > 0) console.error(formatBuildErrors(root, error));
        throw error;
      }
      current = current.map((app) => (broken.has(app.name) ? { ...app, broken: broken.get(app.name) } : app));
    }
  }
}

function formatBuildErrors(root, error) {
  return (error.errors ?? [])
    .map((e) => (e.location ? `${path.relative(root, path.resolve(root, e.location.file))}:${e.location.line}:${e.location.column + 1}: ${e.text}` : e.text))
    .join('\n');
}

/** The apps (not yet left out) that esbuild's errors point into, with their messages. */
function brokenApps(root, apps, error) {
  const broken = new Map();
  for (const e of error.errors ?? []) {
    if (!e.location) continue;
    const file = path.resolve(root, e.location.file);
    const app = apps.find((candidate) => !candidate.broken && file.startsWith(path.dirname(candidate.file) + path.sep));
    if (!app) continue;
    const text = `does not compile: ${path.relative(path.dirname(path.dirname(path.dirname(app.file))), file)}:${e.location.line}:${e.location.column + 1}: ${e.text}`;
    broken.set(app.name, broken.has(app.name) ? `${broken.get(app.name)}; ${text}` : text);
  }
  return broken;
}

/**
 * Bundles `validate` alone (apps/platform/src/validate-cli.ts) and returns the bundle's path.
 *
 * The definition library calls the layer libraries' pure checks through their barrels
 * (`libs/compute/src/index.ts` re-exports the checks beside the constructs). esbuild keeps a
 * re-exported module, and its `require`s of external packages, unless told the module has no
 * side effects: so every workspace source is marked `sideEffects: false`, and a module none of
 * whose exports validate uses is dropped with its requires of cdktf and the provider classes.
 * The checks that ask `Token.isUnresolved` get cdktf's token module by deep path
 * (`cdktf/lib/tokens/token`, the class the package root re-exports), never the package root,
 * which loads every construct. An import of anything else from `cdktf` fails this build, so
 * nothing can slip back in unnoticed. No environment app is bundled: validate runs none.
 *
 * Cached like the app bundle: unchanged sources start no esbuild.
 */
async function buildValidateApp(root) {
  const inputKey = sourceFingerprint(root, [], 'validate');
  const pointer = path.join(root, 'dist/platform/inputs', `${inputKey}.txt`);
  if (fs.existsSync(pointer)) {
    const cached = fs.readFileSync(pointer, 'utf8');
    if (fs.existsSync(cached)) return cached;
  }
  const main = await bundle(root, { entryPoints: [path.join(root, 'apps/platform/src/validate-cli.ts')] }, 'dist/platform', {
    plugins: [cdktfTokensOnly(), packagesInlined(root, VALIDATE_INLINED), workspaceWithoutSideEffects(root)],
    check: checkValidateBundle,
  });
  writeAtomically(pointer, main);
  return main;
}

/** The esbuild plugin marking the workspace's own TypeScript sources side-effect free. */
function workspaceWithoutSideEffects(root) {
  const sources = [path.join(root, 'libs') + path.sep, path.join(root, 'apps') + path.sep];
  return {
    name: 'workspace-without-side-effects',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.resolvedBySideEffects || args.kind === 'entry-point') return undefined;
        const result = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { resolvedBySideEffects: true },
        });
        if (result.errors.length > 0 || result.external || !sources.some((dir) => result.path.startsWith(dir))) return result.errors.length > 0 ? { errors: result.errors } : { ...result, pluginData: undefined };
        return { ...result, pluginData: undefined, sideEffects: false };
      });
    },
  };
}

/**
 * `cdktf` resolved to a module whose only export is `Token`, read from cdktf's token module by
 * deep path when first used. (A CommonJS module: the dropped construct modules import much more
 * from `cdktf`, which an ES module would refuse at link time, before tree shaking.)
 */
function cdktfTokensOnly() {
  return {
    name: 'cdktf-tokens-only',
    setup(build) {
      build.onResolve({ filter: /^cdktf$/ }, () => ({ path: 'cdktf', namespace: 'cdktf-tokens-only' }));
      build.onLoad({ filter: /.*/, namespace: 'cdktf-tokens-only' }, () => ({
        contents: "Object.defineProperty(exports, 'Token', { enumerable: true, get: () => require('cdktf/lib/tokens/token').Token });\n",
        loader: 'js',
        resolveDir: __dirname,
      }));
    },
  };
}

/**
 * `yaml` (the definitions' parser) is bundled in: one file to compile instead of 73 modules to
 * find and load. Its parser reads `process.env.LOG_TOKENS` (a debug switch that prints every
 * lexical token) once per token, and process.env is slow to read; the bundled copy reads it once.
 */
function yamlInlined(root) {
  const parser = /[\\/]node_modules[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/;
  return {
    name: 'yaml-inlined',
    setup(build) {
      build.onResolve({ filter: /^yaml$/ }, () => ({ path: require.resolve('yaml', { paths: [root] }) }));
      build.onLoad({ filter: parser }, (args) => {
        const text = fs.readFileSync(args.path, 'utf8');
        const patched = text.replace(/\bnode_process\.env\.LOG_TOKENS\b/g, 'LOG_TOKENS');
        if (patched === text) return undefined; // another yaml version: left as it is
        return { contents: `const LOG_TOKENS = require('process').env.LOG_TOKENS;\n${patched}`, loader: 'js' };
      });
    },
  };
}

/**
 * An esbuild plugin that bundles one file of an installed package with exact text replaced
 * (and `appended` added at its end). When a replacement's text is not in the file (another
 * version of the package), the file is bundled as it is: tools/synth/build.spec.js checks that
 * every patch applies to the installed version.
 * @param {string} name
 * @param {RegExp} file
 * @param {[string, string][]} replacements
 * @param {string} [appended]
 */
function packageFilePatch(name, file, replacements, appended = '') {
  return {
    name,
    setup(build) {
      build.onLoad({ filter: file }, (args) => {
        let text = fs.readFileSync(args.path, 'utf8');
        for (const [from, to] of replacements) {
          if (!text.includes(from)) return undefined;
          text = text.replace(from, to);
        }
        return { contents: `${text}${appended}`, loader: 'js' };
      });
    },
  };
}

/**
 * cdktf loads `archiver` (and its streams, globbing and zip libraries, a seventh of the bundle)
 * whenever it loads, for the one function that zips a directory asset (in cdktf's file
 * helpers). In the bundle every module is set up when it is first required, so requiring it on
 * first use instead means a synthesis without a zipped asset never sets it up. Same behaviour,
 * same output.
 */
const cdktfArchiverOnFirstUse = () =>
  packageFilePatch('cdktf-archiver-on-first-use', /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]private[\\/]fs\.js$/, [
    ['const archiver = require("archiver");', 'const archiver = (...args) => require("archiver")(...args);'],
  ]);

/**
 * cdktf resolves every key and every value of a stack's JSON, token or not, and for each one
 * builds a resolution context (closures, a copy of its options) and runs three regular
 * expressions: most of a synthesis' time (docs/performance.md). A value that cannot hold a token
 * resolves to itself, so the patched resolve() returns such values at once, at the three places
 * it recurses into a value: a boolean, a string with no token marker (every marker contains
 * "TfToken[") and nothing that the number-token expression matches and that is not one of the
 * two map-token placeholders, a number far from the doubles that encode tokens (|x| >= 2^960)
 * that is not the number-map placeholder. Everything else goes through cdktf's code as before,
 * so the output is the same byte for byte (tools/synth/workers.spec.js compares it with the
 * shortcut off). PLATFORM_RESOLVE_SHORTCUT=0 turns it off.
 */
const cdktfResolveShortcut = () =>
  packageFilePatch(
    'cdktf-resolve-shortcut',
    /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]resolve\.js$/,
    [
      ['const resolvedKey = makeContext()[0].resolve(key);', 'const resolvedKey = isPlainValue(key) ? key : makeContext()[0].resolve(key);'],
      ['const value = makeContext(key)[0].resolve(obj[key]);', 'const value = isPlainValue(obj[key]) ? obj[key] : makeContext(key)[0].resolve(obj[key]);'],
      ['.map((x, i) => makeContext(`${i}`)[0].resolve(x))', '.map((x, i) => isPlainValue(x) ? x : makeContext(`${i}`)[0].resolve(x))'],
    ],
    `\n${IS_PLAIN_VALUE}\nexports.isPlainValue = isPlainValue;\nexports.RESOLVE_SHORTCUT = RESOLVE_SHORTCUT;\n`,
  );

/**
 * A stack's toTerraform() resolves each element's fragment, merges the fragments and the
 * stack's own overrides (addOverride on the stack, as the S3 backend's use_lockfile), then
 * resolves the merged tree once more, a fifth of toTerraform's time. That tree holds what
 * resolve() has already returned, the overrides, and the metadata block's undefined fields.
 * When every key and leaf of it is a plain value (isPlainValue: what resolve() returns as it
 * is), the last resolution would return the same tree without the undefined fields, so the
 * tree is returned with them deleted (resolvedAlready). Anything else (a token in an
 * override, a Date, an object of a class, undefined in an array) goes through resolve() as
 * before.
 */
const cdktfStackResolvedOnce = () =>
  packageFilePatch(
    'cdktf-stack-resolved-once',
    /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]terraform-stack\.js$/,
    [['        return (0, _tokens_1.resolve)(this, tf);\n', '        return resolveShortcutOn && resolvedAlready(tf, false, (leaf) => (0, _tokens_1.resolve)(this, leaf)) ? tf : (0, _tokens_1.resolve)(this, tf);\n']],
    `\n${RESOLVED_ALREADY}`,
  );

/** How an app bundle (the platform's, an example's) is built: packages in, cdktf patched. */
const appBundleOptions = () => ({ packages: 'bundled', plugins: [cdktfResolveShortcut(), cdktfStackResolvedOnce(), cdktfArchiverOnFirstUse()] });

const IS_PLAIN_VALUE = `
const RESOLVE_SHORTCUT = require('process').env.PLATFORM_RESOLVE_SHORTCUT !== '0';
const NUMBER_TOKEN_IN_STRING = /[-|\\d|.\\+]+(e[-|\\d|.|e|E|\\+]+)/;
/** A value cdktf's resolve() would return unchanged without looking at a token (build.js). */
function isPlainValue(x) {
  if (!RESOLVE_SHORTCUT) return false;
  switch (typeof x) {
    case 'boolean':
      return true;
    case 'string':
      return !x.includes('TfToken[') && x !== token_1.Token.STRING_MAP_TOKEN_VALUE && x !== token_1.Token.ANY_MAP_TOKEN_VALUE && !NUMBER_TOKEN_IN_STRING.test(x);
    case 'number':
      return x !== token_1.Token.NUMBER_MAP_TOKEN_VALUE && Math.abs(x) < 2 ** 960;
    default:
      return false;
  }
}
`;

/**
 * Whether resolve() would return this merged tree as it is but for its undefined object
 * fields. Those are deleted as it goes, only from objects outside arrays: toTerraform()
 * created those objects (deepMerge copies objects, and puts arrays in by reference), so no
 * override the user holds is changed. False as soon as anything would need resolve(); the
 * caller then resolves the tree, which drops the undefined fields itself.
 */
const RESOLVED_ALREADY = `
const { isPlainValue: plainValue, RESOLVE_SHORTCUT: resolveShortcutOn } = require("./tokens/private/resolve");
function resolvedAlready(x, inArray, resolveLeaf) {
  if (x === null) return true;
  if (typeof x !== 'object') return plainValue(x) || plainString(x, resolveLeaf);
  if (Array.isArray(x)) {
    for (const item of x) if (item === undefined || !resolvedAlready(item, true, resolveLeaf)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(x);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key of Object.keys(x)) {
    if (!plainValue(key)) return false;
    const value = x[key];
    if (value !== undefined) {
      if (!resolvedAlready(value, inArray, resolveLeaf)) return false;
    } else if (inArray) {
      return false;
    } else {
      delete x[key];
    }
  }
  return true;
}
/**
 * A string without a token marker that the shortcut's test cannot clear (digits and an "e",
 * as in "3b1f6c2e-8", look like a number token) is resolved alone: plain if it resolves to
 * itself. A placeholder, which resolve() refuses out of its map, is not.
 */
function plainString(x, resolveLeaf) {
  if (typeof x !== 'string' || x.includes('TfToken[')) return false;
  try {
    return resolveLeaf(x) === x;
  } catch {
    return false;
  }
}
`;

/**
 * The few packages validate needs, bundled in rather than required: one file to compile instead
 * of some 80 modules to find and load (about a tenth of validate's start-up).
 */
function packagesInlined(root, names) {
  const filter = new RegExp(`^(${names.map((name) => name.replace(/[/.]/g, (c) => `\\${c}`)).join('|')})$`);
  return {
    name: 'packages-inlined',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: require.resolve(args.path, { paths: [root] }) }));
    },
  };
}

/** What the validate bundle may take from `cdktf`, the packages it bundles and may require. */
const VALIDATE_CDKTF_EXPORTS = ['Token'];
const VALIDATE_INLINED = ['cdktf/lib/tokens/token'];
const VALIDATE_PACKAGES = [];

/**
 * The packages a bundle requires and the exports it reads from the `cdktf` shim. Throws when
 * the validate bundle would load more than VALIDATE_PACKAGES (a module that validate uses
 * started to import a construct, say): validate would silently get slow again.
 */
function checkValidateBundle(text) {
  const packages = [...new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name)).sort();
  const cdktf = [...new Set([...text.matchAll(/\bimport_cdktf\d*\.(\w+)/g)].map((m) => m[1]))].sort();
  const extraPackages = packages.filter((name) => !VALIDATE_PACKAGES.includes(name));
  const extraCdktf = cdktf.filter((name) => !VALIDATE_CDKTF_EXPORTS.includes(name));
  if (extraPackages.length + extraCdktf.length > 0) {
    throw new Error(
      `the validate bundle would load more than definitions need: ${[...extraPackages.map((name) => `require("${name}")`), ...extraCdktf.map((name) => `cdktf's ${name}`)].join(', ')}; ` +
        'keep the checks that libs/environment-definition calls free of constructs (tools/synth/build.js buildValidateApp)',
    );
  }
  return { packages, cdktf };
}

/**
 * Bundles any CDKTF app of the workspace (an `examples/<name>/main.ts`) the same way: the
 * workspace libraries and the packages in, cdktf patched. Returns the bundle's path.
 */
async function buildApp(root, entryFile) {
  return bundle(root, { entryPoints: [path.resolve(root, entryFile)] }, 'dist/apps', appBundleOptions());
}

function buildOptions(root, entry, distDir, options) {
  return {
    ...entry,
    // Same depth as the final <distDir>/<hash>/ so the source map's relative paths hold.
    outfile: path.join(root, distDir, 'bundle/main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // Marks code as running from one of these bundles (in dist/): only they keep caches beside
    // themselves (apps/platform/src/parsed-yaml-cache.ts).
    define: { PLATFORM_SYNTH_BUNDLE: 'true' },
    // A third less text to read and decode at every start (names are kept: stack traces and
    // error messages read the same; positions are mapped back through the source map).
    minifyWhitespace: true,
    // With environment apps, errors are sorted out (and printed) by bundlePlatformApp.
    logLevel: options.quiet ? 'silent' : 'warning',
    plugins: options.plugins ?? [],
    write: false,
    // tsconfig `paths` aliases resolve to workspace sources (always bundled); packages are
    // bundled too, or (validate, which inlines the few it needs itself) stay external.
    tsconfig: path.join(root, 'tsconfig.base.json'),
    ...(options.packages === 'bundled' ? {} : { packages: 'external' }),
    absWorkingDir: root,
  };
}

/**
 * Bundles with esbuild (asynchronous: plugins need it) into <distDir>/<content hash>/main.js.
 * `options.check(text)` may refuse the bundle before it is written.
 */
async function bundle(root, entry, distDir, options = {}) {
  const settings = buildOptions(root, entry, distDir, { ...options, plugins: [...(options.plugins ?? []), yamlInlined(root)] });
  const result = await require('esbuild').build(settings);
  options.check?.(result.outputFiles.find((file) => file.path.endsWith('.js')).text);
  return writeBundle(root, distDir, result);
}

/** Writes esbuild's output into <distDir>/<content hash>/ (once) and returns its main.js. */
function writeBundle(root, distDir, result) {
  const hash = crypto.createHash('sha256');
  for (const file of result.outputFiles) hash.update(file.contents);
  const dir = path.join(root, distDir, hash.digest('hex').slice(0, 16));
  const main = path.join(dir, 'main.js');
  if (!fs.existsSync(main)) {
    fs.mkdirSync(dir, { recursive: true });
    // The map first: once main.js exists, the bundle is complete.
    const ordered = [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1));
    for (const file of ordered) writeAtomically(path.join(dir, path.basename(file.path)), file.contents);
  }
  return main;
}

module.exports = { buildApp, buildPlatformApp, buildValidateApp, checkValidateBundle, environmentApps, ENVIRONMENT_APP_FILE, IS_PLAIN_VALUE, RESOLVED_ALREADY };
