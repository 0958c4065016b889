import { expectCompliant, expectViolation, res } from '../test-support';
import { ecr002 } from './ecr-002';

describe('ECR-002 scan on push', () => {
  it('passes scan on push', () => expectCompliant(ecr002, res('aws_ecr_repository', 'r', { image_scanning_configuration: { scan_on_push: true } })));
  it('fails without it', () => expectViolation(ecr002, res('aws_ecr_repository', 'r', { image_scanning_configuration: [{ scan_on_push: false }] }), /scan_on_push/));
});
