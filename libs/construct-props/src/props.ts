/**
 * Checking a construct's props. Each layer library exports its checks as pure functions that
 * return every problem they find; its constructors call them through `assertValidProps`, and
 * the environment-definition loader calls the same functions, so the TypeScript path and the
 * YAML path give the same message (the YAML path adds the file, line and field).
 */
import type { IConstruct } from 'constructs';

/**
 * How strict a construct is. `production` turns on the protections a production environment
 * must have (docs/design.md decision 6); constructs default to it, so leaving it out is never
 * the weaker choice.
 */
export type Tier = 'production' | 'non-production';

export const TIERS: readonly Tier[] = ['production', 'non-production'];

/** A path into a props object: `['services', 0, 'cpu']`. */
export type PropPath = readonly (string | number)[];

/** One problem with one prop. */
export interface PropProblem {
  /** Where, relative to the props the check was given; empty for the props as a whole. */
  readonly path: PropPath;
  readonly message: string;
}

/** A problem at `path`. */
export function propProblem(path: PropPath, message: string): PropProblem {
  return { path, message };
}

/** The problems of a nested check, moved under `prefix` (a check of `healthCheck` inside a service's props). */
export function underPath(prefix: PropPath, problems: readonly PropProblem[]): PropProblem[] {
  return problems.map((problem) => ({ path: [...prefix, ...problem.path], message: problem.message }));
}

/** `services[0].healthCheck.path`: the same notation as the definition's field paths. */
export function formatPropPath(path: PropPath): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

/** Thrown by a constructor whose props have problems; lists every one of them. */
export class InvalidPropsError extends Error {
  constructor(
    /** The construct path of the construct that refused its props. */
    readonly constructPath: string,
    readonly problems: readonly PropProblem[],
  ) {
    super(
      `${constructPath}: ${problems.length === 1 ? 'invalid prop' : `${problems.length} invalid props`}\n` +
        problems.map((problem) => `  ${formatPropPath(problem.path) || '(props)'}: ${problem.message}`).join('\n'),
    );
    this.name = 'InvalidPropsError';
  }
}

/** Throws `InvalidPropsError` naming `scope` when there are problems; returns otherwise. */
export function assertValidProps(scope: IConstruct, problems: readonly PropProblem[]): void {
  if (problems.length > 0) throw new InvalidPropsError(scope.node.path, problems);
}

/** Collects problems from several checks, in order. */
export function allProblems(...checks: readonly (readonly PropProblem[])[]): PropProblem[] {
  return checks.flat();
}
