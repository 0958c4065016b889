import { App, Lazy, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RESOLVE_SHORTCUT_VARIABLE, synthResolvingOnce } from './validated-terraform';

/** A stack whose one output counts how often cdktf resolves it. */
function countingStack(app: App, id = 'reuse'): { stack: TerraformStack; resolutions: () => number } {
  const stack = new TerraformStack(app, id);
  let count = 0;
  new TerraformOutput(stack, 'region', { value: Lazy.stringValue({ produce: () => (count++, 'eu-west-1') }) });
  return { stack, resolutions: () => count };
}

function readStack(outdir: string, name: string): string {
  return fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
}

describe('synthResolvingOnce', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'validated-terraform-'));
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const newApp = (name = 'app') => new App({ outdir: path.join(outdir, name), stackTraces: false });

  it('answers the second toTerraform() with the first, then gives the stack its own back', () => {
    const { stack } = countingStack(newApp());
    const result = synthResolvingOnce([stack], () => [stack.toTerraform(), stack.toTerraform(), stack.toTerraform()]);
    if (!result.faithful) throw new Error('expected a faithful synthesis');
    const [first, second, third] = result.value;
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(third).toEqual(first);
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(stack, 'prepareStack')).toBe(false);
    expect(stack.toTerraform()).not.toBe(stack.toTerraform());
  });

  it('resolves the stack of a one-stack app once in app.synth(), and writes what cdktf writes', () => {
    const fast = newApp('fast');
    const counted = countingStack(fast);
    expect(synthResolvingOnce([counted.stack], () => fast.synth()).faithful).toBe(true);
    // Without the shortcut: the preparing resolution, then the one that is written.
    const plain = newApp('plain');
    const plainCounted = countingStack(plain);
    synthResolvingOnce([plainCounted.stack], () => plain.synth(), { [RESOLVE_SHORTCUT_VARIABLE]: '0' });
    expect({ shortcut: counted.resolutions(), off: plainCounted.resolutions() }).toEqual({ shortcut: 1, off: 2 });
    expect(readStack(path.join(outdir, 'fast'), 'reuse')).toBe(readStack(path.join(outdir, 'plain'), 'reuse'));
  });

  it('keeps the preparing resolution in an app of two stacks: a reference across them becomes a cross-stack output', () => {
    const synthTwo = (name: string, env: NodeJS.ProcessEnv) => {
      const app = newApp(name);
      const producer = new TerraformStack(app, 'producer');
      const region = new TerraformLocal(producer, 'region', 'eu-west-1');
      const consumer = new TerraformStack(app, 'consumer');
      new TerraformOutput(consumer, 'region', { value: region.asString });
      return synthResolvingOnce([producer, consumer], () => app.synth(), env);
    };
    expect(synthTwo('two', {}).faithful).toBe(true);
    const consumer = JSON.parse(readStack(path.join(outdir, 'two'), 'consumer'));
    expect(Object.keys(consumer.data.terraform_remote_state)).toEqual(['cross-stack-reference-input-producer']);
    synthTwo('two-off', { [RESOLVE_SHORTCUT_VARIABLE]: '0' });
    for (const name of ['producer', 'consumer']) expect(readStack(path.join(outdir, 'two'), name)).toBe(readStack(path.join(outdir, 'two-off'), name));
  });

  it('says the synthesis must run again when resolving the stack added constructs (a Lazy value), even when it threw', () => {
    const growing = (app: App) => {
      const stack = new TerraformStack(app, 'growing');
      let added: TerraformOutput | undefined;
      new TerraformOutput(stack, 'late', { value: Lazy.stringValue({ produce: () => ((added ??= new TerraformOutput(stack, 'added', { value: 'a' })), 'b') }) });
      return stack;
    };
    const app = newApp('growing');
    const stack = growing(app);
    expect(synthResolvingOnce([stack], () => app.synth())).toEqual({ faithful: false });
    const throwing = newApp('throwing');
    const throwingStack = growing(throwing);
    expect(
      synthResolvingOnce([throwingStack], () => {
        throwing.synth();
        throw new Error('a policy violation found in JSON that missed constructs');
      }),
    ).toEqual({ faithful: false });
    // With the shortcut off, cdktf's own way: the preparing resolution adds the output first.
    const off = newApp('off');
    const offStack = growing(off);
    expect(synthResolvingOnce([offStack], () => off.synth(), { [RESOLVE_SHORTCUT_VARIABLE]: '0' }).faithful).toBe(true);
    expect(JSON.parse(readStack(path.join(outdir, 'off'), 'growing')).output).toEqual({ added: { value: 'a' }, late: { value: 'b' } });
  });

  it('gives the stack its own methods back when synthesis throws', () => {
    const { stack } = countingStack(newApp());
    expect(() =>
      synthResolvingOnce([stack], () => {
        throw new Error('policy violation');
      }),
    ).toThrow('policy violation');
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(stack, 'prepareStack')).toBe(false);
  });

  it(`reuses nothing with ${RESOLVE_SHORTCUT_VARIABLE}=0`, () => {
    const { stack } = countingStack(newApp());
    const result = synthResolvingOnce([stack], () => [stack.toTerraform(), stack.toTerraform()], { [RESOLVE_SHORTCUT_VARIABLE]: '0' });
    if (!result.faithful) throw new Error('expected a faithful synthesis');
    expect(result.value[1]).not.toBe(result.value[0]);
  });
});
