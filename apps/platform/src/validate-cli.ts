/**
 * Process entry of `validate` alone (tools/synth/cli.js bundles it apart from cli.ts): the same
 * `runValidate` as `main`, in a bundle that loads no construct, no provider class and, of cdktf,
 * only its token functions (the checks ask Token.isUnresolved). tools/synth/build.spec.js checks
 * both, and that the output is main's.
 */
import { runValidate } from './validate';
import { workspaceRoot } from './workspace-root';

const [command, ...files] = process.argv.slice(2);
if (command !== 'validate') {
  console.error(`validate-cli runs "validate [<file>]...", not "${command ?? ''}"`);
  process.exitCode = 2;
} else {
  process.exitCode = runValidate(files, workspaceRoot());
}
