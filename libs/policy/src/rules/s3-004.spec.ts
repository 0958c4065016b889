import { expectCompliant, expectViolation, policy, ref, res } from '../test-support';
import { s3004 } from './s3-004';

describe('S3-004 TLS-only bucket policy', () => {
  const bucket = res('aws_s3_bucket', 'b', {});
  it('passes a policy denying insecure transport', () =>
    expectCompliant(s3004, bucket, [
      res('aws_s3_bucket_policy', 'p', {
        bucket: ref(bucket),
        policy: policy({ Effect: 'Deny', Principal: '*', Action: '*', Resource: ['${aws_s3_bucket.b.arn}'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      }),
    ]));
  it('fails a bucket without such a policy', () =>
    expectViolation(s3004, bucket, /aws:SecureTransport/, [
      res('aws_s3_bucket_policy', 'p', { bucket: ref(bucket), policy: policy({ Effect: 'Allow', Principal: { AWS: 'x' }, Action: 's3:GetObject', Resource: '*' }) }),
    ]));
});
