import { expectCompliant, expectViolation, ref, res } from '../test-support';
import { s3002 } from './s3-002';

describe('S3-002 SSE-KMS', () => {
  const bucket = res('aws_s3_bucket', 'b', {});
  const sse = (algorithm: string, key?: string) =>
    res('aws_s3_bucket_server_side_encryption_configuration', 'e', {
      bucket: ref(bucket),
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: algorithm, kms_master_key_id: key } }],
    });
  it('passes SSE-KMS with a key', () => expectCompliant(s3002, bucket, [sse('aws:kms', '${aws_kms_key.k.arn}')]));
  it('fails SSE-S3', () => expectViolation(s3002, bucket, /aws:kms/, [sse('AES256')]));
});
