import { expectCompliant, expectNotApplicable, expectViolation, policy, res } from '../test-support';
import { iam005 } from './iam-005';

const trust = (principal: Record<string, unknown>) => policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });

describe('IAM-005 workload roles have a permissions boundary', () => {
  it('passes a task role with the workload boundary', () =>
    expectCompliant(
      iam005,
      res('aws_iam_role', 'task', { assume_role_policy: trust({ Service: 'ecs-tasks.amazonaws.com' }), permissions_boundary: 'arn:aws:iam::1:policy/acme-workload-boundary' }),
    ));
  it('fails a task role without one', () =>
    expectViolation(iam005, res('aws_iam_role', 'task', { assume_role_policy: trust({ Service: 'ecs-tasks.amazonaws.com' }) }), /assumed by ecs-tasks\.amazonaws\.com without a permissions_boundary/));
  it('is not applicable to roles people assume', () =>
    expectNotApplicable(iam005, res('aws_iam_role', 'admin', { assume_role_policy: trust({ AWS: 'arn:aws:iam::1:root' }) })));
});
