/**
 * S3-003: buckets block every form of public access (all four public access block settings).
 * Equivalents: Checkov CKV2_AWS_6 and CKV_AWS_53/54/55/56, Security Hub S3.8.
 */
import { isTrue, referencing } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

export const s3003: PolicyRule = {
  id: 'S3-003',
  description: 'S3 buckets have an aws_s3_bucket_public_access_block with all four settings true',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_s3_bucket'],
  equivalents: ['Checkov CKV2_AWS_6, CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56', 'Security Hub S3.8'],
  check: (bucket, context) => {
    const blocks = referencing(context, 'aws_s3_bucket_public_access_block', 'bucket', bucket);
    if (blocks.length === 0) return nonCompliant('no aws_s3_bucket_public_access_block for this bucket');
    const missing = SETTINGS.filter((setting) => !blocks.some((b) => isTrue(b.config[setting])));
    return missing.length > 0 ? nonCompliant(`${missing.join(', ')} not true`) : compliant();
  },
};
