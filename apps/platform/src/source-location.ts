/**
 * Where in the user's own source an error was thrown. Synthesis runs from an esbuild bundle
 * with source maps off (they would slow every token's stack trace, docs/performance.md), so a
 * stack frame names `dist/platform/<hash>/main.js:<line>:<column>`; only when something
 * fails is the bundle's map read to turn that frame back into `environments/prod/stack.ts:12:5`.
 */
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SourceLocation {
  /** Absolute path. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `at fn (file:line:col)` or `at file:line:col`. */
const FRAME = /^at (?:.*? \()?((?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?$/;

const maps = new Map<string, TraceMap | undefined>();

function mapOf(generated: string): TraceMap | undefined {
  if (!maps.has(generated)) {
    const mapFile = `${generated}.map`;
    maps.set(generated, fs.existsSync(mapFile) ? new TraceMap(fs.readFileSync(mapFile, 'utf8'), mapFile) : undefined);
  }
  return maps.get(generated);
}

/** The frames of a stack trace as source locations, bundle positions mapped back to sources. */
export function stackLocations(error: unknown): SourceLocation[] {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const locations: SourceLocation[] = [];
  for (const text of stack.split('\n').slice(1)) {
    const frame = FRAME.exec(text.trim());
    if (!frame) continue;
    const file = frame[1].replace(/^file:\/\//, '');
    const line = Number(frame[2]);
    const column = Number(frame[3]);
    const map = file.endsWith('.js') ? mapOf(file) : undefined;
    if (!map) {
      locations.push({ file, line, column });
      continue;
    }
    // Source map columns are 0-based, stack trace columns 1-based.
    const original = originalPositionFor(map, { line, column: column - 1 });
    if (original.source && original.line !== null) {
      const source = original.source.startsWith('file://') ? original.source.slice('file://'.length) : original.source;
      locations.push({ file: path.resolve(path.dirname(file), source), line: original.line, column: (original.column ?? 0) + 1 });
    }
  }
  return locations;
}

/** The first frame of `error` in a file `accept` admits (the innermost user code), if any. */
export function userSourceLocation(error: unknown, accept: (file: string) => boolean): SourceLocation | undefined {
  return stackLocations(error).find((location) => accept(location.file));
}
