/**
 * `validate [<file>]...`: checks definitions without synthesizing. It imports no construct: the
 * CLI (tools/synth/cli.js) runs it from a bundle of its own (validate-cli.ts) that loads neither
 * cdktf's constructs nor a provider class, so that it starts about as fast as Node itself
 * (docs/performance.md); `main` runs the same function, with the same output.
 */
import { type FileProblem, formatProblem } from '@ecs-platform/environment-definition';
import * as path from 'node:path';
import { allProblems, definitionKind, loadWorkspace, type LoadWorkspaceOptions, type Workspace } from './workspace';

export function runValidate(files: readonly string[], root: string): number {
  const found: FileProblem[] = [];
  if (files.length === 0) {
    const workspace = loadWorkspace(root);
    found.push(...allProblems(workspace));
    if (found.length === 0) console.log(`${describeDefinitions(workspace)} are valid`);
  }
  for (const file of files) {
    const problems = validateFile(root, file);
    found.push(...problems);
    if (problems.length === 0) console.log(`${file}: valid (with the rules that involve other definitions)`);
  }
  for (const problem of found) console.error(formatProblem(problem));
  if (found.length > 0) console.error(`${found.length} problem${found.length === 1 ? '' : 's'} found.`);
  return found.length > 0 ? 1 : 0;
}

function describeDefinitions(workspace: Workspace): string {
  const names = [...workspace.environments.keys()];
  const parts = ['apps/platform/platform.yaml', ...(workspace.registry ? ['registry/registry.yaml'] : [])];
  return `${parts.join(', ')} and ${names.length} environment definition${names.length === 1 ? '' : 's'} (${names.join(', ')})`;
}

/**
 * One file against the schema its place says (platform settings, registry, environment), and
 * the rules that compare it with the other definitions: problems located in the file, and
 * problems elsewhere that point back at it.
 */
function validateFile(root: string, file: string): FileProblem[] {
  const kind = definitionKind(root, file);
  if (!kind) {
    return [
      {
        file,
        path: [],
        message: 'is not a definition file: validate-env checks apps/platform/platform.yaml, registry/registry.yaml and environments/<name>/environment.yaml',
      },
    ];
  }
  const resolved = path.resolve(file);
  const canonical = path.relative(root, resolved).split(path.sep).join('/');
  const options: LoadWorkspaceOptions =
    kind.kind === 'environment'
      ? { environmentOverride: { environment: kind.environment ?? '', file: resolved, display: file } }
      : kind.kind === 'registry'
        ? { registryOverride: { file: resolved, display: file } }
        : { settingsOverride: { file: resolved, display: file } };
  const names = new Set([file, canonical]);
  return allProblems(loadWorkspace(root, options)).filter((problem) => names.has(problem.file) || (problem.related && names.has(problem.related.file)));
}
