import { expectCompliant, expectViolation, policy, res } from '../test-support';
import { iam002 } from './iam-002';

describe('IAM-002 no unjustified wildcard resources', () => {
  it('passes named resources and "*" for actions that cannot be scoped', () =>
    expectCompliant(
      iam002,
      res('aws_iam_role_policy', 'p', {
        policy: policy(
          { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
          { Effect: 'Allow', Action: ['ecr:PutImage'], Resource: ['arn:aws:ecr:eu-west-1:1:repository/app'] },
        ),
      }),
    ));
  it('fails "*" for actions that can be scoped', () =>
    expectViolation(
      iam002,
      res('aws_iam_policy', 'p', { policy: policy({ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 's3:GetObject'], Resource: '*' }) }),
      /Resource "\*" for "s3:GetObject"/,
    ));
});
