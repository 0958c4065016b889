/**
 * S3-002: buckets encrypt with SSE-KMS by default (a customer managed key).
 * Equivalents: Checkov CKV_AWS_145 (encrypted with KMS by default), cdk-nag NIST.800.53.R5
 * S3DefaultEncryptionKMS.
 */
import { block, blocks, referencing } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const s3002: PolicyRule = {
  id: 'S3-002',
  description: 'S3 buckets default to SSE-KMS encryption with a key (aws_s3_bucket_server_side_encryption_configuration)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_s3_bucket'],
  equivalents: ['Checkov CKV_AWS_145', 'cdk-nag NIST.800.53.R5 S3DefaultEncryptionKMS'],
  check: (bucket, context) => {
    const rules = referencing(context, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket', bucket).flatMap((config) =>
      blocks(config.config.rule),
    );
    const kms = rules.some((rule) => {
      const defaults = block(rule.apply_server_side_encryption_by_default);
      return String(defaults?.sse_algorithm ?? '').startsWith('aws:kms') && Boolean(defaults?.kms_master_key_id);
    });
    return kms ? compliant() : nonCompliant('no default encryption with sse_algorithm aws:kms and a kms_master_key_id');
  },
};
