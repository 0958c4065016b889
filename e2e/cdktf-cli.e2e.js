'use strict';
/**
 * One broken definition blocks only itself through the CDKTF CLI too (README "Working with
 * stacks"). The CLI always runs the whole app and then picks the stack it was asked for, so
 * with dev invalid: `cdktf synth` writes every other stack and names dev's problems;
 * `cdktf diff prod` gets as far as the S3 backend (no AWS credentials here), and
 * `cdktf diff dev` fails with dev's file:line messages.
 */
const fs = require('node:fs');
const path = require('node:path');
const { createScratchRepository, edit, removeScratch, sh } = require('./support/scratch');

describe('the CDKTF CLI with one invalid environment', () => {
  let root;
  // No credentials may reach the CLI's Terraform: only the failure to find some is expected.
  const env = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' };

  beforeAll(() => {
    root = createScratchRepository('cdktf-cli-');
    edit(root, 'environments/dev/environment.yaml', 'cpu: 256', 'cpu: 300');
  });
  afterAll(() => removeScratch(root));

  const devProblem = /environments\/dev\/environment\.yaml:\d+:\d+: services\[0\]\.cpu: 300 is not a Fargate CPU value/;

  it('cdktf synth writes every valid stack and names the invalid one with file, line and field', () => {
    const result = sh(root, 'npx cdktf synth', { env });
    expect(result.output).toMatch(devProblem);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out/manifest.json'), 'utf8'));
    const resources = (stack) => JSON.parse(fs.readFileSync(path.join(root, 'cdktf.out/stacks', stack, 'cdk.tf.json'), 'utf8')).resource;
    for (const stack of ['prod', 'staging', 'bootstrap-456789012345']) expect([stack, resources(stack)]).toEqual([stack, expect.any(Object)]);
    // dev is a blocked stack: nothing in it can be planned or applied. So are the stacks
    // derived from every environment: dev's account's bootstrap stack and the registry.
    for (const stack of ['dev', 'bootstrap-210987654321', 'registry']) {
      expect([stack, resources(stack)]).toEqual([stack, undefined]);
      expect(manifest.stacks[stack].annotations[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(devProblem) });
    }
  });

  it('cdktf diff prod runs up to the real backend, where the missing credentials stop it', () => {
    const result = sh(root, 'npx cdktf diff prod', { env });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/No valid credential sources found|failed to refresh cached credentials|NoCredentialProviders|get credentials/i);
    expect(result.output).not.toMatch(/synthesizing|Stack failed to plan: dev/);
  });

  it('cdktf deploy prod gets as far as well, and never touches dev', () => {
    const result = sh(root, 'npx cdktf deploy prod --auto-approve', { env });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/No valid credential sources found|failed to refresh cached credentials|NoCredentialProviders|get credentials/i);
  });

  it('cdktf diff dev fails with the file:line messages of dev, before any AWS call', () => {
    const result = sh(root, 'npx cdktf diff dev', { env });
    expect(result.code).not.toBe(0);
    expect(result.output.replace(/\s+/g, ' ')).toMatch(/Stack dev is not synthesized/);
    expect(result.output.replace(/\n\s*/g, ' ')).toMatch(devProblem);
    expect(result.output).not.toMatch(/credential/i);
  });
});
