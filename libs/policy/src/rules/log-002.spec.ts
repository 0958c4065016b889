import { expectCompliant, expectViolation, res } from '../test-support';
import { log002 } from './log-002';

describe('LOG-002 log group encryption', () => {
  it('passes a KMS-encrypted group', () => expectCompliant(log002, res('aws_cloudwatch_log_group', 'g', { kms_key_id: '${aws_kms_key.k.arn}' })));
  it('fails a group without key', () => expectViolation(log002, res('aws_cloudwatch_log_group', 'g', {}), /kms_key_id/));
});
