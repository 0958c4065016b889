/**
 * Patterns for synthesized Terraform JSON, in the style of AWS CDK's `assertions.Match`. A
 * plain object in a pattern matches like `Match.objectLike` (the listed keys, deeply), a plain
 * array like `Match.exact` (same length, element by element), anything else by equality.
 */

/** Where a value failed to match, and why. */
export interface MatchFailure {
  readonly path: string;
  readonly message: string;
}

export abstract class Matcher {
  abstract readonly name: string;
  /** Every failure of `actual` against this pattern; empty when it matches. */
  abstract test(actual: unknown, path: string): MatchFailure[];
}

function show(value: unknown): string {
  if (value instanceof Matcher) return `<${value.name}>`;
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Matches `actual` against a pattern: a Matcher, a plain object (objectLike), an array (exact) or a literal. */
export function matchValue(pattern: unknown, actual: unknown, path = ''): MatchFailure[] {
  if (pattern instanceof Matcher) return pattern.test(actual, path);
  if (Array.isArray(pattern)) return new ExactArray(pattern).test(actual, path);
  if (isPlainObject(pattern)) return new ObjectMatch(pattern, false).test(actual, path);
  return Object.is(pattern, actual) ? [] : [{ path, message: `expected ${show(pattern)}, got ${show(actual)}` }];
}

class ObjectMatch extends Matcher {
  readonly name: string;
  constructor(
    private readonly pattern: Record<string, unknown>,
    private readonly exact: boolean,
  ) {
    super();
    this.name = exact ? 'objectEquals' : 'objectLike';
  }
  test(actual: unknown, path: string): MatchFailure[] {
    if (!isPlainObject(actual)) return [{ path, message: `expected an object, got ${show(actual)}` }];
    const failures: MatchFailure[] = [];
    for (const [key, expected] of Object.entries(this.pattern)) {
      const at = path ? `${path}.${key}` : key;
      if (expected instanceof Absent) {
        failures.push(...expected.test(actual[key], at));
      } else if (!(key in actual)) {
        failures.push({ path: at, message: 'missing' });
      } else {
        // A matcher inside objectEquals keeps its own meaning; only plain objects are matched exactly.
        failures.push(
          ...(this.exact && isPlainObject(expected) && !(expected instanceof Matcher)
            ? new ObjectMatch(expected, true).test(actual[key], at)
            : matchValue(expected, actual[key], at)),
        );
      }
    }
    if (this.exact) {
      for (const key of Object.keys(actual)) {
        if (!(key in this.pattern)) failures.push({ path: path ? `${path}.${key}` : key, message: `unexpected key (value ${show(actual[key])})` });
      }
    }
    return failures;
  }
}

class ExactArray extends Matcher {
  readonly name = 'exact array';
  constructor(private readonly pattern: readonly unknown[]) {
    super();
  }
  test(actual: unknown, path: string): MatchFailure[] {
    if (!Array.isArray(actual)) return [{ path, message: `expected an array, got ${show(actual)}` }];
    if (actual.length !== this.pattern.length) {
      return [{ path, message: `expected ${this.pattern.length} elements, got ${actual.length}: ${show(actual)}` }];
    }
    return this.pattern.flatMap((expected, i) => matchValue(expected, actual[i], `${path}[${i}]`));
  }
}

class ArrayWith extends Matcher {
  readonly name = 'arrayWith';
  constructor(private readonly pattern: readonly unknown[]) {
    super();
  }
  test(actual: unknown, path: string): MatchFailure[] {
    if (!Array.isArray(actual)) return [{ path, message: `expected an array, got ${show(actual)}` }];
    // In order, not necessarily adjacent, as AWS CDK's arrayWith.
    let from = 0;
    for (const expected of this.pattern) {
      const index = actual.findIndex((item, i) => i >= from && matchValue(expected, item).length === 0);
      if (index < 0) return [{ path, message: `no element (after index ${from - 1}) matches ${show(expected)}; got ${show(actual)}` }];
      from = index + 1;
    }
    return [];
  }
}

class Exact extends Matcher {
  readonly name = 'exact';
  constructor(private readonly pattern: unknown) {
    super();
  }
  test(actual: unknown, path: string): MatchFailure[] {
    if (isPlainObject(this.pattern)) return new ObjectMatch(this.pattern, true).test(actual, path);
    return matchValue(this.pattern, actual, path);
  }
}

class AnyValue extends Matcher {
  readonly name = 'anyValue';
  test(actual: unknown, path: string): MatchFailure[] {
    return actual === undefined || actual === null ? [{ path, message: 'expected a value, got none' }] : [];
  }
}

class Absent extends Matcher {
  readonly name = 'absent';
  test(actual: unknown, path: string): MatchFailure[] {
    return actual === undefined ? [] : [{ path, message: `expected no value, got ${show(actual)}` }];
  }
}

class StringLike extends Matcher {
  readonly name = 'stringLikeRegexp';
  constructor(private readonly pattern: RegExp) {
    super();
  }
  test(actual: unknown, path: string): MatchFailure[] {
    return typeof actual === 'string' && this.pattern.test(actual) ? [] : [{ path, message: `expected a string matching ${this.pattern}, got ${show(actual)}` }];
  }
}

class SerializedJson extends Matcher {
  readonly name = 'serializedJson';
  constructor(private readonly pattern: unknown) {
    super();
  }
  test(actual: unknown, path: string): MatchFailure[] {
    if (typeof actual !== 'string') return [{ path, message: `expected a JSON string, got ${show(actual)}` }];
    let parsed: unknown;
    try {
      parsed = JSON.parse(actual);
    } catch {
      return [{ path, message: `expected a JSON string, got ${show(actual)}` }];
    }
    return matchValue(this.pattern, parsed, `${path}(json)`);
  }
}

class Not extends Matcher {
  readonly name = 'not';
  constructor(private readonly pattern: unknown) {
    super();
  }
  test(actual: unknown, path: string): MatchFailure[] {
    return matchValue(this.pattern, actual, path).length === 0 ? [{ path, message: `expected not to match ${show(this.pattern)}, got ${show(actual)}` }] : [];
  }
}

export const Match = {
  /** The listed keys match (nested plain objects too); other keys may exist. */
  objectLike: (pattern: Record<string, unknown>): Matcher => new ObjectMatch(pattern, false),
  /** Exactly these keys, at every level. */
  objectEquals: (pattern: Record<string, unknown>): Matcher => new ObjectMatch(pattern, true),
  /** An array holding elements that match these, in this order. */
  arrayWith: (pattern: readonly unknown[]): Matcher => new ArrayWith(pattern),
  /** Exactly this value: objects with no other keys, arrays of this length. */
  exact: (pattern: unknown): Matcher => new Exact(pattern),
  /** Any value other than undefined or null. */
  anyValue: (): Matcher => new AnyValue(),
  /** The key is not set. */
  absent: (): Matcher => new Absent(),
  /** A string matching the regular expression. */
  stringLikeRegexp: (pattern: RegExp): Matcher => new StringLike(pattern),
  /** A JSON string (an IAM policy, container definitions) whose parsed value matches. */
  serializedJson: (pattern: unknown): Matcher => new SerializedJson(pattern),
  /** Anything that does not match. */
  not: (pattern: unknown): Matcher => new Not(pattern),
};
