import * as os from 'node:os';
import { SYNTH_WORKERS_VARIABLE, synthWorkers } from './synth-workers';

describe('PLATFORM_SYNTH_WORKERS', () => {
  const script = '/bundle/main.js';
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const pool = (value: string | undefined, jobs: number) => synthWorkers(jobs, value === undefined ? {} : { [SYNTH_WORKERS_VARIABLE]: value }, script);

  it('auto: serial for a few stacks, a thread per core from a dozen stacks on', () => {
    expect(pool(undefined, 8)).toBeUndefined();
    expect(pool('auto', 11)).toBeUndefined();
    expect(pool(undefined, 1000)?.count ?? 1).toBe(cores);
    if (cores >= 2) expect(pool(undefined, 12)).toEqual({ script, count: 2 });
  });

  it('a number: that many threads, never more than the stacks; 0 and 1 are serial', () => {
    expect(pool('3', 20)).toEqual({ script, count: 3 });
    expect(pool('4', 2)).toEqual({ script, count: 2 });
    expect(pool('1', 50)).toBeUndefined();
    expect(pool('0', 50)).toBeUndefined();
  });

  it('serial outside a bundle (ts-node, Jest), whatever the setting', () => {
    // The script defaults to this module's file, here a .ts file.
    expect(synthWorkers(50, { [SYNTH_WORKERS_VARIABLE]: '4' })).toBeUndefined();
  });

  it('refuses what is no count', () => {
    expect(() => pool('two', 50)).toThrow(/PLATFORM_SYNTH_WORKERS must be "auto" or a number/);
    expect(() => pool('-1', 50)).toThrow(/PLATFORM_SYNTH_WORKERS/);
  });
});
