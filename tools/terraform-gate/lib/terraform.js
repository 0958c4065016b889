'use strict';
/**
 * Everything about starting the Terraform CLI: finding the binary, building a child
 * environment that can never reach real AWS credentials, writing the gate's own CLI config,
 * and running one command with its output captured.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

/** Raised for problems with the machine, not with a stack: no terraform, bad plugin dir, ... */
class GateSetupError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'GateSetupError';
  }
}

const INSTALL_HELP = [
  'Terraform CLI not found on PATH. The terraform gate runs the real Terraform 1.11.x:',
  '  - Debian/Ubuntu: add the HashiCorp apt repository (https://apt.releases.hashicorp.com,',
  '    see https://developer.hashicorp.com/terraform/install) and `apt-get install terraform=1.11.4-1`;',
  '  - or download https://releases.hashicorp.com/terraform/1.11.4/terraform_1.11.4_linux_amd64.zip,',
  '    unzip it and put the `terraform` binary in a directory on PATH (e.g. /usr/local/bin).',
  'Offline machines also need the AWS provider: on a connected machine run',
  '`terraform providers mirror <dir>` in a directory whose required_providers pins',
  'hashicorp/aws 5.100.0, copy <dir> over, and set TF_PLUGIN_DIR=<dir>.',
].join('\n');

/**
 * Finds `terraform` on the PATH of `env` (not process.env, so callers and tests can pass
 * their own). Returns the absolute path or throws the install instructions.
 * @param {NodeJS.ProcessEnv} env
 * @returns {string}
 */
function findTerraform(env) {
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'terraform');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  throw new GateSetupError(INSTALL_HELP);
}

/**
 * Checks that a provider mirror really holds hashicorp/aws. Both mirror layouts (unpacked
 * directories and `terraform providers mirror`'s packed zips) keep it under this path.
 * @param {string} pluginDir
 */
function checkPluginDir(pluginDir) {
  const awsDir = path.join(pluginDir, 'registry.terraform.io', 'hashicorp', 'aws');
  if (fs.existsSync(awsDir) && fs.statSync(awsDir).isDirectory()) return;
  const why = fs.existsSync(pluginDir) ? 'does not contain' : 'does not exist, so it cannot contain';
  throw new GateSetupError(
    `TF_PLUGIN_DIR=${pluginDir} ${why} registry.terraform.io/hashicorp/aws.\n` +
      'Point TF_PLUGIN_DIR at a provider mirror that holds the AWS provider (unpacked layout, or\n' +
      'the packed layout written by `terraform providers mirror <dir>` on a connected machine),\n' +
      'or unset TF_PLUGIN_DIR to let the gate look for a mirror itself (and else use the registry).',
  );
}

/**
 * The gate's own CLI config. The machine's TF_CLI_CONFIG_FILE may point at a missing file (or
 * at settings meant for humans), so every command uses this one instead.
 *
 * With a plugin dir, the mirror is the only install source (the gate must work offline and
 * must never fall back to the network); without one, the registry is (`direct`), not
 * whatever implicit mirror Terraform would pick on its own.
 *
 * The gate itself passes no pluginCacheDir: a shared plugin cache is what made concurrent
 * stacks fail with "fork/exec ...: no such file or directory" (see lib/providers.js). It is
 * still accepted for callers that run Terraform one directory at a time (tests of tools/ci
 * and tools/plan-report), where it saves unpacking a packed mirror more than once.
 * `extra` is appended as is, e.g. a `host` block that points the registry somewhere else.
 * @param {{ pluginDir?: string, pluginCacheDir?: string, extra?: string }} options
 * @returns {string}
 */
function cliConfigText({ pluginDir, pluginCacheDir, extra }) {
  const lines = ['# Written by tools/terraform-gate on every run; edits are lost.', 'disable_checkpoint = true'];
  if (pluginCacheDir) lines.push(`plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}`);
  if (pluginDir) {
    lines.push('provider_installation {', '  filesystem_mirror {', `    path = ${JSON.stringify(pluginDir)}`, '  }', '}');
  } else {
    lines.push('provider_installation {', '  direct {}', '}');
  }
  if (extra) lines.push(extra.replace(/\s+$/, ''));
  return lines.join('\n') + '\n';
}

// Parent variables that would change what Terraform does behind the gate's back.
const DROPPED_TF_VARS = new Set(['TF_WORKSPACE', 'TF_DATA_DIR', 'TF_PLUGIN_CACHE_DIR', 'TF_CLI_CONFIG_FILE']);

/**
 * Child environment for Terraform. Every AWS_* variable is removed (credentials, profiles,
 * role/web-identity settings, CA bundles) and replaced by fake keys, and the shared AWS config
 * files are pointed at /dev/null, so no provider in any stack can find real credentials.
 * @param {NodeJS.ProcessEnv} base
 * @param {string} cliConfigFile
 * @returns {NodeJS.ProcessEnv}
 */
function childEnv(base, cliConfigFile) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [name, value] of Object.entries(base)) {
    if (name.startsWith('AWS_')) continue;
    if (name.startsWith('TF_CLI_ARGS') || DROPPED_TF_VARS.has(name)) continue;
    env[name] = value;
  }
  return Object.assign(env, {
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    AWS_ACCESS_KEY_ID: 'mock-access-key',
    AWS_SECRET_ACCESS_KEY: 'mock-secret-key',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
}

/**
 * @typedef {object} CommandResult
 * @property {number} code      exit code (-1 when killed by the timeout)
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} seconds
 */

/**
 * Runs `terraform <args>` in `cwd` and resolves with its output; never rejects on a non-zero
 * exit, because a failing command is a result the gate reports, not an exception.
 * @param {string} bin
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, timeoutSeconds: number }} options
 * @returns {Promise<CommandResult>}
 */
function runTerraform(bin, args, { cwd, env, timeoutSeconds }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */ const out = [];
    /** @type {Buffer[]} */ const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    let timedOut = false;
    // SIGTERM lets Terraform stop its provider plugin processes itself.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutSeconds * 1000);
    const finish = (/** @type {number} */ code, /** @type {string} */ extra) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + extra,
        seconds: (Date.now() - started) / 1000,
      });
    };
    child.on('error', (error) => finish(-1, `\n${error.message}`));
    child.on('close', (code) =>
      timedOut
        ? finish(-1, `\nterraform ${args[0]} timed out after ${timeoutSeconds}s and was stopped`)
        : finish(code ?? -1, ''),
    );
  });
}

/**
 * `terraform version -json` -> "1.11.4".
 * @param {string} bin
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<string>}
 */
async function terraformVersion(bin, env) {
  const result = await runTerraform(bin, ['version', '-json'], { cwd: process.cwd(), env, timeoutSeconds: 60 });
  try {
    return JSON.parse(result.stdout).terraform_version;
  } catch {
    throw new GateSetupError(`\`${bin} version -json\` failed:\n${result.stderr || result.stdout}`);
  }
}

/**
 * True when version a >= b (plain x.y.z; pre-release suffixes are ignored).
 * @param {string} a
 * @param {string} b
 */
function versionAtLeast(a, b) {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) > (pb[i] || 0);
  }
  return true;
}

/**
 * Last `lines` non-empty-trailing lines of a command's error output (stdout if stderr is empty:
 * a few commands print their diagnostics there).
 * @param {CommandResult} result
 * @param {number} [lines]
 */
function outputTail(result, lines = 30) {
  const text = (result.stderr.trim() ? result.stderr : result.stdout).replace(/^\s*\n/, '').replace(/\s+$/, '');
  return text.split('\n').slice(-lines).join('\n');
}

module.exports = {
  GateSetupError,
  findTerraform,
  checkPluginDir,
  cliConfigText,
  childEnv,
  runTerraform,
  terraformVersion,
  versionAtLeast,
  outputTail,
};
