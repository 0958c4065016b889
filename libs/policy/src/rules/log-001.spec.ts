import { expectCompliant, expectViolation, res } from '../test-support';
import { log001 } from './log-001';

describe('LOG-001 log retention', () => {
  it('passes a year in production', () => expectCompliant(log001, res('aws_cloudwatch_log_group', 'g', { retention_in_days: 365 })));
  it('passes 30 days outside production', () => expectCompliant(log001, res('aws_cloudwatch_log_group', 'g', { retention_in_days: 30 }), [], 'non-production'));
  it('fails 30 days in production', () => expectViolation(log001, res('aws_cloudwatch_log_group', 'g', { retention_in_days: 30 }), /at least 365/));
  it('fails no retention in any tier', () =>
    expectViolation(log001, res('aws_cloudwatch_log_group', 'g', {}), /never expire/, [], 'non-production'));
});
