/**
 * STATE-001: an S3 backend that encrypts state names the KMS key. With `encrypt` alone,
 * Terraform asks S3 for SSE-S3 (AES256) on every write, which overrides the bucket's default
 * SSE-KMS encryption: anyone allowed s3:GetObject on the bucket then reads state without any
 * KMS permission. Encryption off is refused too.
 * Equivalents: Checkov CKV_AWS_145 (S3 encrypted with KMS by default), in spirit; no scanner
 * checks the backend block itself.
 */
import { isTrue } from '../support/attributes';
import { BACKEND_TYPE } from '../stack-view';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const state001: PolicyRule = {
  id: 'STATE-001',
  description: 'An S3 backend encrypts state with a named KMS key (encrypt and kms_key_id)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [BACKEND_TYPE],
  equivalents: ['Checkov CKV_AWS_145 (for the bucket; the backend block has no scanner check)'],
  check: (backend) => {
    if (backend.name !== 's3') return notApplicable();
    if (!isTrue(backend.config.encrypt)) return nonCompliant('encrypt is not true: state is written unencrypted or with the bucket default only');
    const key = backend.config.kms_key_id;
    if (typeof key !== 'string' || key === '') {
      return nonCompliant('encrypt without kms_key_id: Terraform then asks for SSE-S3 (AES256), which overrides the bucket\'s KMS default encryption');
    }
    return compliant();
  },
};
