import { expectCompliant, expectViolation, res } from '../test-support';
import { ddb002 } from './ddb-002';

describe('DDB-002 KMS encryption', () => {
  it('passes a customer managed key', () =>
    expectCompliant(ddb002, res('aws_dynamodb_table', 't', { server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.k.arn}' } })));
  it('fails the AWS owned key', () => expectViolation(ddb002, res('aws_dynamodb_table', 't', {}), /not enabled/));
  it('fails the AWS managed key', () => expectViolation(ddb002, res('aws_dynamodb_table', 't', { server_side_encryption: [{ enabled: true }] }), /AWS managed key/));
  it('fails the AWS managed key named explicitly', () =>
    expectViolation(ddb002, res('aws_dynamodb_table', 't', { server_side_encryption: { enabled: true, kms_key_arn: 'arn:aws:kms:eu-central-1:123456789012:alias/aws/dynamodb' } }), /AWS managed key/));
  it("checks each replica's key", () => {
    const sse = { enabled: true, kms_key_arn: '${aws_kms_key.k.arn}' };
    expectCompliant(ddb002, res('aws_dynamodb_table', 't', { server_side_encryption: sse, replica: [{ region_name: 'eu-west-1', kms_key_arn: '${aws_kms_key.west.arn}' }] }));
    expectViolation(ddb002, res('aws_dynamodb_table', 't', { server_side_encryption: sse, replica: [{ region_name: 'eu-west-1' }] }), /replicas in eu-west-1/);
    expectViolation(ddb002, res('aws_dynamodb_table_replica', 'r', {}), /uses the AWS managed key/);
  });
});
