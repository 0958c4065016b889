import { expectCompliant, expectViolation, res } from '../test-support';
import { ecr001 } from './ecr-001';

describe('ECR-001 immutable tags', () => {
  it('passes an immutable repository', () => expectCompliant(ecr001, res('aws_ecr_repository', 'r', { image_tag_mutability: 'IMMUTABLE' })));
  it('fails the mutable default', () => expectViolation(ecr001, res('aws_ecr_repository', 'r', {}), /MUTABLE/));
});
