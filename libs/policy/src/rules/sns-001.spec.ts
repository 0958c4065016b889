import { expectCompliant, expectViolation, res } from '../test-support';
import { sns001 } from './sns-001';

describe('SNS-001 KMS encryption with a customer managed key', () => {
  it('passes a customer managed key', () => expectCompliant(sns001, res('aws_sns_topic', 't', { kms_master_key_id: '${aws_kms_key.alerts.arn}' })));
  it('fails a topic without a key', () => expectViolation(sns001, res('aws_sns_topic', 't', {}), /kms_master_key_id is not set/));
  it('fails the AWS managed key, which AWS services cannot publish through', () => {
    expectViolation(sns001, res('aws_sns_topic', 't', { kms_master_key_id: 'alias/aws/sns' }), /AWS managed alias\/aws\/sns/);
    expectViolation(sns001, res('aws_sns_topic', 't', { kms_master_key_id: 'arn:aws:kms:eu-central-1:123456789012:alias/aws/sns' }), /CloudWatch alarms/);
  });
});
