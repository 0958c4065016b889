import { expectCompliant, expectViolation, policy, res } from '../test-support';
import { iam003 } from './iam-003';

describe('IAM-003 no administrator access', () => {
  it('passes a read-only attachment', () =>
    expectCompliant(iam003, res('aws_iam_role_policy_attachment', 'a', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })));
  it('passes a scoped policy', () =>
    expectCompliant(iam003, res('aws_iam_policy', 'p', { policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) })));
  it('fails an AdministratorAccess attachment', () =>
    expectViolation(iam003, res('aws_iam_role_policy_attachment', 'a', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }), /AdministratorAccess/));
  it('fails AdministratorAccess in managed_policy_arns', () =>
    expectViolation(iam003, res('aws_iam_role', 'r', { managed_policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }), /AdministratorAccess/));
  it('fails "*" on "*"', () =>
    expectViolation(iam003, res('aws_iam_policy', 'p', { policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) }), /allows "\*" on "\*"/));
});
