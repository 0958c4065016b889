import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { iam004 } from './iam-004';

const provider = res('aws_iam_openid_connect_provider', 'github', { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });

function trust(condition: Record<string, unknown>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: ref(provider, 'arn') }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
  });
}

describe('IAM-004 GitHub OIDC trust constrained by sub and aud', () => {
  it('passes an exact subject and audience', () =>
    expectCompliant(
      iam004,
      res('aws_iam_role', 'r', {
        assume_role_policy: trust({
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': ['repo:acme/app:environment:prod'],
          },
        }),
      }),
      [provider],
    ));
  it('passes a branch pattern within one repository', () =>
    expectCompliant(
      iam004,
      res('aws_iam_role', 'r', {
        assume_role_policy: trust({
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/release-*' },
        }),
      }),
      [provider],
    ));
  it('is not applicable to service roles', () =>
    expectNotApplicable(
      iam004,
      res('aws_iam_role', 'r', { assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }),
    ));
  it('fails a trust without subject', () =>
    expectViolation(
      iam004,
      res('aws_iam_role', 'r', { assume_role_policy: trust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }) }),
      /sub is not constrained/,
      [provider],
    ));
  it('fails a wildcard owner and a missing audience', () =>
    expectViolation(
      iam004,
      res('aws_iam_role', 'r', { assume_role_policy: trust({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }) }),
      /aud is not constrained.*subject "repo:\*" does not name one owner\/repository/,
      [provider],
    ));
  it('fails any ref of the repository', () =>
    expectViolation(
      iam004,
      res('aws_iam_role', 'r', {
        assume_role_policy: trust({
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' },
        }),
      }),
      /any ref/,
      [provider],
    ));
});
