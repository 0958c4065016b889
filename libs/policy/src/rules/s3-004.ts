/**
 * S3-004: buckets refuse plain HTTP: the bucket policy denies every request with
 * aws:SecureTransport false.
 * Equivalents: cdk-nag AwsSolutions-S10, Security Hub S3.5.
 */
import { strings, referencing } from '../support/attributes';
import { parsePolicy } from '../support/iam';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const s3004: PolicyRule = {
  id: 'S3-004',
  description: 'S3 bucket policies deny requests without TLS (aws:SecureTransport false)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_s3_bucket'],
  equivalents: ['cdk-nag AwsSolutions-S10', 'Security Hub S3.5'],
  check: (bucket, context) => {
    const denies = referencing(context, 'aws_s3_bucket_policy', 'bucket', bucket).some((policy) => {
      const parsed = parsePolicy(policy.config.policy);
      return (
        parsed.ok &&
        parsed.statements.some(
          (statement) =>
            statement.effect === 'Deny' &&
            (statement.actions.includes('*') || statement.actions.includes('s3:*')) &&
            strings(statement.condition.Bool?.['aws:SecureTransport']).includes('false'),
        )
      );
    });
    return denies ? compliant() : nonCompliant('no bucket policy denies requests with aws:SecureTransport false');
  },
};
