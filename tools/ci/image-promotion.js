#!/usr/bin/env node
'use strict';
/**
 * Which promotions the image workflow makes, from the definitions' promotion order
 * (`promotesFrom` in environments/<env>/environment.yaml); no environment name is kept in the
 * workflow.
 *
 *   node tools/ci/image-promotion.js push --digests <dir> [--github-output]
 *   node tools/ci/image-promotion.js dispatch --environment <env> [--repository <repo>] [--github-output]
 *
 * Prints {"commits": [...], "pullRequests": [...]}; with --github-output `commits=<json>` and
 * `pull-requests=<json>` lines for $GITHUB_OUTPUT instead.
 *  - push: <dir> holds one JSON file {repository, digest} per image the build pushed. Each
 *    digest is committed to the first environments of the order (those without
 *    `promotesFrom`) that run its repository: commits [{environment, repository, digest}];
 *    and proposed by pull request to the environments that promote from those and run it:
 *    pullRequests [{environment, from, repository, digest, region, pushRoleArn}].
 *  - dispatch: the environment (one with `promotesFrom`) gets, by pull request, the digest its
 *    predecessor runs of the repository, or of every repository the predecessor's services
 *    run that the environment runs too. The predecessor must run each by one digest.
 * Exit codes: 0 done, 1 nothing sensible to promote (named), 2 bad arguments.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ciStacks, environmentDefinitions, imageTarget, WORKSPACE_ROOT } = require('./definitions');
const { readDigest, DIGEST } = require('../promote-image/index');

class PromotionPlanError extends Error {}
class UsageError extends Error {}

/**
 * @typedef {object} CommitPromotion
 * @property {string} environment
 * @property {string} repository
 * @property {string} digest
 *
 * @typedef {object} PullRequestPromotion
 * @property {string} environment  the environment the pull request pins
 * @property {string} from         the environment it promotes from (which runs the digest)
 * @property {string} repository
 * @property {string} digest
 * @property {string} region       of the registry: the release tag is set there
 * @property {string} pushRoleArn  the role that sets the release tag
 *
 * @typedef {object} PromotionPlan
 * @property {CommitPromotion[]} commits
 * @property {PullRequestPromotion[]} pullRequests
 */

/**
 * The environments in deploy order, each with its promotesFrom and the repositories its
 * services and scheduled jobs run.
 * @param {string} root
 */
function environmentsInOrder(root) {
  const definitions = environmentDefinitions(root);
  return ciStacks(root)
    .filter((stack) => stack.kind === 'environment')
    .map((stack) => {
      const { services, jobs } = definitions.get(stack.stack);
      const runners = [...(Array.isArray(services) ? services : []), ...(Array.isArray(jobs) ? jobs : [])];
      const repositories = runners.map((runner) => runner && runner.image && runner.image.repository).filter(Boolean).map(String);
      return { name: stack.stack, promotesFrom: stack.promotesFrom, repositories: [...new Set(repositories)] };
    });
}

/**
 * @param {string} root @param {string} environment @param {string} from @param {string} repository @param {string} digest
 * @returns {PullRequestPromotion}
 */
function pullRequest(root, environment, from, repository, digest) {
  const { region, pushRoleArn } = imageTarget(repository, root);
  return { environment, from, repository, digest, region, pushRoleArn };
}

/**
 * After a build: a commit for the first environments, pull requests for the next ones.
 * @param {{ repository: string, digest: string }[]} pushed
 * @param {string} [root]
 * @returns {PromotionPlan & { unused: string[] }}
 */
function pushPlan(pushed, root = WORKSPACE_ROOT) {
  const environments = environmentsInOrder(root);
  const plan = { commits: [], pullRequests: [], unused: [] };
  for (const { repository, digest } of pushed) {
    if (!DIGEST.test(String(digest))) throw new PromotionPlanError(`"${digest}" pushed for ${repository} is not an image digest`);
    imageTarget(repository, root); // a repository of the registry
    const first = environments.filter((env) => !env.promotesFrom && env.repositories.includes(repository)).map((env) => env.name);
    if (first.length === 0) plan.unused.push(repository);
    for (const environment of first) plan.commits.push({ environment, repository, digest });
    for (const env of environments) {
      if (env.promotesFrom && first.includes(env.promotesFrom) && env.repositories.includes(repository)) {
        plan.pullRequests.push(pullRequest(root, env.name, env.promotesFrom, repository, digest));
      }
    }
  }
  return plan;
}

/**
 * By hand: promote to `environment` what its predecessor runs.
 * @param {string} environment
 * @param {string} [repository] default: every repository the predecessor runs that `environment` runs too
 * @param {string} [root]
 * @returns {PromotionPlan & { skipped: string[], current: string[] }} `current`: what
 *   `environment` already runs (`<repository>@<digest>`), for which no pull request is proposed
 */
function dispatchPlan(environment, repository, root = WORKSPACE_ROOT) {
  const environments = environmentsInOrder(root);
  const promoting = environments.filter((env) => env.promotesFrom).map((env) => env.name);
  const target = environments.find((env) => env.name === environment);
  if (!target) throw new PromotionPlanError(`no environment "${environment}"; environments that promote from another: ${promoting.join(', ') || 'none'}`);
  if (!target.promotesFrom) {
    throw new PromotionPlanError(
      `${environment} promotes from no environment: it takes each build's digest on push; environments that promote from another: ${promoting.join(', ') || 'none'}`,
    );
  }
  const from = target.promotesFrom;
  const source = /** @type {{ repositories: string[] }} */ (environments.find((env) => env.name === from));
  let repositories;
  let skipped = [];
  if (repository) {
    if (!source.repositories.includes(repository)) {
      throw new PromotionPlanError(`${from} (the environment ${environment} promotes from) runs no service from ${repository}; it runs: ${source.repositories.join(', ') || 'nothing'}`);
    }
    if (!target.repositories.includes(repository)) throw new PromotionPlanError(`${environment} runs no service from ${repository}; it runs: ${target.repositories.join(', ') || 'nothing'}`);
    repositories = [repository];
  } else {
    repositories = source.repositories.filter((name) => target.repositories.includes(name));
    skipped = source.repositories.filter((name) => !target.repositories.includes(name));
    if (repositories.length === 0) throw new PromotionPlanError(`${environment} runs none of the repositories ${from} runs (${source.repositories.join(', ') || 'none'})`);
  }
  const file = path.posix.join('environments', from, 'environment.yaml');
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const targetFile = path.posix.join('environments', environment, 'environment.yaml');
  const targetText = fs.readFileSync(path.join(root, targetFile), 'utf8');
  const pullRequests = [];
  const current = [];
  for (const name of repositories) {
    let digest;
    try {
      digest = readDigest(text, { repository: name }, file);
    } catch (error) {
      throw new PromotionPlanError(/** @type {Error} */ (error).message);
    }
    // A pull request that would change nothing is not proposed: the target runs it already.
    if (runsDigest(targetText, name, digest, targetFile)) current.push(`${name}@${digest}`);
    else pullRequests.push(pullRequest(root, environment, from, name, digest));
  }
  return { commits: [], pullRequests, skipped, current };
}

/** Whether every service of a definition with this image repository is pinned to `digest`. */
function runsDigest(text, repository, digest, file) {
  try {
    return readDigest(text, { repository }, file) === digest;
  } catch {
    return false;
  }
}

/**
 * The digests the build jobs left: one JSON file {repository, digest} each.
 * @param {string} dir
 */
function readDigests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const { repository, digest } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      return { repository: String(repository), digest: String(digest) };
    });
}

/**
 * @param {string[]} argv
 * @param {string} [root]
 */
function run(argv, root = WORKSPACE_ROOT) {
  const [command, ...rest] = argv;
  /** @type {Record<string, string>} */
  const options = {};
  let githubOutput = false;
  const allowed = command === 'push' ? ['--digests'] : command === 'dispatch' ? ['--environment', '--repository'] : undefined;
  if (!allowed) throw new UsageError(`unknown command "${command || ''}": push or dispatch`);
  for (let i = 0; i < rest.length; i += 1) {
    if (rest[i] === '--github-output') {
      githubOutput = true;
      continue;
    }
    if (!allowed.includes(rest[i])) throw new UsageError(`${command}: unknown argument "${rest[i]}"`);
    if (rest[i + 1] === undefined) throw new UsageError(`${rest[i]} needs a value`);
    options[rest[i].slice(2)] = rest[i + 1];
    i += 1;
  }
  let plan;
  /** @type {string[]} */
  const notes = [];
  if (command === 'push') {
    if (!options.digests) throw new UsageError('push needs --digests <dir>');
    const result = pushPlan(readDigests(options.digests), root);
    if (result.unused.length > 0) notes.push(`runs in no environment without promotesFrom, nothing promoted: ${result.unused.join(', ')}`);
    plan = result;
  } else {
    if (!options.environment) throw new UsageError('dispatch needs --environment <env>');
    const result = dispatchPlan(options.environment, options.repository || undefined, root);
    if (result.skipped.length > 0) notes.push(`${options.environment} does not run, not promoted: ${result.skipped.join(', ')}`);
    if (result.current.length > 0) notes.push(`${options.environment} already runs, nothing to promote: ${result.current.join(', ')}`);
    plan = result;
  }
  const { commits, pullRequests } = plan;
  const text = githubOutput ? `commits=${JSON.stringify(commits)}\npull-requests=${JSON.stringify(pullRequests)}\n` : `${JSON.stringify({ commits, pullRequests })}\n`;
  return { text, notes };
}

/** @param {string[]} argv @param {string} [root] */
function main(argv, root = WORKSPACE_ROOT) {
  try {
    const { text, notes } = run(argv, root);
    for (const note of notes) process.stderr.write(`image-promotion: ${note}\n`);
    process.stdout.write(text);
    return 0;
  } catch (error) {
    process.stderr.write(`image-promotion: ${/** @type {Error} */ (error).message}\n`);
    if (error instanceof UsageError) {
      process.stderr.write('usage: image-promotion push --digests <dir> | dispatch --environment <env> [--repository <repo>]  [--github-output]\n');
      return 2;
    }
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { pushPlan, dispatchPlan, readDigests, run, main, PromotionPlanError, UsageError };
