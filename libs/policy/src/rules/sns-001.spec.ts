import { expectCompliant, expectViolation, res } from '../test-support';
import { sns001 } from './sns-001';

describe('SNS-001 topic encryption', () => {
  it('passes a KMS-encrypted topic', () => expectCompliant(sns001, res('aws_sns_topic', 't', { kms_master_key_id: '${aws_kms_key.k.arn}' })));
  it('fails a plain topic', () => expectViolation(sns001, res('aws_sns_topic', 't', {}), /kms_master_key_id/));
});
