import { expectCompliant, expectNotApplicable, expectViolation, policy, res } from '../test-support';
import { iam001 } from './iam-001';

describe('IAM-001 no wildcard actions', () => {
  it('passes named actions, and ignores Deny statements', () =>
    expectCompliant(
      iam001,
      res('aws_iam_role_policy', 'p', {
        policy: policy(
          { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' },
          { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ),
      }),
    ));
  it('is not applicable to a role without inline policies', () => expectNotApplicable(iam001, res('aws_iam_role', 'r', { assume_role_policy: '{}' })));
  it('fails "*"', () => expectViolation(iam001, res('aws_iam_policy', 'p', { policy: policy({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }) }), /statement "All": wildcard action "\*"/));
  it('fails a service wildcard in an inline role policy', () =>
    expectViolation(
      iam001,
      res('aws_iam_role', 'r', { inline_policy: [{ name: 'logs', policy: policy({ Effect: 'Allow', Action: ['logs:*'], Resource: 'arn:aws:logs:*' }) }] }),
      /inline_policy logs statement 1: wildcard action "logs:\*"/,
    ));
  it('fails NotAction', () => expectViolation(iam001, res('aws_iam_policy', 'p', { policy: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) }), /NotAction/));
  it('fails a document it cannot read', () =>
    expectViolation(iam001, res('aws_iam_policy', 'p', { policy: '${data.aws_iam_policy_document.p.json}' }), /not literal JSON/));
});
