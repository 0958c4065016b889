#!/usr/bin/env node
'use strict';
/**
 * In GitHub Actions the job's OIDC session already IS the role to use (the plan role in pull
 * requests, the deploy role in deploys), so the stack's own `assume_role` (the definition's
 * deployRoleArn, meant for people running `cdktf deploy` with their own credentials) must not
 * be assumed on top of it: the plan role may not assume the deploy role, by design.
 *
 * Like the offline gate (docs/design.md decision 4) this never edits cdk.tf.json: it writes
 * `ci_override.tf.json` beside it. Provider blocks (matched by alias) get an empty dynamic
 * `assume_role`; the s3 backend is restated without `assume_role` (an override's backend block
 * replaces the original one whole). Everything else, allowed_account_ids included, stays.
 *
 *   node tools/ci/ci-override.js <stack dir>      e.g. cdktf.out/stacks/dev
 */
const fs = require('node:fs');
const path = require('node:path');
const { awsProviderAliases } = require('../terraform-gate/lib/workcopy');

const OVERRIDE_FILE = 'ci_override.tf.json';

/** @param {any} config parsed cdk.tf.json */
function buildCiOverride(config) {
  /** @type {Record<string, any>} */
  const override = { '//': 'Written by tools/ci/ci-override.js: use the job OIDC session, assume no other role.' };
  const aliases = awsProviderAliases(config);
  if (aliases.length > 0) {
    override.provider = {
      aws: aliases.map((alias) => ({
        ...(alias === undefined ? {} : { alias }),
        dynamic: { assume_role: { for_each: [], content: {} } },
      })),
    };
  }
  const s3 = config.terraform && config.terraform.backend && config.terraform.backend.s3;
  if (s3) {
    const withoutRole = { ...s3 };
    delete withoutRole.assume_role;
    override.terraform = { backend: { s3: withoutRole } };
  }
  return override;
}

/** @param {string} stackDir */
function writeCiOverride(stackDir) {
  const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const file = path.join(stackDir, OVERRIDE_FILE);
  fs.writeFileSync(file, `${JSON.stringify(buildCiOverride(config), null, 2)}\n`);
  return file;
}

if (require.main === module) {
  const [stackDir] = process.argv.slice(2);
  if (!stackDir || !fs.existsSync(path.join(stackDir, 'cdk.tf.json'))) {
    process.stderr.write('usage: ci-override <stack dir holding cdk.tf.json>\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`wrote ${writeCiOverride(stackDir)}\n`);
  }
}

module.exports = { buildCiOverride, writeCiOverride, OVERRIDE_FILE };
