import { expectCompliant, expectViolation, ref, res } from '../test-support';
import { s3001 } from './s3-001';

describe('S3-001 versioning', () => {
  const bucket = res('aws_s3_bucket', 'b', { bucket: 'state' });
  it('passes a versioned bucket', () =>
    expectCompliant(s3001, bucket, [res('aws_s3_bucket_versioning', 'v', { bucket: ref(bucket), versioning_configuration: { status: 'Enabled' } })]));
  it('fails a suspended one', () =>
    expectViolation(s3001, bucket, /status Enabled/, [res('aws_s3_bucket_versioning', 'v', { bucket: ref(bucket), versioning_configuration: { status: 'Suspended' } })]));
});
