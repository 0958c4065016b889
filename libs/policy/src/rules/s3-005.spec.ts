import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { s3005 } from './s3-005';

const bucket = res('aws_s3_bucket', 'logs', { bucket: 'logs' });
const part = (type: string, name: string, dependsOn: string[] = []) => res(type, name, { bucket: ref(bucket), depends_on: dependsOn });

describe('S3-005 bucket configuration in a chain', () => {
  const ownership = part('aws_s3_bucket_ownership_controls', 'o');
  it('passes sub-resources that wait for one another', () => {
    const access = part('aws_s3_bucket_public_access_block', 'p', [ownership.address]);
    const encryption = part('aws_s3_bucket_server_side_encryption_configuration', 'e', [access.address]);
    expectCompliant(s3005, bucket, [ownership, access, encryption]);
  });
  it('fails two sub-resources S3 would get at once', () => {
    const access = part('aws_s3_bucket_public_access_block', 'p', [ownership.address]);
    const policyPart = part('aws_s3_bucket_policy', 'x', [ownership.address]);
    expectViolation(s3005, bucket, /aws_s3_bucket_public_access_block\.p and aws_s3_bucket_policy\.x/, [ownership, access, policyPart]);
  });
  it('is not applicable to a bucket with one sub-resource', () => expectNotApplicable(s3005, bucket, [ownership]));
});
