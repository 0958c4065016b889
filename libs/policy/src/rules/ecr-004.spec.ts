import { expectCompliant, expectViolation, ref, res } from '../test-support';
import { ecr004 } from './ecr-004';

describe('ECR-004 lifecycle policy', () => {
  const repository = res('aws_ecr_repository', 'r', {});
  it('passes a repository with a lifecycle policy', () =>
    expectCompliant(ecr004, repository, [res('aws_ecr_lifecycle_policy', 'p', { repository: ref(repository, 'name'), policy: '{}' })]));
  it('fails one without', () => expectViolation(ecr004, repository, /no aws_ecr_lifecycle_policy/));
});
