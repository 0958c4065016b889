import { TerraformStack, Testing } from 'cdktf';

/** An empty stack in a test app (CDKTF's test context: no stack traces in metadata). */
export function testStack(id = 'test'): TerraformStack {
  return new TerraformStack(Testing.app(), id);
}
