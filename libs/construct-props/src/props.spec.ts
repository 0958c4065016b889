import { Construct } from 'constructs';
import { App, TerraformStack } from 'cdktf';
import { logRetentionProblem } from './log-retention';
import { assertValidProps, formatPropPath, InvalidPropsError, propProblem, underPath } from './props';

describe('formatPropPath', () => {
  it('writes the definition notation', () => {
    expect(formatPropPath(['services', 0, 'healthCheck', 'path'])).toBe('services[0].healthCheck.path');
    expect(formatPropPath([])).toBe('');
    expect(formatPropPath(['cpu'])).toBe('cpu');
  });
});

describe('underPath', () => {
  it('moves problems under a prefix', () => {
    expect(underPath(['services', 1], [propProblem(['cpu'], 'too small')])).toEqual([{ path: ['services', 1, 'cpu'], message: 'too small' }]);
  });
});

describe('assertValidProps', () => {
  const scope = (): Construct => new Construct(new TerraformStack(new App(), 'stack'), 'web');

  it('returns without problems', () => {
    expect(() => assertValidProps(scope(), [])).not.toThrow();
  });

  it('lists every problem with the construct path', () => {
    const thrown = (() => {
      try {
        assertValidProps(scope(), [propProblem(['cpu'], 'is not a Fargate size'), propProblem([], 'needs an image')]);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(InvalidPropsError);
    expect((thrown as Error).message).toBe('stack/web: 2 invalid props\n  cpu: is not a Fargate size\n  (props): needs an image');
    expect((thrown as InvalidPropsError).problems).toHaveLength(2);
  });
});

describe('logRetentionProblem', () => {
  it('accepts the periods CloudWatch Logs offers and names them otherwise', () => {
    expect(logRetentionProblem(365)).toBeUndefined();
    expect(logRetentionProblem(45)).toBe(
      '45 days is not a retention period CloudWatch Logs offers; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
    );
  });
});
