import { expectCompliant, expectViolation, res } from '../test-support';
import { ecr003 } from './ecr-003';

describe('ECR-003 KMS encryption', () => {
  it('passes a customer managed key', () =>
    expectCompliant(ecr003, res('aws_ecr_repository', 'r', { encryption_configuration: [{ encryption_type: 'KMS', kms_key: '${aws_kms_key.k.arn}' }] })));
  it('fails AES256', () => expectViolation(ecr003, res('aws_ecr_repository', 'r', {}), /not KMS/));
  it('fails KMS without a key', () => expectViolation(ecr003, res('aws_ecr_repository', 'r', { encryption_configuration: { encryption_type: 'KMS' } }), /AWS managed key/));
});
