import { SYNTH_WORKERS_VARIABLE, synthWorkers } from './synth-workers';

describe('PLATFORM_SYNTH_WORKERS', () => {
  const script = '/bundle/main.js';
  const pool = (value: string | undefined, jobs: number, idleCores = 2) =>
    synthWorkers(jobs, value === undefined ? {} : { [SYNTH_WORKERS_VARIABLE]: value }, script, idleCores);

  it('auto: serial for a few stacks, a thread per idle core from a dozen stacks on', () => {
    expect(pool(undefined, 8)).toBeUndefined();
    expect(pool('auto', 11)).toBeUndefined();
    expect(pool(undefined, 12)).toEqual({ script, count: 2 });
    expect(pool(undefined, 1000)).toEqual({ script, count: 2 });
    expect(pool(undefined, 1000, 4)).toEqual({ script, count: 4 });
    expect(pool(undefined, 30, 4)).toEqual({ script, count: 3 });
    // A busy machine: no idle core, serial.
    expect(pool(undefined, 1000, 1)).toBeUndefined();
  });

  it('a number is obeyed whatever the load', () => {
    expect(pool('2', 50, 1)).toEqual({ script, count: 2 });
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
