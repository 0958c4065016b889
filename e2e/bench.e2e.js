'use strict';
/**
 * `npm run bench` (README "Speed", docs/performance.md "The bench"), run as a user types it on
 * a scratch copy: with a scale workspace (four environments here, fifty in the docs: the same
 * flags, a smaller number) and --check. What is checked is what it prints and its exit code,
 * never a figure: tests do not time things. --check exits 1 exactly when a target line says
 * MISSED.
 */
const { REPOSITORY_ROOT, createScratchRepository, removeScratch, sh } = require('./support/scratch');

describe('npm run bench', () => {
  let root;
  let result;
  beforeAll(() => {
    root = createScratchRepository('bench-');
    result = sh(root, 'npm run bench -- --environments 4 --skip-tests --runs 1 --check');
  });
  afterAll(() => removeScratch(root));

  it('prints each section the docs describe, every figure in seconds and megabytes', () => {
    const out = result.stdout;
    for (const heading of ['Start-up floor', 'Committed workspace', 'CDKTF CLI', 'Scale: 4 environments', 'Growth per added environment', 'Targets (the 2-core reference machine)']) {
      expect([heading, out.includes(`\n${heading}`)]).toEqual([heading, true]);
    }
    expect(out).toMatch(/^ {2}node -e 0 +\d+\.\d\d s( \(.+\))?, peak \d+ MB$/m);
    expect(out).toMatch(/^ {2}synth, all \d+ stacks \(3 environments\), auto, median +\d+\.\d\d s.*, \d+ ms per stack$/m);
    expect(out).toMatch(/^ {2}synth, all stacks, CDKTF template's way \(npx ts-node\), once \d+\.\d\d s, peak \d+ MB$/m);
    expect(out).toMatch(/^ {2}speed-up over ts-node +\d+\.\dx$/m);
    expect(out).toMatch(/^ {2}npx cdktf synth \(all stacks\) +\d+\.\d\d s, peak \d+ MB$/m);
    expect(out).toMatch(/^ {2}before Terraform: nx run staging:diff\/deploy +\d+\.\d\d s/m);
    expect(out).toMatch(/^ {2}nx run-many -t synth, cached rerun +\d+\.\d\d s/m);
    expect(out).toMatch(/^ {2}synth, all stacks +-?\d+ ms$/m);
  });

  it('ends with the four targets, each met or missed with its figures, and --check exits 1 exactly when one is missed', () => {
    const targets = result.stdout.slice(result.stdout.indexOf('\nTargets')).split('\n').filter((line) => /^ {2}\S/.test(line));
    expect(targets).toHaveLength(4);
    for (const line of targets) expect(line).toMatch(/ (met|MISSED): \S/);
    const missed = targets.some((line) => line.includes('MISSED:'));
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: missed ? 1 : 0 });
  });
});

describe('npm run bench, bad arguments', () => {
  it('refuses a scale no larger than the workspace in one line, exit 2, before measuring anything', () => {
    const result = sh(REPOSITORY_ROOT, 'npm run --silent bench -- --environments 2');
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^bench: --environments 2: the workspace has \d+ environments already; give more/);
  });
});
