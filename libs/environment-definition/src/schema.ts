/**
 * A small schema toolkit that keeps going after the first problem. Every field is checked,
 * every problem is reported with its path, and refinements that need several fields run as
 * soon as those fields are valid, so one typo elsewhere never hides another mistake.
 */

export type FieldPath = ReadonlyArray<string | number>;

export interface Problem {
  readonly path: FieldPath;
  readonly message: string;
}

export type Report = (path: FieldPath, message: string) => void;

/** Parses one value; returns undefined (after reporting) when it is not valid. */
export interface Schema<T> {
  parse(value: unknown, path: FieldPath, report: Report): T | undefined;
}

/** Renders `services[0].image.tag`. */
export function formatPath(path: FieldPath): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${value}"`;
  return `${typeof value} ${String(value)}`;
}

export interface StringOptions {
  pattern?: RegExp;
  /** Completes "must ..." when the pattern does not match. */
  patternHint?: string;
  minLength?: number;
  maxLength?: number;
}

export function string(options: StringOptions = {}): Schema<string> {
  return {
    parse(value, path, report) {
      if (typeof value !== 'string') {
        report(path, `must be a string, got ${describe(value)}`);
        return undefined;
      }
      if (options.minLength !== undefined && value.length < options.minLength) {
        report(path, `must be at least ${options.minLength} characters long`);
        return undefined;
      }
      if (options.maxLength !== undefined && value.length > options.maxLength) {
        report(path, `must be at most ${options.maxLength} characters long`);
        return undefined;
      }
      if (options.pattern && !options.pattern.test(value)) {
        report(path, `"${value}" ${options.patternHint ?? `must match ${options.pattern}`}`);
        return undefined;
      }
      return value;
    },
  };
}

export function oneOf<const T extends string>(choices: readonly T[]): Schema<T> {
  return {
    parse(value, path, report) {
      if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
      const suggestion = typeof value === 'string' ? closest(value, choices) : undefined;
      report(
        path,
        `must be one of ${choices.map((c) => `"${c}"`).join(', ')}, got ${describe(value)}` +
          (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
      );
      return undefined;
    },
  };
}

export interface IntegerOptions {
  min?: number;
  max?: number;
  unit?: string;
}

export function integer(options: IntegerOptions = {}): Schema<number> {
  return {
    parse(value, path, report) {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        report(path, `must be a whole number, got ${describe(value)}`);
        return undefined;
      }
      return inRange(value, options, path, report);
    },
  };
}

export function number(options: IntegerOptions = {}): Schema<number> {
  return {
    parse(value, path, report) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        report(path, `must be a number, got ${describe(value)}`);
        return undefined;
      }
      return inRange(value, options, path, report);
    },
  };
}

function inRange(value: number, options: IntegerOptions, path: FieldPath, report: Report): number | undefined {
  const { min, max } = options;
  const unit = options.unit ? ` ${options.unit}` : '';
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const bound =
      min !== undefined && max !== undefined
        ? `between ${min} and ${max}${unit}`
        : min !== undefined
          ? `at least ${min}${unit}`
          : `at most ${max}${unit}`;
    report(path, `must be ${bound}, got ${value}`);
    return undefined;
  }
  return value;
}

export function boolean(): Schema<boolean> {
  return {
    parse(value, path, report) {
      if (typeof value === 'boolean') return value;
      report(path, `must be true or false, got ${describe(value)}`);
      return undefined;
    },
  };
}

export interface ListOptions {
  minItems?: number;
  maxItems?: number;
}

export function list<T>(item: Schema<T>, options: ListOptions = {}): Schema<T[]> {
  return {
    parse(value, path, report) {
      if (!Array.isArray(value)) {
        report(path, `must be a list, got ${describe(value)}`);
        return undefined;
      }
      let valid = true;
      if (options.minItems !== undefined && value.length < options.minItems) {
        report(path, `must list at least ${options.minItems}, got ${value.length}`);
        valid = false;
      }
      if (options.maxItems !== undefined && value.length > options.maxItems) {
        report(path, `must list at most ${options.maxItems}, got ${value.length}`);
        valid = false;
      }
      const items = value.map((element, i) => item.parse(element, [...path, i], report));
      return valid && items.every((parsed) => parsed !== undefined) ? (items as T[]) : undefined;
    },
  };
}

/** A mapping from string keys to values of one schema (for example tags). */
export function dictionary<T>(key: Schema<string>, item: Schema<T>): Schema<Record<string, T>> {
  return {
    parse(value, path, report) {
      if (!isMapping(value)) {
        report(path, `must be a mapping, got ${describe(value)}`);
        return undefined;
      }
      let valid = true;
      const result: Record<string, T> = {};
      for (const [k, v] of Object.entries(value)) {
        const parsedKey = key.parse(k, [...path, k], report);
        const parsed = item.parse(v, [...path, k], report);
        if (parsedKey === undefined || parsed === undefined) valid = false;
        else result[k] = parsed;
      }
      return valid ? result : undefined;
    },
  };
}

/** Marks a field optional: absent (or null) means undefined. */
export interface Optional<T> {
  readonly optional: true;
  readonly schema: Schema<T>;
  readonly fallback?: () => T;
}

/** An optional field that takes `fallback()` when absent. */
export interface Defaulted<T> extends Optional<T> {
  readonly fallback: () => T;
}

export function optional<T>(schema: Schema<T>): Optional<T> {
  return { optional: true, schema };
}

export function withDefault<T>(schema: Schema<T>, fallback: () => T): Defaulted<T> {
  return { optional: true, schema, fallback };
}

type FieldSpec = Schema<unknown> | Optional<unknown>;
type Shape = Record<string, FieldSpec>;

type Parsed<S> =
  S extends Defaulted<infer T> ? T : S extends Optional<infer T> ? T | undefined : S extends Schema<infer T> ? T : never;

type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends Defaulted<unknown> ? never : S[K] extends Optional<unknown> ? K : never;
}[keyof S];

export type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Parsed<S[K]> } & {
  [K in OptionalKeys<S>]?: Parsed<S[K]>;
};

/**
 * A check over several fields of one object. It runs when every field it `needs` is valid,
 * even if other fields are not, and reports paths relative to the object.
 */
export interface Refinement<T> {
  readonly needs: ReadonlyArray<keyof T & string>;
  check(value: T, report: Report): void;
}

export function refine<T, const K extends keyof T & string>(
  needs: readonly K[],
  check: (value: Pick<T, K> & Partial<T>, report: Report) => void,
): Refinement<T> {
  return { needs, check: check as Refinement<T>['check'] };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A mapping with known fields. Unknown fields are errors (with the closest known field as a
 * suggestion), because a typo in infrastructure config otherwise silently falls back to a
 * default.
 */
export function object<S extends Shape>(
  shape: S,
  refinements: ReadonlyArray<Refinement<ObjectOf<S>>> = [],
): Schema<ObjectOf<S>> {
  const known = Object.keys(shape);
  return {
    parse(value, path, report) {
      if (!isMapping(value)) {
        report(path, `must be a mapping, got ${describe(value)}`);
        return undefined;
      }
      for (const key of Object.keys(value)) {
        if (key in shape) continue;
        const suggestion = closest(key, known);
        report(
          [...path, key],
          `unknown field` +
            (suggestion ? ` (did you mean "${suggestion}"?)` : `; known fields: ${known.join(', ')}`),
        );
      }
      const result: Record<string, unknown> = {};
      const invalid = new Set<string>();
      for (const [key, spec] of Object.entries(shape)) {
        const raw = value[key];
        if ('optional' in spec) {
          if (raw === undefined || raw === null) {
            if (spec.fallback) result[key] = spec.fallback();
            continue;
          }
          const parsed = spec.schema.parse(raw, [...path, key], report);
          if (parsed === undefined) invalid.add(key);
          else result[key] = parsed;
          continue;
        }
        if (raw === undefined || raw === null) {
          report([...path, key], 'is required');
          invalid.add(key);
          continue;
        }
        const parsed = spec.parse(raw, [...path, key], report);
        if (parsed === undefined) invalid.add(key);
        else result[key] = parsed;
      }
      let refinementFailed = false;
      const relative: Report = (sub, message) => {
        refinementFailed = true;
        report([...path, ...sub], message);
      };
      for (const refinement of refinements) {
        if (refinement.needs.some((key) => invalid.has(key))) continue;
        refinement.check(result as ObjectOf<S>, relative);
      }
      const unknownFields = Object.keys(value).some((key) => !(key in shape));
      return invalid.size > 0 || refinementFailed || unknownFields ? undefined : (result as ObjectOf<S>);
    },
  };
}

/** The candidate within edit distance 2 (or a third of the word) of `word`, if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
