import { BACKEND_TYPE } from '../stack-view';
import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { state001 } from './state-001';

const backend = (type: string, config: Record<string, unknown>) => ({ ...res(BACKEND_TYPE, type, config), address: `terraform.backend.${type}` });

describe('STATE-001 backend encryption names a key', () => {
  it('passes an S3 backend with encrypt and a KMS key', () =>
    expectCompliant(state001, backend('s3', { bucket: 'b', key: 'k', encrypt: true, kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/state' })));
  it('fails encrypt without a key: AES256 overrides the bucket default', () =>
    expectViolation(state001, backend('s3', { bucket: 'b', key: 'k', encrypt: true }), /without kms_key_id/));
  it('fails encryption off', () => expectViolation(state001, backend('s3', { bucket: 'b', key: 'k' }), /encrypt is not true/));
  it('is not applicable to a local backend', () => expectNotApplicable(state001, backend('local', { path: 'x.tfstate' })));
});
