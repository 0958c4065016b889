import { App, TerraformOutput, TerraformStack } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RESOLVE_SHORTCUT_VARIABLE, withValidatedTerraformReused } from './validated-terraform';

function stackIn(outdir: string): TerraformStack {
  const stack = new TerraformStack(new App({ outdir, stackTraces: false }), 'reuse');
  new TerraformOutput(stack, 'region', { value: 'eu-west-1' });
  return stack;
}

describe('withValidatedTerraformReused', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'validated-terraform-'));
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('answers the second toTerraform() with the first, then gives the stack its own back', () => {
    const stack = stackIn(outdir);
    const [first, second, third] = withValidatedTerraformReused([stack], () => [stack.toTerraform(), stack.toTerraform(), stack.toTerraform()]);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(third).toEqual(first);
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
    expect(stack.toTerraform()).not.toBe(stack.toTerraform());
  });

  it('gives the stack its own back when synthesis throws', () => {
    const stack = stackIn(outdir);
    expect(() =>
      withValidatedTerraformReused([stack], () => {
        throw new Error('policy violation');
      }),
    ).toThrow('policy violation');
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
  });

  it(`reuses nothing with ${RESOLVE_SHORTCUT_VARIABLE}=0`, () => {
    const stack = stackIn(outdir);
    const [first, second] = withValidatedTerraformReused([stack], () => [stack.toTerraform(), stack.toTerraform()], { [RESOLVE_SHORTCUT_VARIABLE]: '0' });
    expect(second).not.toBe(first);
  });
});
