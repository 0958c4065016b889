import { Lazy } from 'cdktf';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from './synthesize';
import { scratchWorkspace } from './testing';
import { setTokenStackTraces, TOKEN_STACK_TRACES_OFF, tokenStackTracesEnabled } from './token-stack-traces';

/** Every file of a synthesis output, relative path to bytes. */
function outputFiles(outdir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else files.set(path.relative(outdir, file), fs.readFileSync(file));
    }
  };
  visit(outdir);
  return files;
}

describe('token stack traces', () => {
  const initially = tokenStackTracesEnabled();
  afterEach(() => setTokenStackTraces(initially));

  it('are recorded for every token only when on', () => {
    setTokenStackTraces(true);
    const traced = Lazy.anyValue({ produce: () => 'x' });
    expect((traced as unknown as { creationStack: string[] }).creationStack.length).toBeGreaterThan(1);
    setTokenStackTraces(false);
    const untraced = Lazy.anyValue({ produce: () => 'x' }) as unknown as { creationStack: string[] };
    expect(untraced.creationStack).toEqual([...TOKEN_STACK_TRACES_OFF]);
    expect(untraced.creationStack[0]).toContain('PLATFORM_TOKEN_STACK_TRACES=1');
  });

  it('change no byte of the output: every cdk.tf.json and manifest.json of every stack', () => {
    const root = scratchWorkspace();
    try {
      setTokenStackTraces(true);
      const withTraces = synthesize({ root, outdir: path.join(root, 'with') });
      setTokenStackTraces(false);
      const without = synthesize({ root, outdir: path.join(root, 'without') });
      expect(without.synthesized).toEqual(withTraces.synthesized);
      expect(without.synthesized.length).toBeGreaterThanOrEqual(5);
      const a = outputFiles(path.join(root, 'with'));
      const b = outputFiles(path.join(root, 'without'));
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      expect([...a.keys()]).toContain('manifest.json');
      expect([...a.keys()].filter((file) => file.endsWith('cdk.tf.json'))).toHaveLength(withTraces.synthesized.length);
      for (const [file, bytes] of a) expect({ file, same: bytes.equals(b.get(file) as Buffer) }).toEqual({ file, same: true });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
