import * as fs from 'node:fs';
import * as path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { EnvironmentDefinition } from './definition';
import { environmentSchema } from './environment-schema';
import { type FieldPath, formatPath, type Problem, type Schema } from './schema';

/** One problem in one definition file, located as precisely as the file allows. */
export interface FileProblem extends Problem {
  /** Path of the file as given (relative to the workspace when loaded from there). */
  readonly file: string;
  /** 1-based line and column of the offending value, when known. */
  readonly line?: number;
  readonly column?: number;
}

export function formatProblem(problem: FileProblem): string {
  const location = problem.line ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const field = problem.path.length > 0 ? `${formatPath(problem.path)}: ` : '';
  return `${location}: ${field}${problem.message}`;
}

/** Thrown when one or more definition files are invalid; carries every problem found. */
export class DefinitionError extends Error {
  constructor(readonly problems: readonly FileProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in environment definitions:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'DefinitionError';
  }
}

export type LoadResult<T> = { ok: true; value: T } | { ok: false; problems: FileProblem[] };

/**
 * Parses YAML text and validates it against `schema`, collecting every problem with its line.
 * Duplicate keys are YAML errors here: the last one would otherwise win silently.
 */
export function parseDefinition<T>(text: string, file: string, schema: Schema<T>): LoadResult<T> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: FileProblem[] = [];
  for (const error of [...document.errors, ...document.warnings]) {
    const position = lineCounter.linePos(error.pos[0]);
    problems.push({ file, path: [], message: `YAML: ${error.message.split('\n')[0]}`, ...lineAndColumn(position) });
  }
  if (problems.length > 0) return { ok: false, problems };

  const locate = (fieldPath: FieldPath): { line?: number; column?: number } => {
    // Point at the value when it exists, else at the closest parent that does.
    for (let depth = fieldPath.length; depth >= 0; depth--) {
      const node = document.getIn(fieldPath.slice(0, depth), true);
      if (isNode(node) && node.range) return lineAndColumn(lineCounter.linePos(node.range[0]));
    }
    return {};
  };
  const data = document.toJS() ?? {};
  const value = schema.parse(data, [], (fieldPath, message) =>
    problems.push({ file, path: fieldPath, message, ...locate(fieldPath) }),
  );
  if (problems.length > 0 || value === undefined) return { ok: false, problems };
  return { ok: true, value };
}

function lineAndColumn(position: { line: number; col: number }): { line: number; column: number } {
  return { line: position.line, column: position.col };
}

/** File name of every environment definition inside its folder. */
export const DEFINITION_FILE_NAME = 'environment.yaml';

/**
 * Loads and validates one environment definition. Its `name` must equal its folder name, so
 * the Nx project, the stack and the state key can never disagree about which environment it is.
 */
export function loadEnvironmentFile(file: string, displayFile = file): LoadResult<EnvironmentDefinition> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file: displayFile, path: [], message: `cannot read: ${(error as Error).message}` }] };
  }
  const folder = path.basename(path.dirname(path.resolve(file)));
  const checkFolder = path.basename(file) === DEFINITION_FILE_NAME;
  const schema: Schema<EnvironmentDefinition> = {
    parse(value, fieldPath, report) {
      const named = (value as { name?: unknown } | null)?.name;
      if (checkFolder && typeof named === 'string' && named !== folder) {
        report(['name'], `"${named}" must equal the folder name "${folder}"`);
      }
      return environmentSchema.parse(value, fieldPath, report);
    },
  };
  return parseDefinition(text, displayFile, schema);
}

/** Finds every `environments/<name>/environment.yaml`, sorted by name. */
export function findEnvironmentFiles(environmentsDir: string): string[] {
  if (!fs.existsSync(environmentsDir)) return [];
  return fs
    .readdirSync(environmentsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(environmentsDir, entry.name, DEFINITION_FILE_NAME)))
    .map((entry) => path.join(environmentsDir, entry.name, DEFINITION_FILE_NAME))
    .sort();
}
