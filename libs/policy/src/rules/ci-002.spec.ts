import { expectCompliant, expectNotApplicable, expectViolation, policy, ref, res } from '../test-support';
import { ci002 } from './ci-002';

const provider = res('aws_iam_openid_connect_provider', 'github', { url: 'https://token.actions.githubusercontent.com' });
const role = (subjects: string[]) =>
  res('aws_iam_role', 'plan', {
    name: 'plan',
    assume_role_policy: policy({
      Effect: 'Allow',
      Principal: { Federated: ref(provider, 'arn') },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': subjects } },
    }),
  });
const plan = role(['repo:acme/infra:pull_request']);
const inline = (...statements: Record<string, unknown>[]) => res('aws_iam_role_policy', 'reads', { role: ref(plan), policy: policy(...statements) });

describe('CI-002 pull-request roles read no data', () => {
  it('passes metadata reads and the own state object', () =>
    expectCompliant(ci002, plan, [
      provider,
      inline(
        { Effect: 'Allow', Action: ['ec2:DescribeVpcs', 'ecs:DescribeServices'], Resource: '*' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::state/acme/dev/terraform.tfstate' },
      ),
    ]));
  it('fails ReadOnlyAccess', () =>
    expectViolation(ci002, plan, /attaches arn:aws:iam::aws:policy\/ReadOnlyAccess, which reads data/, [
      provider,
      res('aws_iam_role_policy_attachment', 'ro', { role: plan.name, policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
      res('aws_iam_role_policy_attachment', 'ro2', { role: ref(plan), policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    ]));
  it('fails a data read on every resource', () =>
    expectViolation(ci002, plan, /reads data: ssm:GetParameters on \*/, [provider, inline({ Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: '*' })]));
  it('fails a wildcard that reaches data', () =>
    expectViolation(ci002, plan, /s3:GetObject.* on arn:aws:s3:::\*/, [provider, inline({ Effect: 'Allow', Action: ['s3:Get*'], Resource: 'arn:aws:s3:::*' })]));
  it('is not applicable to a role only a GitHub Environment assumes', () =>
    expectNotApplicable(ci002, role(['repo:acme/infra:environment:prod']), [provider]));
});
