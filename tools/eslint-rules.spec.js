'use strict';
/** The lint rules that keep the architecture: deep provider imports, public library entries. */
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const workspaceRoot = path.resolve(__dirname, '..');

// ESLint runs as its own process: its flat config is an ES module, which Jest's VM cannot import.
async function lint(file, code) {
  const eslint = path.join(workspaceRoot, 'node_modules/eslint/bin/eslint.js');
  const { stdout } = spawnSync('node', [eslint, '--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: workspaceRoot,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(stdout);
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint rules', () => {
  it('forbids importing @cdktf/provider-aws from its package root', async () => {
    const messages = await lint('libs/cidr/src/example.ts', "import { Vpc } from '@cdktf/provider-aws';\nexport const v = Vpc;\n");
    expect(messages).toContainEqual(expect.stringMatching(/^no-restricted-imports: .*Import provider classes by deep path/));
  }, 60_000);

  it('allows deep provider imports', async () => {
    const messages = await lint('libs/cidr/src/example.ts', "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\nexport const v = Vpc;\n");
    expect(messages).toEqual([]);
  }, 60_000);

  it.each(['network', 'compute', 'scaling', 'registry'])('forbids the %s layer library to import the definition schema', async (lib) => {
    const messages = await lint(
      `libs/${lib}/src/example.ts`,
      "import type { EnvironmentDefinition } from '@ecs-platform/environment-definition';\nexport type D = EnvironmentDefinition;\n",
    );
    // Nx reports the cycle first (the schema calls the layers' checks) or the tag rule; either
    // refuses the import.
    expect(messages).toContainEqual(
      expect.stringMatching(/^@nx\/enforce-module-boundaries: .*(scope:layer.*scope:definition|Circular dependency between "[a-z-]+" and "environment-definition")/),
    );
  }, 60_000);

  it('lets the app import both', async () => {
    const messages = await lint(
      'apps/platform/src/example.ts',
      "import type { EnvironmentDefinition } from '@ecs-platform/environment-definition';\nimport type { NetworkProps } from '@ecs-platform/network';\nexport type D = [EnvironmentDefinition, NetworkProps];\n",
    );
    expect(messages).toEqual([]);
  }, 60_000);

  it("forbids reaching into another library's internals", async () => {
    const messages = await lint(
      'apps/platform/src/example.ts',
      "import { subnet } from '@ecs-platform/cidr/src/ipv4';\nexport const s = subnet;\n",
    );
    expect(messages).toContainEqual(expect.stringMatching(/^no-restricted-imports: .*public entry/));
  }, 60_000);
});
