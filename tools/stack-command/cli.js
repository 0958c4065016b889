#!/usr/bin/env node
'use strict';
/**
 * Terraform on synthesized stacks, against their real backend and with the caller's AWS
 * credentials: what `cdktf diff` and `cdktf deploy` run, without the CDKTF CLI around it
 * (which synthesizes the whole app again and takes seconds to start; docs/performance.md).
 *
 *   node tools/stack-command/cli.js diff <stack|prefix*>...
 *   node tools/stack-command/cli.js deploy <stack|prefix*>... [--auto-approve]
 *
 * In cdktf.out/stacks/<stack> (where the CDKTF CLI runs Terraform too, so state paths and
 * .terraform are shared with it):
 *   diff    terraform init, terraform plan
 *   deploy  terraform init, terraform plan -out=tfplan (shown), then asks; only "yes" runs
 *           terraform apply tfplan, which applies exactly the plan shown, nothing planned later.
 * Stacks are synthesized first by the Nx targets (`nx run <env>:diff` depends on synth).
 * Exit codes: 0 done, 1 a Terraform command failed or the apply was declined, 2 bad usage.
 */
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { spawnSync } = require('node:child_process');

const USAGE = 'usage: stack-command diff|deploy <stack|prefix*>... [--auto-approve] [--out-dir <cdktf.out>]';

class UsageError extends Error {}

/**
 * @param {string[]} argv
 * @returns {{ command: 'diff'|'deploy', patterns: string[], autoApprove: boolean, outDir: string }}
 */
function parseArgs(argv) {
  const [command, ...rest] = argv;
  if (command !== 'diff' && command !== 'deploy') throw new UsageError(`unknown command "${command ?? ''}"`);
  const patterns = [];
  let autoApprove = false;
  let outDir = process.env.CDKTF_OUTDIR || 'cdktf.out';
  for (let i = 0; i < rest.length; i += 1) {
    if (rest[i] === '--auto-approve') autoApprove = true;
    else if (rest[i] === '--out-dir' && rest[i + 1]) outDir = rest[++i];
    else if (rest[i].startsWith('--')) throw new UsageError(`unknown option ${rest[i]}`);
    else patterns.push(...rest[i].split(',').filter(Boolean));
  }
  if (patterns.length === 0) throw new UsageError('name at least one stack');
  if (autoApprove && command !== 'deploy') throw new UsageError('--auto-approve is for deploy');
  return { command, patterns, autoApprove, outDir };
}

/**
 * The synthesized stacks the patterns name (a trailing `*` matches a prefix), in the order
 * given; an unknown name or a pattern matching nothing is a usage error listing what exists.
 * @param {string} outDir
 * @param {string[]} patterns
 */
function resolveStacks(outDir, patterns) {
  const stacksDir = path.join(outDir, 'stacks');
  const available = fs.existsSync(stacksDir)
    ? fs.readdirSync(stacksDir).filter((name) => fs.existsSync(path.join(stacksDir, name, 'cdk.tf.json'))).sort()
    : [];
  const chosen = [];
  for (const pattern of patterns) {
    const matches = available.filter((name) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
    if (matches.length === 0) {
      throw new UsageError(`no synthesized stack matches "${pattern}" in ${stacksDir} (synthesize it first: npm run synth); stacks: ${available.join(', ') || 'none'}`);
    }
    for (const name of matches) if (!chosen.includes(name)) chosen.push(name);
  }
  return chosen.map((name) => ({ name, dir: path.join(stacksDir, name) }));
}

/** A blocked stack (invalid definitions) says so before Terraform is even started. */
function blockedReason(dir) {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
  const validation = json['//']?.metadata?.blocked ? json.variable?.definition_problems?.validation?.[0] : undefined;
  return validation ? validation.error_message : undefined;
}

/** Colour only for a person at a terminal; logs and CI get plain text. */
const COLOR = process.stdout.isTTY ? [] : ['-no-color'];

/** @param {string[]} args @param {string} cwd */
function terraform(args, cwd) {
  const result = spawnSync('terraform', [args[0], ...COLOR, ...args.slice(1)], { cwd, stdio: 'inherit' });
  if (result.error) throw new UsageError(`cannot run terraform: ${result.error.message} (install Terraform 1.11: https://developer.hashicorp.com/terraform/install)`);
  return result.status ?? 1;
}

/**
 * Asks on the terminal (or reads one line from piped input, as terraform apply does); a closed
 * input is no answer, so nothing is applied.
 * @param {string} question
 * @returns {Promise<string>}
 */
function ask(question) {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    let answered = false;
    rl.on('close', () => {
      if (!answered) resolve('');
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim());
    });
  });
}

/** @param {string[]} argv @returns {Promise<number>} */
async function main(argv) {
  let options;
  let stacks;
  try {
    options = parseArgs(argv);
    stacks = resolveStacks(options.outDir, options.patterns);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`stack-command: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  let failed = 0;
  for (const stack of stacks) {
    process.stdout.write(`\n=== ${options.command} ${stack.name} (${path.relative(process.cwd(), stack.dir)})\n`);
    const blocked = blockedReason(stack.dir);
    if (blocked) {
      process.stderr.write(`${blocked}\n`);
      failed += 1;
      continue;
    }
    if (terraform(['init', '-input=false'], stack.dir) !== 0) {
      failed += 1;
      continue;
    }
    if (options.command === 'diff') {
      if (terraform(['plan', '-input=false', '-lock-timeout=5m'], stack.dir) !== 0) failed += 1;
      continue;
    }
    if (terraform(['plan', '-input=false', '-lock-timeout=5m', '-out=tfplan'], stack.dir) !== 0) {
      failed += 1;
      continue;
    }
    if (!options.autoApprove) {
      const answer = await ask(`Apply the plan above to ${stack.name}? Only "yes" applies: `);
      if (answer !== 'yes') {
        process.stdout.write(`Not applied: ${stack.name} is unchanged.\n`);
        failed += 1;
        continue;
      }
    }
    if (terraform(['apply', '-input=false', '-lock-timeout=5m', 'tfplan'], stack.dir) !== 0) failed += 1;
  }
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

module.exports = { main, parseArgs, resolveStacks };
