'use strict';
/**
 * The Nx diff and deploy targets' runner, with the real Terraform on stacks that need no AWS:
 * a `terraform_data` resource (built into Terraform) and local state.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { parseArgs, resolveStacks } = require('./cli');

const CLI = path.join(__dirname, 'cli.js');

describe('stack-command', () => {
  let root;
  let outDir;
  const stack = (name, json) => {
    fs.mkdirSync(path.join(outDir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(outDir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  };
  const run = (args, input) => {
    const cliConfig = path.join(root, 'terraform.rc');
    fs.writeFileSync(cliConfig, 'disable_checkpoint = true\n');
    return spawnSync(process.execPath, [CLI, ...args, '--out-dir', outDir], {
      cwd: root,
      input: input ?? '',
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1' },
    });
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-command-'));
    outDir = path.join(root, 'cdktf.out');
    for (const name of ['demo', 'bootstrap-111111111111', 'bootstrap-222222222222']) {
      stack(name, {
        terraform: { backend: { local: { path: 'terraform.tfstate' } } },
        resource: { terraform_data: { marker: { input: name } } },
      });
    }
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('expands prefix patterns to the synthesized stacks and refuses names that match nothing', () => {
    expect(resolveStacks(outDir, ['bootstrap-*']).map((s) => s.name)).toEqual(['bootstrap-111111111111', 'bootstrap-222222222222']);
    expect(resolveStacks(outDir, ['demo', 'bootstrap-2*']).map((s) => s.name)).toEqual(['demo', 'bootstrap-222222222222']);
    expect(() => resolveStacks(outDir, ['qa'])).toThrow('no synthesized stack matches "qa"');
    expect(() => parseArgs(['diff', 'demo', '--auto-approve'])).toThrow('--auto-approve is for deploy');
  });

  it('diff runs init and plan in every matched stack and changes nothing', () => {
    const result = run(['diff', 'bootstrap-*']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('=== diff bootstrap-111111111111');
    expect(result.stdout).toContain('=== diff bootstrap-222222222222');
    expect(result.stdout.match(/Plan: 1 to add, 0 to change, 0 to destroy/g)).toHaveLength(2);
    expect(fs.existsSync(path.join(outDir, 'stacks/bootstrap-111111111111/terraform.tfstate'))).toBe(false);
  });

  it('deploy applies the plan it showed only after "yes"', () => {
    const declined = run(['deploy', 'demo'], 'no\n');
    expect(declined.status).toBe(1);
    expect(declined.stdout).toContain('Not applied: demo is unchanged.');
    expect(fs.existsSync(path.join(outDir, 'stacks/demo/terraform.tfstate'))).toBe(false);

    const silent = run(['deploy', 'demo'], '');
    expect(silent.status).toBe(1);
    expect(fs.existsSync(path.join(outDir, 'stacks/demo/terraform.tfstate'))).toBe(false);

    const approved = run(['deploy', 'demo'], 'yes\n');
    expect(approved.status).toBe(0);
    expect(approved.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    const state = JSON.parse(fs.readFileSync(path.join(outDir, 'stacks/demo/terraform.tfstate'), 'utf8'));
    expect(state.resources.map((r) => `${r.type}.${r.name}`)).toEqual(['terraform_data.marker']);
  });

  it('stops at a blocked stack (invalid definition) with its problems, before Terraform starts', () => {
    // A scratch copy of the real definitions with dev broken, synthesized as the CDKTF CLI runs the app.
    const workspace = path.join(root, 'workspace');
    for (const dir of ['environments', 'registry', 'apps/platform']) {
      fs.cpSync(path.join(__dirname, '../..', dir), path.join(workspace, dir), { recursive: true, filter: (f) => !f.includes('/src') });
    }
    const file = path.join(workspace, 'environments/dev/environment.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('accountId: "210987654321"', 'accountId: "1"'));
    const synth = spawnSync(process.execPath, [path.join(__dirname, '../synth/cli.js'), 'synth', '--stack', 'dev', '--outdir', outDir], {
      encoding: 'utf8',
      env: { ...process.env, PLATFORM_WORKSPACE_ROOT: workspace, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' },
    });
    expect(synth.status).toBe(0);
    const result = run(['diff', 'dev']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/environments\/dev\/environment\.yaml:\d+:\d+: accountId: "1" must be exactly 12 digits/);
    expect(fs.existsSync(path.join(outDir, 'stacks/dev/.terraform'))).toBe(false);
  });
});
