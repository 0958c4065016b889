'use strict';
/**
 * The scale mode's workspace (`npm run bench -- --environments N`): a temporary copy of this
 * workspace (node_modules linked, no git, no outputs) with N environments in place of the
 * committed ones' count: dev, staging and prod stay, and `scale-001`... are added, each a copy
 * of staging's definition (three services: a public web service calling a backend, a backend and
 * an EC2 worker; ~100 resources) with its own name, VPC range, domain, hosted zone, role and
 * alarm address, in staging's account and state bucket (so that account's bootstrap stack grows
 * with them, as it would). Staging's environment app (stack.ts) is not copied: a copy is an
 * environment made from its definition alone, the common case.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SKIPPED = new Set(['node_modules', '.git', 'dist', 'cdktf.out', '.nx', 'coverage', '.terraform']);

/** The name of the i-th added environment (1-based). */
function scaleName(i) {
  return `scale-${String(i).padStart(3, '0')}`;
}

/**
 * staging's definition re-pointed to the i-th copy. Throws when staging's definition no longer
 * holds what is replaced (the bench would silently measure something else).
 */
function scaledDefinition(stagingText, i) {
  const name = scaleName(i);
  if (i < 1 || i > 150) throw new Error(`environment ${i}: the scale mode makes 1 to 150 environments`);
  const replacements = [
    [/^name: staging$/m, `name: ${name}`],
    [/^( {2}vpcCidr: )10\.30\.0\.0\/16$/m, `$110.${100 + i}.0.0/16`],
    [/staging\.shop\.acme-corp\.com/g, `${name}.shop.acme-corp.com`],
    [/(hostedZoneId: )Z07731940STAGESHOPACM/, `$1Z0773194SCALE${String(i).padStart(3, '0')}ACM`],
    [/ecs-platform-deploy-staging/g, `ecs-platform-deploy-${name}`],
    [/platform-staging-alerts@/g, `platform-${name}-alerts@`],
    [/cc-1042-staging/g, `cc-1042-${name}`],
  ];
  let text = stagingText;
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(text)) throw new Error(`environments/staging/environment.yaml no longer matches ${pattern}: update tools/bench/scale.js`);
    pattern.lastIndex = 0;
    text = text.replace(pattern, replacement);
  }
  // Anything else naming staging (secret ARNs, comments) is renamed too: nothing is shared by mistake.
  return text.replace(/\bstaging\b/g, name);
}

/**
 * Makes the copy: `totalEnvironments` environments in all (the committed ones and copies of
 * staging), their Terraform addresses pinned (`addresses --update`: the bootstrap stack derives
 * its CI roles from them), so that it synthesizes as a real workspace does. Returns its root;
 * remove it when done.
 */
function scaleWorkspace(root, totalEnvironments) {
  const existing = fs.readdirSync(path.join(root, 'environments')).filter((name) => fs.existsSync(path.join(root, 'environments', name, 'environment.yaml')));
  const added = Math.max(0, totalEnvironments - existing.length);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), `bench-scale-${totalEnvironments}-`));
  for (const entry of fs.readdirSync(root)) {
    if (SKIPPED.has(entry)) continue;
    fs.cpSync(path.join(root, entry), path.join(copy, entry), {
      recursive: true,
      filter: (source) => !SKIPPED.has(path.basename(source)),
    });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  const staging = fs.readFileSync(path.join(root, 'environments/staging/environment.yaml'), 'utf8');
  for (let i = 1; i <= added; i++) {
    const dir = path.join(copy, 'environments', scaleName(i));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'environment.yaml'), scaledDefinition(staging, i));
  }
  if (added === 0) return { root: copy, environments: existing.length, added };
  const pinned = spawnSync(process.execPath, [path.join(root, 'tools/synth/cli.js'), 'addresses', '--update'], {
    cwd: copy,
    env: { ...process.env, PLATFORM_WORKSPACE_ROOT: copy },
    encoding: 'utf8',
  });
  if (pinned.status !== 0) throw new Error(`addresses --update in ${copy} failed:\n${pinned.stdout}${pinned.stderr}`);
  return { root: copy, environments: existing.length + added, added };
}

module.exports = { scaleName, scaledDefinition, scaleWorkspace };
