import { expectCompliant, expectNotApplicable, expectViolation, policy, res } from '../test-support';
import { iam006 } from './iam-006';

describe('IAM-006 real actions only', () => {
  it('passes real actions and wildcards that match some', () =>
    expectCompliant(iam006, res('aws_iam_role_policy', 'app', { policy: policy({ Effect: 'Allow', Action: ['sqs:SendMessage', 'ecs:Describe*'], Resource: '*' }) })));
  it('fails a misspelt action, with the real one suggested', () =>
    expectViolation(
      iam006,
      res('aws_iam_role_policy', 'app', { policy: policy({ Sid: 'Send', Effect: 'Allow', Action: 'sqs:SendMessages', Resource: '*' }) }),
      /policy statement "Send": "sqs:SendMessages" is not an IAM action of service sqs \(did you mean "sqs:SendMessage"\?\)/,
    ));
  it('checks resource policies too, and wildcards that match nothing', () =>
    expectViolation(iam006, res('aws_s3_bucket_policy', 'b', { policy: policy({ Effect: 'Deny', Principal: '*', Action: 's3:Putt*', Resource: '*' }) }), /"s3:Putt\*" matches no s3 action/));
  it('checks trust policies', () =>
    expectViolation(iam006, res('aws_iam_role', 'r', { assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRoel' }) }), /sts:AssumeRoel/));
  it('is not applicable to a key without a policy', () => expectNotApplicable(iam006, res('aws_kms_key', 'k', {})));
});
