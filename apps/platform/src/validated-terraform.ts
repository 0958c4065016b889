/**
 * cdktf resolves a stack's whole JSON three times in one synthesis:
 *  1. `prepareStack()`, before aspects run, resolves every element and drops the result: a
 *     reference to a resource of another stack becomes a cross-stack output there (the
 *     `Reference` token of tfExpression.js is the only code of cdktf that reads `preparing`);
 *  2. the policy's validation evaluates `stack.toTerraform()`;
 *  3. once validations are done, the synthesizer calls `toTerraform()` again to write cdk.tf.json.
 * In an app of one stack there is no other stack to refer to, so (1) is skipped; and nothing
 * between (2) and (3) changes the stack (the synthesizer only creates the stack's folder, lets
 * assets copy their files and collects annotations), so (3) returns what (2) resolved. Together
 * two thirds of the resolution work (docs/performance.md).
 *
 * Both assume that resolving adds no construct. A Lazy value may add some while it is resolved,
 * which is what cdktf's preparing resolution allows for: when the first resolution of a stack
 * grows its construct tree, nothing is reused, and where (1) was skipped the synthesis is not
 * the one cdktf would have made (aspects ran before those constructs existed). The result says
 * so, and the caller builds the stack again with the shortcuts off (synthesize.ts buildStack).
 *
 * Only for `app.synth()` of an app built for that one synthesis; the stacks are given back
 * their own methods right after. PLATFORM_RESOLVE_SHORTCUT=0 turns it off; the output is the
 * same bytes either way (tools/synth/workers.spec.js compares them, validated-terraform.spec.ts
 * the fallback).
 */
import { TerraformStack } from 'cdktf';

export const RESOLVE_SHORTCUT_VARIABLE = 'PLATFORM_RESOLVE_SHORTCUT';

/** What `synth` returned, or that it must run again with the shortcuts off. */
export type ResolvedOnce<T> = { readonly faithful: true; readonly value: T } | { readonly faithful: false };

/** What `prepareStack()` does besides the preparing resolution (cdktf 0.20's terraform-stack.js). */
type PreparedStack = TerraformStack & { ensureBackendExists(): void };

/**
 * Runs `synth` (an `app.synth()`) with the preparing resolution skipped when `stacks` (every
 * stack of the app) is one stack, and each stack's second `toTerraform()` answered by its first.
 */
export function synthResolvingOnce<T>(stacks: readonly TerraformStack[], synth: () => T, env: NodeJS.ProcessEnv = process.env): ResolvedOnce<T> {
  if (env[RESOLVE_SHORTCUT_VARIABLE] === '0') return { faithful: true, value: synth() };
  const ownToTerraform = TerraformStack.prototype.toTerraform;
  const skipPreparing = stacks.length === 1;
  let faithful = true;
  for (const stack of stacks) {
    if (skipPreparing) {
      stack.prepareStack = function prepareWithoutResolving(this: PreparedStack) {
        this.ensureBackendExists();
      };
    }
    let first: unknown;
    let calls = 0;
    stack.toTerraform = function toTerraformOnce(this: TerraformStack) {
      calls++;
      if (calls === 2 && first !== undefined) return first;
      const constructsBefore = calls === 1 ? this.node.findAll().length : 0;
      const resolved: unknown = ownToTerraform.call(this);
      if (calls === 1) {
        if (this.node.findAll().length === constructsBefore) first = resolved;
        else if (skipPreparing) faithful = false;
      }
      return resolved;
    };
  }
  try {
    const value = synth();
    return faithful ? { faithful, value } : { faithful };
  } catch (error) {
    // A policy violation found in JSON that missed constructs says nothing: build it again.
    if (!faithful) return { faithful };
    throw error;
  } finally {
    for (const stack of stacks) {
      delete (stack as { toTerraform?: unknown }).toTerraform;
      delete (stack as { prepareStack?: unknown }).prepareStack;
    }
  }
}
