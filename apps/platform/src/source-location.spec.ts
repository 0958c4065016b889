import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stackLocations, userSourceLocation } from './source-location';

describe('userSourceLocation', () => {
  it('maps a frame of an esbuild bundle back to the TypeScript line that threw', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-location-'));
    const source = path.join(dir, 'environments', 'prod', 'stack.ts');
    fs.mkdirSync(path.dirname(source), { recursive: true });
    fs.writeFileSync(
      source,
      ['export function extend(services: Record<string, { name: string }>): string {', '  const wanted = "checkout";', '  return services[wanted].name;', '}', ''].join('\n'),
    );
    const bundle = path.join(dir, 'dist', 'main.js');
    buildSync({ entryPoints: [source], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', sourcemap: true, logLevel: 'silent' });
    const { extend } = require(bundle) as { extend: (services: Record<string, { name: string }>) => string };
    let thrown: unknown;
    try {
      extend({});
    } catch (error) {
      thrown = error;
    }
    expect(stackLocations(thrown)[0].file).toBe(source);
    expect(userSourceLocation(thrown, (file) => file.includes(`${path.sep}environments${path.sep}`))).toEqual({ file: source, line: 3, column: 27 });
  });

  it('keeps frames of files without a map as they are, and finds nothing in a non-error', () => {
    const error = new Error('x');
    error.stack = 'Error: x\n    at extend (/repo/environments/dev/stack.ts:4:9)\n    at /repo/node_modules/cdktf/lib/app.js:1:1';
    expect(userSourceLocation(error, (file) => file.includes('/environments/'))).toEqual({ file: '/repo/environments/dev/stack.ts', line: 4, column: 9 });
    error.stack = 'Error: x\n    at /repo/environments/dev/stack.ts:7:3\n    at Object.<anonymous> (/repo/node_modules/cdktf/lib/app.js:1:1)';
    expect(userSourceLocation(error, (file) => file.includes('/environments/'))).toEqual({ file: '/repo/environments/dev/stack.ts', line: 7, column: 3 });
    expect(userSourceLocation('not an error', () => true)).toBeUndefined();
  });
});
