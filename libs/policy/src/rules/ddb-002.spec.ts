import { expectCompliant, expectViolation, res } from '../test-support';
import { ddb002 } from './ddb-002';

describe('DDB-002 KMS encryption', () => {
  it('passes a customer managed key', () =>
    expectCompliant(ddb002, res('aws_dynamodb_table', 't', { server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.k.arn}' } })));
  it('fails the AWS owned key', () => expectViolation(ddb002, res('aws_dynamodb_table', 't', {}), /not enabled/));
  it('fails the AWS managed key', () => expectViolation(ddb002, res('aws_dynamodb_table', 't', { server_side_encryption: [{ enabled: true }] }), /AWS managed key/));
});
