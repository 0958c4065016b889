import * as path from 'node:path';
import { main } from './main';
import { stackTier } from './policy';
import { planStacks } from './stack-plan';
import { loadWorkspace } from './workspace';

const repositoryRoot = path.resolve(__dirname, '../../..');

describe('policy on the platform stacks', () => {
  it('gives environment stacks their definition tier and holds shared stacks to production', () => {
    const workspace = loadWorkspace(repositoryRoot);
    const tiers = Object.fromEntries(planStacks(workspace).map((stack) => [stack.name, stackTier(stack, workspace)]));
    for (const [name, env] of workspace.environments) expect([name, tiers[name]]).toEqual([name, env.definition.tier]);
    expect(tiers.registry).toBe('production');
    for (const [name, tier] of Object.entries(tiers)) if (name.startsWith('bootstrap-')) expect(tier).toBe('production');
  });

  it('`policy` reports every stack with no violation, listing suppressions with their reasons', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const code = main(['policy'], repositoryRoot);
      const output = log.mock.calls.map((call) => String(call[0])).join('\n');
      expect(output).toMatch(/^prod \(tier production\)$/m);
      expect(output).toMatch(/~ aws_iam_role_policy\.github-ci_deploy-prod-apply_\w+ .* suppressed: terraform apply/);
      expect(output).toMatch(/^Total: \d+ stacks, \d+ passed, 0 failed, \d+ suppressed, \d+ not applicable$/m);
      // Whole-stack coverage: the types no rule covers are listed, per stack and in all.
      expect(output).toMatch(/^ {2}\?\? {3}no rule covers \d+ resource types?: .*aws_route \(\d+\)/m);
      expect(output).toMatch(/^Resource types no rule covers \(\d+\): .*aws_route\b/m);
      // prod's environment app puts a WAF in front of its public load balancer (ALB-008).
      expect(output).toMatch(/^ {2}ok {3}ALB-008 +passed {3}1 /m);
      expect(code).toBe(0);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
