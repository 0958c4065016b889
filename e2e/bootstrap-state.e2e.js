'use strict';
/**
 * README "Bootstrap remote state", steps 1 and 2, as a user types them, up to where AWS would
 * answer (there are no credentials here). Step 2's `--migrate-state` copies the local state into
 * the bucket only if Terraform still knows where the state was: `.terraform/terraform.tfstate`
 * in the stack's folder, written by step 1's `terraform init`. The CDKTF CLI synthesizes again
 * before it runs Terraform, and a synthesis that replaced the whole folder made Terraform start
 * the S3 backend afresh: the local state was never copied and the next plan would have created
 * the bucket, the table and the key again. So did Nx, restoring a cached synthesis whose
 * outputs were the whole folder.
 */
const fs = require('node:fs');
const path = require('node:path');
const { CREDENTIALS_MISSING, NO_AWS, createScratchRepository, edit, removeScratch, sh } = require('./support/scratch');

const ACCOUNT = '210987654321';
const STACK = `bootstrap-${ACCOUNT}`;

describe('moving a bootstrap stack state into its bucket (README "Bootstrap remote state")', () => {
  let root;
  let env;

  beforeAll(() => {
    root = createScratchRepository('bootstrap-state-');
    // The offline gate finds the provider mirror (or says how to get one) and writes the
    // Terraform CLI config that installs from it; the CDKTF CLI's Terraform uses that config.
    const gate = sh(root, `npm run synth && npm run gate -- --stack ${STACK} --steps validate`);
    if (gate.code !== 0) throw new Error(`the offline gate could not run Terraform:\n${gate.output}`);
    const cliConfig = path.join(root, 'dist/terraform-gate/.cache/terraform.rc');
    if (!fs.readFileSync(cliConfig, 'utf8').includes('filesystem_mirror')) throw new Error(`${cliConfig} installs from no mirror: set TF_PLUGIN_DIR`);
    fs.rmSync(path.join(root, 'cdktf.out'), { recursive: true, force: true });
    env = { TF_CLI_CONFIG_FILE: cliConfig, ...NO_AWS };
  });
  afterAll(() => removeScratch(root));

  const recordedBackend = () => {
    const file = path.join(root, 'cdktf.out/stacks', STACK, '.terraform/terraform.tfstate');
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).backend : undefined;
  };

  it('step 1: cdktf deploy initializes the stack with its local state in the repository root', () => {
    // Offline it stops after `terraform init`, when the CLI asks the registry for the
    // provider's checksums; with AWS it would go on to create the bucket and the table.
    sh(root, `npx cdktf deploy ${STACK}`, { env });
    expect(recordedBackend()).toEqual({ type: 'local', config: { path: `../../../terraform.${STACK}.tfstate`, workspace_dir: null }, hash: expect.any(Number) });
  });

  it('in between, Nx replaying a cached synthesis of the stack keeps that record', () => {
    expect(sh(root, 'npx nx run bootstrap:synth --outputStyle=static').code).toBe(0);
    // What Terraform writes after Nx cached the synthesis (a later init, a saved plan) is in no
    // cache entry: only a restore that leaves Terraform's files alone keeps it.
    const later = path.join(root, 'cdktf.out/stacks', STACK, '.terraform/written-after-the-cache');
    fs.writeFileSync(later, 'x');
    // A missing output is what makes Nx restore the cached one.
    fs.rmSync(path.join(root, 'cdktf.out/stacks', STACK, 'cdk.tf.json'));
    const replay = sh(root, 'npx nx run bootstrap:synth --outputStyle=static');
    expect(replay.code).toBe(0);
    expect(replay.output).toMatch(/read the output from the cache/);
    expect(fs.existsSync(path.join(root, 'cdktf.out/stacks', STACK, 'cdk.tf.json'))).toBe(true);
    expect(recordedBackend()).toMatchObject({ type: 'local' });
    expect(fs.existsSync(later)).toBe(true);
  });

  it('step 2: after the account is listed in remoteStateAccounts, cdktf deploy --migrate-state migrates from the local state', () => {
    // The state step 1's apply leaves (git-ignored, beside the README).
    const state = { version: 4, terraform_version: '1.11.4', serial: 3, lineage: 'e2e-bootstrap', outputs: {}, resources: [], check_results: null };
    fs.writeFileSync(path.join(root, `terraform.${STACK}.tfstate`), `${JSON.stringify(state)}\n`);
    expect(sh(root, `git status --porcelain --ignored terraform.${STACK}.tfstate`).output).toMatch(/^!! /);
    // A synthesis in between (npm run synth, any Nx target) keeps Terraform's record too.
    expect(sh(root, 'npm run synth', { env }).code).toBe(0);
    edit(root, 'apps/platform/platform.yaml', 'remoteStateAccounts: []', `remoteStateAccounts: ["${ACCOUNT}"]`);
    // The Nx targets run a plain `terraform init`: Terraform refuses to start the new backend
    // without a migration, where a fresh folder would have let it start an empty state.
    const nxDiff = sh(root, 'npx nx run bootstrap:diff --outputStyle=static', { env });
    expect(nxDiff.code).not.toBe(0);
    expect(nxDiff.output).toMatch(/Backend configuration changed/);
    const result = sh(root, `npx cdktf deploy ${STACK} --migrate-state`, { env });
    expect(result.output).toMatch(/backend type changed from "local" to "s3"/);
    // Where the credentials would let Terraform reach the bucket and copy the state.
    expect(result.output).toMatch(CREDENTIALS_MISSING);
    expect(result.code).not.toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out/stacks', STACK, 'cdk.tf.json'), 'utf8')).terraform.backend.s3).toBeDefined();
  });
});
