/**
 * S3-001: buckets are versioned (state history survives a bad write).
 * Equivalents: Checkov CKV_AWS_21, cdk-nag NIST.800.53.R5 S3BucketVersioningEnabled.
 */
import { block, referencing } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const s3001: PolicyRule = {
  id: 'S3-001',
  description: 'S3 buckets have versioning Enabled (aws_s3_bucket_versioning)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_s3_bucket'],
  equivalents: ['Checkov CKV_AWS_21', 'cdk-nag NIST.800.53.R5 S3BucketVersioningEnabled'],
  check: (bucket, context) =>
    referencing(context, 'aws_s3_bucket_versioning', 'bucket', bucket).some(
      (versioning) => block(versioning.config.versioning_configuration)?.status === 'Enabled',
    )
      ? compliant()
      : nonCompliant('no aws_s3_bucket_versioning with status Enabled for this bucket'),
};
