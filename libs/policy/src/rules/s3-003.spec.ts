import { expectCompliant, expectViolation, ref, res } from '../test-support';
import { s3003 } from './s3-003';

describe('S3-003 public access block', () => {
  const bucket = res('aws_s3_bucket', 'b', {});
  const all = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
  it('passes all four settings', () => expectCompliant(s3003, bucket, [res('aws_s3_bucket_public_access_block', 'p', { bucket: ref(bucket), ...all })]));
  it('fails a missing setting', () =>
    expectViolation(s3003, bucket, /restrict_public_buckets/, [res('aws_s3_bucket_public_access_block', 'p', { bucket: ref(bucket), ...all, restrict_public_buckets: false })]));
  it('fails a bucket without a block', () => expectViolation(s3003, bucket, /no aws_s3_bucket_public_access_block/));
});
