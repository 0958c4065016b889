'use strict';
/**
 * tools/typecheck/all.js checks what every project's own `typecheck` target checks: each
 * project's files with its options, in one program per set of options, and reports every error
 * with its file and line.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { typecheckAll, typecheckUnits } = require('./all');

const repositoryRoot = path.resolve(__dirname, '../..');

function write(root, file, text) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

describe('typecheck of every project at once', () => {
  let root;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'typecheck-all-'));
    write(root, 'tsconfig.base.json', JSON.stringify({ compilerOptions: { strict: true, noEmit: true, lib: ['ES2022'], types: [] } }));
    const project = (dir, extra = {}) => write(root, `${dir}/tsconfig.json`, JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src/**/*.ts'], ...extra }));
    project('libs/fine');
    write(root, 'libs/fine/src/index.ts', 'export const answer: number = 42;\n');
    project('libs/broken');
    write(root, 'libs/broken/src/index.ts', "export const answer: number = 'forty-two';\n");
    // Options of its own: a program of its own, where its stricter option applies.
    project('libs/own', { compilerOptions: { noUnusedLocals: true } });
    write(root, 'libs/own/src/index.ts', 'const unused = 1;\nexport {};\n');
    write(root, 'environments/qa/stack.ts', 'export const region: string = 1;\n');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const tsc = (dir) => ({ root: dir, targets: { typecheck: { options: { command: 'tsc -p {projectRoot}/tsconfig.json --noEmit' } } } });

  it('reports every error of every project with its file and line, in one program per set of options', () => {
    const units = typecheckUnits(root, {
      fine: tsc('libs/fine'),
      broken: tsc('libs/broken'),
      own: tsc('libs/own'),
      qa: { root: 'environments/qa', targets: { typecheck: { options: { command: 'node tools/environment-app/typecheck.js {projectRoot}' } } } },
      docs: { root: 'docs', targets: {} },
    });
    expect(units.map((unit) => unit.project)).toEqual(['broken', 'fine', 'own', 'qa']);
    const result = typecheckAll(root, units);
    expect(result.errors).toEqual([
      expect.stringMatching(/^environments\/qa\/stack\.ts:1:14 - error TS2322: /),
      expect.stringMatching(/^libs\/broken\/src\/index\.ts:1:14 - error TS2322: /),
      expect.stringMatching(/^libs\/own\/src\/index\.ts:1:7 - error TS6133: 'unused'/),
    ]);
    expect(result.programs).toEqual([
      { projects: ['broken', 'fine', 'qa'], files: 3 },
      { projects: ['own'], files: 1 },
    ]);
  });

  it('runs a typecheck target of another kind as it is, and reports its failure', () => {
    const result = typecheckAll(root, typecheckUnits(root, { custom: { root: 'x', targets: { typecheck: { options: { command: 'node -e "console.log(\'type error in x\'); process.exit(2)"' } } } } }));
    expect(result.commands).toEqual(['custom']);
    expect(result.errors).toEqual([expect.stringContaining('type error in x')]);
  });

  it("covers every project of this workspace that has a typecheck target, with that target's files", async () => {
    process.env.NX_DAEMON = 'false';
    const { createProjectGraphAsync } = require('@nx/devkit');
    const graph = await createProjectGraphAsync({ exitOnError: true });
    const projects = Object.fromEntries(Object.entries(graph.nodes).map(([name, node]) => [name, node.data]));
    const withTarget = Object.keys(projects).filter((name) => projects[name].targets?.typecheck).sort();
    const units = typecheckUnits(repositoryRoot, projects);
    expect(units.map((unit) => unit.project)).toEqual(withTarget);
    for (const unit of units) expect({ project: unit.project, merged: Boolean(unit.files?.length) }).toEqual({ project: unit.project, merged: true });
    const platform = units.find((unit) => unit.project === 'platform');
    expect(platform.files).toContain(path.join(repositoryRoot, 'apps/platform/src/main.ts'));
  }, 60_000);
});
