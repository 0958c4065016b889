import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { kms001 } from './kms-001';

describe('KMS-001 key rotation', () => {
  it('passes a rotating key', () => expectCompliant(kms001, res('aws_kms_key', 'k', { enable_key_rotation: true })));
  it('is not applicable to asymmetric keys', () => expectNotApplicable(kms001, res('aws_kms_key', 'k', { customer_master_key_spec: 'RSA_2048' })));
  it('fails a key without rotation', () => expectViolation(kms001, res('aws_kms_key', 'k', {}), /enable_key_rotation/));
});
