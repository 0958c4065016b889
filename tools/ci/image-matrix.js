#!/usr/bin/env node
'use strict';
/**
 * Prints the images the image workflow builds, as a JSON array in the order of
 * registry/registry.yaml: one entry per repository whose build context holds its Dockerfile,
 *
 *   { repository, context, dockerfile, platform, imageName, registry, region, pushRoleArn, artifact }
 *
 * `context` and `dockerfile` are paths from the repository root (the registry's
 * `build.dockerfile` is relative to the context; the matrix gives docker/build-push-action the
 * joined path), `platform` defaults to linux/amd64, the rest comes from imageTarget
 * (tools/ci/definitions.js). `artifact` is `digest-<repository>` with any `/` of the name as
 * `--` (artifact names cannot hold `/`; ECR names never hold `--`, so names stay distinct).
 *
 *   node tools/ci/image-matrix.js [--changed <JSON array | one file per line | - for stdin>] [--github-output]
 *
 * Which repositories are built:
 *  - `build` in the registry (any of context, dockerfile, platform): a declared build. Its
 *    Dockerfile must exist; if not, that is an error naming the repository and the path.
 *  - no `build`: built when apps/<name>/Dockerfile exists, otherwise simply not built (listed
 *    on stderr as "no Dockerfile, not built").
 * --changed keeps the repositories whose context holds a changed file; a change to
 * registry/registry.yaml or .github/workflows/image.yml rebuilds every image. No changed file
 * in any context: an empty list. Without --changed: every image.
 * --github-output prints `images=<json>` instead, ready to append to $GITHUB_OUTPUT.
 * Exit codes: 0 done, 1 a declared build without its Dockerfile, 2 bad arguments.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { imageTarget, WORKSPACE_ROOT } = require('./definitions');

const DEFAULT_PLATFORM = 'linux/amd64';
/** A change to one of these can change how every image is built: everything is rebuilt. */
const REBUILD_ALL = ['registry/registry.yaml', '.github/workflows/image.yml'];

/** A declared build that cannot work. */
class ImageMatrixError extends Error {}
/** Bad arguments. */
class UsageError extends Error {}

/**
 * @typedef {object} ImageBuild
 * @property {string} repository
 * @property {string} context     from the repository root
 * @property {string} dockerfile  from the repository root
 * @property {string} platform
 * @property {string} imageName
 * @property {string} registry
 * @property {string} region
 * @property {string} pushRoleArn
 * @property {string} artifact    name of the workflow artifact carrying the pushed digest
 */

/** @param {string} file a path from the repository root, made canonical (no ./, no trailing /) */
function canonical(file) {
  const normalized = path.posix.normalize(file.trim().replace(/\\/g, '/')).replace(/\/+$/, '');
  return normalized === '' ? '.' : normalized;
}

/** @param {string} repository */
function artifactName(repository) {
  return `digest-${repository.replace(/\//g, '--')}`;
}

/**
 * Every repository of the registry that has an image to build, and the ones that have none.
 * @param {string} [root]
 * @returns {{ images: ImageBuild[], notBuilt: string[] }}
 */
function imageBuilds(root = WORKSPACE_ROOT) {
  const registry = YAML.parse(fs.readFileSync(path.join(root, 'registry/registry.yaml'), 'utf8')) || {};
  const images = [];
  const notBuilt = [];
  const problems = [];
  for (const entry of registry.repositories || []) {
    const repository = String(entry.name);
    const build = entry.build || undefined;
    const context = canonical(build && build.context ? String(build.context) : `apps/${repository}`);
    const dockerfile = canonical(path.posix.join(context, build && build.dockerfile ? String(build.dockerfile) : 'Dockerfile'));
    const exists = fs.existsSync(path.join(root, dockerfile)) && fs.statSync(path.join(root, dockerfile)).isFile();
    if (!exists) {
      if (build) {
        const declared = Object.keys(build).map((key) => `build.${key}`).join(', ');
        problems.push(`registry/registry.yaml: repository "${repository}" declares a build (${declared}), but its Dockerfile ${dockerfile} does not exist`);
      } else {
        notBuilt.push(repository);
      }
      continue;
    }
    const target = imageTarget(repository, root);
    images.push({
      repository,
      context,
      dockerfile,
      platform: (build && build.platform) || DEFAULT_PLATFORM,
      imageName: target.imageName,
      registry: target.registry,
      region: target.region,
      pushRoleArn: target.pushRoleArn,
      artifact: artifactName(repository),
    });
  }
  if (problems.length > 0) throw new ImageMatrixError(`${problems.join('\n')}\n(a declared build that cannot work: add the Dockerfile, or correct build.context / build.dockerfile)`);
  return { images, notBuilt };
}

/**
 * The images a change needs rebuilt.
 * @param {ImageBuild[]} images
 * @param {string[]} changed files from the repository root
 */
function affectedImages(images, changed) {
  const files = changed.map(canonical);
  if (files.some((file) => REBUILD_ALL.includes(file))) return images;
  return images.filter(({ context }) => context === '.' || files.some((file) => file === context || file.startsWith(`${context}/`)));
}

/**
 * A list of files: a JSON array, or one file per line (what `git diff --name-only` prints).
 * @param {string} value
 */
function parseChanged(value) {
  const text = value.trim();
  if (text.startsWith('[')) {
    let list;
    try {
      list = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--changed: not a JSON array: ${/** @type {Error} */ (error).message}`);
    }
    if (!Array.isArray(list)) throw new UsageError('--changed: not a JSON array');
    return list.map(String).filter((file) => file.trim() !== '');
  }
  return text.split(/\r?\n/).filter((file) => file.trim() !== '');
}

/**
 * @param {string[]} argv
 * @param {string} [root]
 * @param {() => string} [stdin]
 * @returns {{ images: ImageBuild[], notBuilt: string[], unchanged: string[], githubOutput: boolean }}
 */
function selectImages(argv, root = WORKSPACE_ROOT, stdin = () => fs.readFileSync(0, 'utf8')) {
  let changed;
  let githubOutput = false;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--github-output') {
      githubOutput = true;
    } else if (argv[i] === '--changed') {
      if (argv[i + 1] === undefined) throw new UsageError('--changed needs a value (a JSON array, one file per line, or - to read them from stdin)');
      changed = parseChanged(argv[i + 1] === '-' ? stdin() : argv[i + 1]);
      i += 1;
    } else {
      throw new UsageError(`unknown argument "${argv[i]}"`);
    }
  }
  const { images: all, notBuilt } = imageBuilds(root);
  const images = changed ? affectedImages(all, changed) : all;
  const unchanged = all.filter((image) => !images.includes(image)).map((image) => image.repository);
  return { images, notBuilt, unchanged, githubOutput };
}

/** @param {string[]} argv @param {string} [root] */
function main(argv, root = WORKSPACE_ROOT) {
  let selection;
  try {
    selection = selectImages(argv, root);
  } catch (error) {
    process.stderr.write(`image-matrix: ${/** @type {Error} */ (error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
  const { images, notBuilt, unchanged, githubOutput } = selection;
  if (notBuilt.length > 0) process.stderr.write(`image-matrix: no Dockerfile, not built: ${notBuilt.join(', ')}\n`);
  if (unchanged.length > 0) process.stderr.write(`image-matrix: unchanged, not built: ${unchanged.join(', ')}\n`);
  process.stdout.write(githubOutput ? `images=${JSON.stringify(images)}\n` : `${JSON.stringify(images)}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { imageBuilds, affectedImages, parseChanged, selectImages, artifactName, main, ImageMatrixError, UsageError, REBUILD_ALL };
