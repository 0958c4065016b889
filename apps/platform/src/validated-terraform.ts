/**
 * cdktf resolves a stack's whole JSON twice in one synthesis: the policy's validation evaluates
 * `stack.toTerraform()`, and once validations are done the synthesizer calls it again to write
 * cdk.tf.json. Nothing between the two changes the stack (the synthesizer only creates the stack's
 * folder, lets assets copy their files and collects annotations), so the second call can return
 * what the first resolved: a third of the resolution work (docs/performance.md).
 *
 * Only for `app.synth()` of an app built for that one synthesis (synthesize.ts buildStack); the
 * stack is given back its own `toTerraform` right after. PLATFORM_RESOLVE_SHORTCUT=0 turns it off;
 * the output is the same bytes either way (tools/synth/workers.spec.js compares them).
 */
import { TerraformStack } from 'cdktf';

export const RESOLVE_SHORTCUT_VARIABLE = 'PLATFORM_RESOLVE_SHORTCUT';

/** Runs `synth` with each stack's second `toTerraform()` answered by its first. */
export function withValidatedTerraformReused<T>(stacks: readonly TerraformStack[], synth: () => T, env: NodeJS.ProcessEnv = process.env): T {
  if (env[RESOLVE_SHORTCUT_VARIABLE] === '0') return synth();
  const ownToTerraform = TerraformStack.prototype.toTerraform;
  for (const stack of stacks) {
    let first: unknown;
    let calls = 0;
    stack.toTerraform = function toTerraformOnce(this: TerraformStack) {
      calls++;
      if (calls === 2 && first !== undefined) return first;
      const resolved: unknown = ownToTerraform.call(this);
      if (calls === 1) first = resolved;
      return resolved;
    };
  }
  try {
    return synth();
  } finally {
    for (const stack of stacks) delete (stack as { toTerraform?: unknown }).toTerraform;
  }
}
