import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Document, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { EnvironmentDefinition } from './definition';
import { environmentSchema } from './environment-schema';
import { type FieldPath, formatPath, type Problem, type Schema } from './schema';

/** A 1-based line and column in a definition file. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
}

/** Where a field of a loaded file is: the value when it exists, else its closest parent. */
export type Locator = (fieldPath: FieldPath) => Partial<SourceLocation>;

/** The other place a problem involves, for rules that span two files (or two fields). */
export interface RelatedLocation extends Partial<SourceLocation> {
  readonly file: string;
  readonly path: FieldPath;
}

/** One problem in one definition file, located as precisely as the file allows. */
export interface FileProblem extends Problem {
  /** Path of the file as given (relative to the workspace when loaded from there). */
  readonly file: string;
  /** 1-based line and column of the offending value, when known. */
  readonly line?: number;
  readonly column?: number;
  /** The second location of a rule that compares two values. @default none */
  readonly related?: RelatedLocation;
}

function formatLocation(file: string, location: Partial<SourceLocation>): string {
  return location.line ? `${file}:${location.line}:${location.column ?? 1}` : file;
}

export function formatProblem(problem: FileProblem): string {
  const field = problem.path.length > 0 ? `${formatPath(problem.path)}: ` : '';
  const related = problem.related
    ? ` (${formatLocation(problem.related.file, problem.related)}${problem.related.path.length > 0 ? `: ${formatPath(problem.related.path)}` : ''})`
    : '';
  return `${formatLocation(problem.file, problem)}: ${field}${problem.message}${related}`;
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

/**
 * A parsed definition file: the value when it is valid, always the problems, and a locator
 * for the fields, so rules that look at several files can still name a line.
 */
export type LoadResult<T> =
  | { readonly ok: true; readonly value: T; readonly locate: Locator }
  | { readonly ok: false; readonly problems: FileProblem[]; readonly locate: Locator };

const nowhere: Locator = () => ({});

/**
 * Parsed YAML kept between runs, by the app that loads the definitions (the platform's CLI keeps
 * it on disk beside its bundle). Parsing is most of what loading a small definition costs a
 * short run, while validating the parsed data is cheap (docs/performance.md). Only documents
 * with no YAML error or warning, whose data JSON holds exactly, are written.
 */
export interface ParsedYamlCache {
  /** The data kept under `key`, or undefined when there is none (or it cannot be read). */
  read(key: string): unknown;
  /** Keeps `data` under `key`; best effort: a failure only costs the next run a parse. */
  write(key: string, data: unknown): void;
}

/**
 * The cache key of a text: a hash of the text and of how this module parses it. A cache must
 * also be specific to the `yaml` version that parsed it (the platform's lives in the folder of
 * the bundle that holds the parser).
 */
export function parsedYamlKey(text: string): string {
  return createHash('sha256').update(`${PARSED_YAML_FORMAT}\0${text}`).digest('hex').slice(0, 32);
}

/** Changes whenever parseDefinition parses differently (its options, toJS). */
const PARSED_YAML_FORMAT = 'definition-yaml-1 uniqueKeys';

/**
 * Parses YAML text and validates it against `schema`, collecting every problem with its line.
 * Duplicate keys are YAML errors here (the last one would otherwise win silently), reported
 * with the field path of the repeated key and the line of its first occurrence.
 *
 * With a `cache` holding this text's data, the text is parsed again only when a problem or a
 * caller asks where a field is (`locate`); the value and the problems are the same.
 */
export function parseDefinition<T>(text: string, file: string, schema: Schema<T>, cache?: ParsedYamlCache): LoadResult<T> {
  let parsed: ParsedYaml | undefined;
  const yaml = (): ParsedYaml => (parsed ??= parseYaml(text));
  const locate: Locator = (fieldPath) => yaml().locate(fieldPath);
  const problems: FileProblem[] = [];
  const key = cache ? parsedYamlKey(text) : undefined;
  let data = key === undefined ? undefined : cache?.read(key);
  if (data === undefined) {
    const { document, position } = yaml();
    for (const error of [...document.errors, ...document.warnings]) {
      const message = `YAML: ${error.message.split('\n')[0]}`;
      if (error.code === 'DUPLICATE_KEY') {
        const duplicate = duplicateKeyAt(text, error.pos[0]);
        if (duplicate) {
          problems.push({
            file,
            path: duplicate.path,
            message: `is given twice; the first is on line ${position(duplicate.firstOffset).line} (a repeated key would silently override it)`,
            ...position(error.pos[0]),
          });
          continue;
        }
      }
      problems.push({ file, path: [], message, ...position(error.pos[0]) });
    }
    if (problems.length > 0) return { ok: false, problems, locate };
    data = document.toJS() ?? {};
    if (key !== undefined && isJsonExact(data, new Set())) cache?.write(key, data);
  }
  const value = schema.parse(data, [], (fieldPath, message) => problems.push({ file, path: fieldPath, message, ...locate(fieldPath) }));
  if (problems.length > 0 || value === undefined) return { ok: false, problems, locate };
  return { ok: true, value, locate };
}

interface ParsedYaml {
  readonly document: Document;
  readonly position: (offset: number) => SourceLocation;
  readonly locate: Locator;
}

function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate: Locator = (fieldPath) => {
    for (let depth = fieldPath.length; depth >= 0; depth--) {
      const node = document.getIn(fieldPath.slice(0, depth), true);
      if (isNode(node) && node.range) return position(node.range[0]);
    }
    return {};
  };
  return { document, position, locate };
}

/**
 * Whether JSON gives this data back exactly: no `.inf`, `.nan` or -0, no object met twice (a
 * YAML alias: JSON would make two copies), only plain objects and arrays, no `__proto__` key.
 */
function isJsonExact(value: unknown, seen: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.every((item) => isJsonExact(item, seen));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(([name, item]) => name !== '__proto__' && isJsonExact(item, seen));
}

/**
 * The field path of the duplicated key whose second occurrence starts at `offset`, and the
 * offset of its first occurrence. The document is read again with duplicates allowed so that
 * its tree exists.
 */
function duplicateKeyAt(text: string, offset: number): { path: FieldPath; firstOffset: number } | undefined {
  const document: Document = parseDocument(text, { uniqueKeys: false });
  const walk = (node: unknown, at: FieldPath): { path: FieldPath; firstOffset: number } | undefined => {
    if (isMap(node)) {
      const firstByKey = new Map<string, number>();
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const first = firstByKey.get(key);
        if (first === undefined) firstByKey.set(key, pair.key.range[0]);
        if (pair.key.range[0] === offset && first !== undefined) return { path: [...at, key], firstOffset: first };
        const found = walk(pair.value, [...at, key]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        const found = walk(item, [...at, i]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(document.contents, []);
}

/** Reads a file for `parseDefinition`; an unreadable file is a problem of that file. */
export function readDefinitionFile(file: string, displayFile: string): { text: string } | { problems: FileProblem[] } {
  try {
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (error) {
    return { problems: [{ file: displayFile, path: [], message: `cannot read: ${(error as Error).message}` }] };
  }
}

/** Loads and validates a definition file against `schema` (`cache`: see parseDefinition). */
export function loadDefinitionFile<T>(file: string, displayFile: string, schema: Schema<T>, cache?: ParsedYamlCache): LoadResult<T> {
  const read = readDefinitionFile(file, displayFile);
  if ('problems' in read) return { ok: false, problems: read.problems, locate: nowhere };
  return parseDefinition(read.text, displayFile, schema, cache);
}

/** File name of every environment definition inside its folder. */
export const DEFINITION_FILE_NAME = 'environment.yaml';

/**
 * Loads and validates one environment definition. Its `name` must equal its folder name, so
 * the Nx project, the stack and the state key can never disagree about which environment it is.
 */
export function loadEnvironmentFile(file: string, displayFile = file, cache?: ParsedYamlCache): LoadResult<EnvironmentDefinition> {
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
  return loadDefinitionFile(file, displayFile, schema, cache);
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
