'use strict';
/**
 * The resolve shortcut of the app bundle (build.js cdktfResolveShortcut): every value it lets
 * through unresolved is one cdktf's own resolve() returns unchanged, and no token, list token,
 * map token or placeholder is ever let through. (The whole output, shortcut on and off, is
 * compared byte for byte in workers.spec.js.)
 */
const fc = require('fast-check');
const { App, Lazy, TerraformStack, Token } = require('cdktf');
const { resolve } = require('cdktf/lib/tokens/private/resolve');
const { DefaultTokenResolver, StringConcat } = require('cdktf/lib/tokens/resolvable');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { IS_PLAIN_VALUE } = require('./build');

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
