'use strict';
/**
 * The resolve shortcut of the app bundle (build.js cdktfResolveShortcut): every value it lets
 * through unresolved is one cdktf's own resolve() returns unchanged, and no token, list token,
 * map token or placeholder is ever let through. The stack's last resolution is skipped
 * (cdktfStackResolvedOnce) only for a tree that resolve() returns as it is, but for its
 * undefined fields. (The whole output, shortcut on and off, is compared byte for byte in
 * workers.spec.js.)
 */
const fc = require('fast-check');
const { App, Lazy, TerraformStack, Token } = require('cdktf');
const { resolve } = require('cdktf/lib/tokens/private/resolve');
const { DefaultTokenResolver, StringConcat } = require('cdktf/lib/tokens/resolvable');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { IS_PLAIN_VALUE, RESOLVED_ALREADY } = require('./build');

/** The bundle's isPlainValue, with the token module the patched resolve.js has as token_1. */
function isPlainValueWith(env) {
  const processWithEnv = { env };
  return new Function('require', 'token_1', `${IS_PLAIN_VALUE}\nreturn isPlainValue;`)((name) => (name === 'process' ? processWithEnv : require(name)), require('cdktf/lib/tokens/token'));
}
const isPlainValue = isPlainValueWith({});

let outdir;
let stack;
beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-shortcut-'));
  stack = new TerraformStack(new App({ outdir, stackTraces: false }), 'shortcut');
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const cdktfResolve = (value) => resolve(value, { scope: stack, prefix: [], resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });

describe('isPlainValue', () => {
  it('lets through only strings and numbers that cdktf resolves to themselves', () => {
    // Strings built from the pieces that matter: token markers, number-like text, plain words.
    const piece = fc.constantFrom('TfToken[', '${', '#{', '&{', '}', ']', 'e', 'E', '1', '-', '.', '+', 'arn:aws:s3:::b', ' ', 'ŝ', 'x');
    const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    const number = fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.constantFrom(0, -0, 1e280, -123456789, 2 ** 53));
    fc.assert(
      fc.property(fc.oneof(text, fc.string(), number, fc.boolean()), (value) => {
        if (!isPlainValue(value)) return true;
        return Object.is(cdktfResolve(value), value);
      }),
      { numRuns: 3000 },
    );
  });

  it('never lets a token or a placeholder through', () => {
    const tokens = [
      Token.asString(Lazy.stringValue({ produce: () => 'a' })),
      `prefix-${Token.asString(Lazy.stringValue({ produce: () => 'a' }))}`,
      Token.asList(Lazy.listValue({ produce: () => ['a'] }))[0],
      Token.asNumber(Lazy.numberValue({ produce: () => 1 })),
      `port ${Token.asNumber(Lazy.numberValue({ produce: () => 1 }))}`,
      Token.STRING_MAP_TOKEN_VALUE,
      Token.ANY_MAP_TOKEN_VALUE,
      Token.NUMBER_MAP_TOKEN_VALUE,
      Token.asNumberList(Lazy.anyValue({ produce: () => [1] }))[0],
      NaN,
      { a: 'b' },
      ['a'],
      null,
      undefined,
    ];
    for (const value of tokens) expect({ value, plain: isPlainValue(value) }).toEqual({ value, plain: false });
    // Ordinary values are let through, or the shortcut would save nothing.
    for (const value of ['eu-west-1', 'arn:aws:iam::123456789012:role/x', '', 443, 0.5, true, false]) expect(isPlainValue(value)).toBe(true);
  });

  it('lets nothing through with PLATFORM_RESOLVE_SHORTCUT=0', () => {
    const off = isPlainValueWith({ PLATFORM_RESOLVE_SHORTCUT: '0' });
    for (const value of ['eu-west-1', 443, true]) expect(off(value)).toBe(false);
  });
});

describe('resolvedAlready (the stack\'s last resolution)', () => {
  const resolvedAlready = new Function('require', `${RESOLVED_ALREADY}\nreturn resolvedAlready;`)(() => ({ isPlainValue, RESOLVE_SHORTCUT: true }));
  const check = (tree) => resolvedAlready(tree, false, cdktfResolve);
  // A copy made in this realm (structuredClone's objects have another realm's Object.prototype).
  const clone = (x) => (Array.isArray(x) ? x.map(clone) : x !== null && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, clone(v)])) : x);

  it('says yes only for a tree that resolve() gives back equal, and then is that tree without undefined fields', () => {
    const piece = fc.constantFrom('TfToken[', '${', 'e', '1', '-', 'arn:aws:s3:::b', 'x', '3b1f6c2e-8');
    const text = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(''));
    const leaf = fc.oneof(text, fc.integer(), fc.double(), fc.constant(-1.8881545897087498e289), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('tree'), { maxLength: 4 }),
      object: fc.dictionary(text, tie('tree'), { maxKeys: 4 }),
    }));
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(text, tree, { maxKeys: 5 }), (generated) => {
        // resolve() throws on a number in the range cdktf encodes number tokens in (about
        // -1.9e289); the shortcut must then say no, so the tree goes to resolve() and throws there.
        let expected;
        let threw = false;
        try {
          expected = cdktfResolve(clone(generated));
        } catch {
          threw = true;
        }
        const tree = clone(generated);
        if (!check(tree)) return true;
        if (threw) return false;
        accepted += 1;
        return isDeepStrictEqual(tree, expected);
      }),
      { numRuns: 2000 },
    );
    // Trees of plain values are accepted, or the patch would save nothing.
    expect(accepted).toBeGreaterThan(200);
  });

  it('says no to a token anywhere, a Date, an object of a class and undefined in an array', () => {
    const lazy = () => Lazy.stringValue({ produce: () => 'a' });
    const refused = [
      { resource: { x: { name: Token.asString(lazy()) } } },
      { resource: { x: { ports: [Token.asNumber(Lazy.numberValue({ produce: () => 1 }))] } } },
      { resource: { x: { tags: Token.asStringMap(Lazy.anyValue({ produce: () => ({ a: 'b' }) })) } } },
      { resource: { x: { list: Token.asList(Lazy.listValue({ produce: () => ['a'] })) } } },
      { resource: { x: { [Token.asString(lazy())]: 'key is a token' } } },
      { resource: { x: { value: lazy() } } },
      { when: new Date(0) },
      { list: ['a', undefined] },
      // A number in cdktf's number-token range, which resolve() refuses (found by the property above).
      { '': { '': [-1.8881545897087498e289] } },
    ];
    for (const tree of refused) expect({ tree, accepted: check(tree) }).toEqual({ tree, accepted: false });
  });

  it('never changes an object inside an array (it may be an override the user holds)', () => {
    const override = { b: undefined, c: 'd' };
    const tree = { a: [override], metadata: { cloud: undefined, backend: 'local' } };
    expect(check(tree)).toBe(false);
    expect(Object.keys(override)).toEqual(['b', 'c']);
    const plain = { metadata: { cloud: undefined, backend: 's3' }, list: [{ c: 'd' }] };
    expect(check(plain)).toBe(true);
    expect(plain).toStrictEqual({ metadata: { backend: 's3' }, list: [{ c: 'd' }] });
  });
});
