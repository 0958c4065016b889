import { Match, matchValue } from './match';

const ok = (pattern: unknown, actual: unknown): boolean => matchValue(pattern, actual).length === 0;

describe('Match', () => {
  it('plain objects match like objectLike, deeply', () => {
    expect(ok({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 })).toBe(true);
    expect(matchValue({ a: { b: 2 } }, { a: { b: 1 } })).toEqual([{ path: 'a.b', message: 'expected 2, got 1' }]);
    expect(matchValue({ a: 1 }, {})).toEqual([{ path: 'a', message: 'missing' }]);
  });

  it('plain arrays match exactly, element by element', () => {
    expect(ok([1, { a: 1 }], [1, { a: 1, b: 2 }])).toBe(true);
    expect(ok([1], [1, 2])).toBe(false);
  });

  it('objectEquals refuses other keys at every level', () => {
    expect(ok(Match.objectEquals({ a: { b: 1 } }), { a: { b: 1 } })).toBe(true);
    expect(matchValue(Match.objectEquals({ a: { b: 1 } }), { a: { b: 1, c: 2 } })).toEqual([
      { path: 'a.c', message: 'unexpected key (value 2)' },
    ]);
  });

  it('objectEquals lets the matchers in it keep their meaning', () => {
    expect(ok(Match.objectEquals({ a: Match.stringLikeRegexp(/^x/), b: Match.objectLike({ c: 1 }) }), { a: 'xy', b: { c: 1, d: 2 } })).toBe(true);
    expect(ok(Match.objectEquals({ a: Match.anyValue() }), { a: { b: 1 } })).toBe(true);
  });

  it('arrayWith finds elements in order', () => {
    expect(ok(Match.arrayWith([2, 4]), [1, 2, 3, 4])).toBe(true);
    expect(ok(Match.arrayWith([4, 2]), [1, 2, 3, 4])).toBe(false);
    expect(ok(Match.arrayWith([{ a: 1 }]), [{ a: 1, b: 2 }])).toBe(true);
  });

  it('anyValue, absent, stringLikeRegexp, not', () => {
    expect(ok({ a: Match.anyValue() }, { a: 0 })).toBe(true);
    expect(ok({ a: Match.anyValue() }, {})).toBe(false);
    expect(ok({ a: Match.absent() }, {})).toBe(true);
    expect(ok({ a: Match.absent() }, { a: 1 })).toBe(false);
    expect(ok(Match.stringLikeRegexp(/^arn:aws:iam::\d{12}:role\//), 'arn:aws:iam::123456789012:role/x')).toBe(true);
    expect(ok(Match.not('*'), 'arn:aws:s3:::bucket')).toBe(true);
    expect(ok(Match.not('*'), '*')).toBe(false);
  });

  it('serializedJson parses first, and fails on text that is not JSON', () => {
    expect(ok(Match.serializedJson({ a: 1 }), '{"a":1,"b":2}')).toBe(true);
    expect(ok(Match.serializedJson({ a: 1 }), 'not json')).toBe(false);
  });
});
