/**
 * CDKTF records a full stack trace (`Error.captureStackTrace` with an unlimited
 * `Error.stackTraceLimit`, then formatted and split by V8) for every token it creates: every
 * `Lazy`, intrinsic, dynamic block and computed list, thousands per stack. The trace is used only
 * in the message of a token that fails to resolve ("Object creation stack: ..."); it never reaches
 * the synthesized JSON. It costs about 15 % of a synthesis (docs/performance.md).
 *
 * So the platform app turns it off unless asked: `PLATFORM_TOKEN_STACK_TRACES=1` keeps CDKTF's
 * behaviour, for debugging a resolution error. With it off, such an error's creation stack is one
 * line saying how to turn them on. The output is byte-identical either way (a test compares every
 * file of a full synthesis).
 */
// The module's own exports object (an `import * as` namespace may be a read-only copy in a bundle).
import stackTrace = require('cdktf/lib/tokens/private/stack-trace');

/** Set to `1` to record where each token was created (CDKTF's default). */
export const TOKEN_STACK_TRACES_VARIABLE = 'PLATFORM_TOKEN_STACK_TRACES';

/** What a token's creation stack says while recording is off. */
export const TOKEN_STACK_TRACES_OFF: readonly string[] = Object.freeze([
  `(token stack traces are off: run with ${TOKEN_STACK_TRACES_VARIABLE}=1 to record where each token was created)`,
]);

type Capture = (below?: unknown) => string[];
const exportsOfCdktf = stackTrace as unknown as { captureStackTrace: Capture };
const original: Capture = exportsOfCdktf.captureStackTrace;
const off: Capture = () => TOKEN_STACK_TRACES_OFF as string[];

/**
 * Turns CDKTF's token stack traces on or off for this process (this thread). cdktf's modules
 * call `stack_trace_1.captureStackTrace(...)` through the module's exports object each time, so
 * replacing the export reaches every caller, loaded before or after.
 */
export function setTokenStackTraces(enabled: boolean): void {
  exportsOfCdktf.captureStackTrace = enabled ? original : off;
}

export function tokenStackTracesEnabled(): boolean {
  return exportsOfCdktf.captureStackTrace === original;
}

/** On only when `PLATFORM_TOKEN_STACK_TRACES=1`. */
export function configureTokenStackTraces(env: NodeJS.ProcessEnv = process.env): void {
  setTokenStackTraces(env[TOKEN_STACK_TRACES_VARIABLE] === '1');
}
