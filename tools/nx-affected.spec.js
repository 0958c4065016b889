'use strict';
/**
 * Proves that `nx affected` selects exactly the right stacks: on a temporary git repository
 * holding a copy of this workspace, a change to one environment's definition affects that
 * environment (and the bootstrap and registry projects derived from every definition), and a
 * change to a library, the registry definition, the platform settings or the app affects every
 * stack.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const workspaceRoot = path.resolve(__dirname, '..');
const SKIP = new Set(['node_modules', '.git', '.nx', 'dist', 'cdktf.out', 'coverage', '.terraform']);

function run(cwd, command, args) {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function affectedProjects(repo) {
  const output = run(repo, 'node', ['node_modules/nx/bin/nx.js', 'show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json']);
  return JSON.parse(output).sort();
}

function commitChange(repo, file, edit) {
  const target = path.join(repo, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));
  run(repo, 'git', ['commit', '-qam', `change ${file}`]);
}

/** The repository's environments, as the Nx plugin finds them: one folder with a definition each. */
const ENVIRONMENTS = fs
  .readdirSync(path.join(workspaceRoot, 'environments'))
  .filter((name) => fs.existsSync(path.join(workspaceRoot, 'environments', name, 'environment.yaml')))
  .sort();
const environmentsIn = (projects) => projects.filter((p) => ENVIRONMENTS.includes(p));

describe('nx affected', () => {
  let repo;

  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nx-affected-'));
    fs.cpSync(workspaceRoot, repo, { recursive: true, filter: (source) => !SKIP.has(path.basename(source)) });
    fs.symlinkSync(path.join(workspaceRoot, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
    run(repo, 'git', ['init', '-q', '-b', 'main']);
    run(repo, 'git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'add', '-A']);
    run(repo, 'git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'base']);
    run(repo, 'git', ['config', 'user.name', 'test']);
    run(repo, 'git', ['config', 'user.email', 'test@example.com']);
  }, 60_000);

  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('a change to one definition affects that environment only', () => {
    commitChange(repo, 'environments/dev/environment.yaml', (text) => text.replace('maxCount: 2', 'maxCount: 3'));
    const affected = affectedProjects(repo);
    expect(environmentsIn(affected)).toEqual(['dev']);
    // Bootstrap stacks derive from every environment's stateBackend, and the registry its pull
    // accounts and protected tags from every environment's images, so they are re-checked too.
    expect(affected).toEqual(['bootstrap', 'dev', 'registry']);
  }, 120_000);

  it("a change to an environment app affects that environment only, and the app is part of its project", () => {
    const app = path.join(repo, 'environments/dev/stack.ts');
    const existed = fs.existsSync(app);
    if (!existed) {
      fs.writeFileSync(app, "import { defineEnvironmentApp } from '@ecs-platform/environment-app';\nexport default defineEnvironmentApp(() => undefined);\n");
      run(repo, 'git', ['add', '-A']);
      run(repo, 'git', ['commit', '-qm', 'dev gets an environment app']);
    }
    commitChange(repo, 'environments/dev/stack.ts', (text) => `${text}// touched\n`);
    const affected = affectedProjects(repo);
    expect(environmentsIn(affected)).toEqual(['dev']);
    expect(affected).toEqual(['bootstrap', 'dev', 'registry']);
    const dev = JSON.parse(run(repo, 'node', ['node_modules/nx/bin/nx.js', 'show', 'project', 'dev', '--json']));
    expect(Object.keys(dev.targets)).toEqual(expect.arrayContaining(['typecheck', 'lint', 'test', 'synth']));
    expect(dev.targets.synth.inputs).toEqual(expect.arrayContaining(['{projectRoot}/*.ts', '!{projectRoot}/*.spec.ts']));
  }, 120_000);

  it('a change to a library affects every environment that uses it', () => {
    commitChange(repo, 'libs/cidr/src/ipv4.ts', (text) => `${text}\n// touched\n`);
    const affected = affectedProjects(repo);
    expect(environmentsIn(affected)).toEqual(ENVIRONMENTS);
    expect(affected).toEqual(expect.arrayContaining(['cidr', 'environment-definition', 'platform', 'bootstrap', 'registry']));
    expect(affected).not.toContain('iam-policy');
  }, 120_000);

  // The platform settings and the app's own code reach every stack, the shared ones included.
  it('a change to apps/platform/platform.yaml affects every stack', () => {
    commitChange(repo, 'apps/platform/platform.yaml', (text) => `${text}# touched\n`);
    const affected = affectedProjects(repo);
    expect(affected).toEqual(expect.arrayContaining(['bootstrap', ...ENVIRONMENTS, 'registry']));
  }, 120_000);

  it('a change to the app (apps/platform/src) affects every stack', () => {
    commitChange(repo, 'apps/platform/src/tags.ts', (text) => `${text}\n// touched\n`);
    const affected = affectedProjects(repo);
    expect(affected).toEqual(expect.arrayContaining(['platform', 'bootstrap', ...ENVIRONMENTS, 'registry']));
  }, 120_000);

  it('a change to the registry definition affects the registry and every environment', () => {
    // Environments resolve their image URIs from it (it is one of their synth inputs).
    commitChange(repo, 'registry/registry.yaml', (text) => text.replace(/untaggedExpiryDays: (\d+)/, (_, days) => `untaggedExpiryDays: ${Number(days) + 1}`));
    const affected = affectedProjects(repo);
    expect(affected).toEqual(['bootstrap', ...ENVIRONMENTS, 'registry'].sort());
  }, 120_000);

  it('a folder named like another project gets no project and breaks nothing', () => {
    fs.cpSync(path.join(repo, 'environments/dev'), path.join(repo, 'environments/network'), { recursive: true });
    const projects = JSON.parse(run(repo, 'node', ['node_modules/nx/bin/nx.js', 'show', 'projects', '--json']));
    expect(projects.filter((name) => name === 'network')).toEqual(['network']);
    const network = JSON.parse(run(repo, 'node', ['node_modules/nx/bin/nx.js', 'show', 'project', 'network', '--json']));
    expect(network.root).toBe('libs/network');
    fs.rmSync(path.join(repo, 'environments/network'), { recursive: true });
  }, 120_000);

  it('a new environment is a project without any registration', () => {
    fs.cpSync(path.join(repo, 'environments/staging'), path.join(repo, 'environments/qa'), { recursive: true });
    const file = path.join(repo, 'environments/qa/environment.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: staging', 'name: qa'));
    run(repo, 'git', ['add', '-A']);
    run(repo, 'git', ['commit', '-qm', 'add qa']);
    expect(affectedProjects(repo).filter((p) => [...ENVIRONMENTS, 'qa'].includes(p))).toEqual(['qa']);
    const projects = JSON.parse(run(repo, 'node', ['node_modules/nx/bin/nx.js', 'show', 'projects', '--json']));
    expect(projects).toContain('qa');
    const qa = JSON.parse(run(repo, 'node', ['node_modules/nx/bin/nx.js', 'show', 'project', 'qa', '--json']));
    // Staging has an environment app (stack.ts), so its copy is typechecked, linted and tested too.
    expect(Object.keys(qa.targets).sort()).toEqual(['deploy', 'diff', 'lint', 'plan', 'synth', 'test', 'typecheck', 'validate']);
    // Offline checks are replayed when the stack JSON is unchanged; anything touching AWS never is.
    for (const target of ['synth', 'validate', 'plan']) expect([target, qa.targets[target].cache]).toEqual([target, true]);
    for (const target of ['diff', 'deploy']) expect([target, qa.targets[target].cache]).toEqual([target, false]);
    expect(qa.targets.plan.inputs).toContainEqual({ dependentTasksOutputFiles: '**/cdk.tf.json', transitive: false });
  }, 120_000);
});
