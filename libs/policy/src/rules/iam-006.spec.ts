import { expectCompliant, expectNotApplicable, expectViolation, policy, res } from '../test-support';
import { iam006 } from './iam-006';

const bad = (Sid: string, Action: string | string[], extra: Record<string, unknown> = {}) => policy({ Sid, Effect: 'Allow', Action, Resource: '*', ...extra });

describe('IAM-006 real actions only', () => {
  it('passes real actions and wildcards that match some', () =>
    expectCompliant(iam006, res('aws_iam_role_policy', 'app', { policy: policy({ Effect: 'Allow', Action: ['sqs:SendMessage', 'ecs:Describe*'], Resource: '*' }) })));
  it('fails a misspelt action, with the real one suggested', () =>
    expectViolation(
      iam006,
      res('aws_iam_role_policy', 'app', { policy: bad('Send', 'sqs:SendMessages') }),
      /policy statement "Send": "sqs:SendMessages" is not an IAM action of service sqs \(did you mean "sqs:SendMessage"\?\)/,
    ));
  it('fails a misspelt service prefix, with the real one suggested', () =>
    expectViolation(iam006, res('aws_iam_policy', 'p', { policy: bad('Q', 'sqq:SendMessage') }), /no AWS service has the prefix "sqq" \(did you mean "sqs"\?\)/));
  it('fails wildcards that match no action, in the action and in the service part', () => {
    expectViolation(iam006, res('aws_s3_bucket_policy', 'b', { policy: policy({ Effect: 'Deny', Principal: '*', Action: 's3:Putt*', Resource: '*' }) }), /"s3:Putt\*" matches no s3 action/);
    expectViolation(iam006, res('aws_iam_policy', 'p', { policy: bad('W', 'sq?x:*') }), /"sq\?x:\*" matches no IAM action/);
  });
  it('checks NotAction too', () =>
    expectViolation(iam006, res('aws_iam_policy', 'p', { policy: policy({ Effect: 'Deny', NotAction: 'iam:PassRoles', Resource: '*' }) }), /iam:PassRoles/));
  it('checks trust policies and every inline policy of a role', () => {
    expectViolation(iam006, res('aws_iam_role', 'r', { assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRoel' }) }), /sts:AssumeRoel/);
    expectViolation(
      iam006,
      res('aws_iam_role', 'r', {
        assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        inline_policy: [{ name: 'reads', policy: bad('Read', 'dynamodb:GetItem') }, { name: 'writes', policy: bad('Write', 'dynamodb:PutItems') }],
      }),
      /^inline_policy writes statement "Write": "dynamodb:PutItems" .*did you mean "dynamodb:PutItem"/,
    );
  });
  it('checks resource policies of queues, topics, keys, repositories and secrets, separate or inline', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['aws_sqs_queue_policy', { policy: bad('Q', 'sqs:SendMessages', { Principal: '*' }) }, /sqs:SendMessages/],
      ['aws_sqs_queue', { policy: bad('Q', 'sqs:RecieveMessage', { Principal: '*' }) }, /did you mean "sqs:ReceiveMessage"/],
      ['aws_sns_topic_policy', { policy: bad('T', 'sns:Publsh', { Principal: '*' }) }, /did you mean "sns:Publish"/],
      ['aws_sns_topic', { policy: bad('T', 'sns:Publsh', { Principal: '*' }) }, /sns:Publsh/],
      ['aws_kms_key', { policy: bad('K', 'kms:Decrypts', { Principal: '*' }) }, /did you mean "kms:Decrypt"/],
      ['aws_ecr_repository_policy', { policy: bad('R', 'ecr:BatchGetImages', { Principal: '*' }) }, /did you mean "ecr:BatchGetImage"/],
      ['aws_secretsmanager_secret_policy', { policy: bad('S', 'secretsmanager:GetSecretValues', { Principal: '*' }) }, /did you mean "secretsmanager:GetSecretValue"/],
      ['aws_vpc_endpoint', { policy: bad('E', 's3:GetObjects', { Principal: '*' }) }, /did you mean "s3:GetObject"/],
    ];
    for (const [type, config, reason] of cases) expectViolation(iam006, res(type, 'x', config), reason);
  });
  it('fails a document it cannot read', () => expectViolation(iam006, res('aws_iam_role_policy', 'app', { policy: '${data.aws_iam_policy_document.app.json}' }), /not literal JSON/));
  it('is not applicable to a key or a queue without a policy', () => {
    expectNotApplicable(iam006, res('aws_kms_key', 'k', {}));
    expectNotApplicable(iam006, res('aws_sqs_queue', 'q', { sqs_managed_sse_enabled: true }));
  });
});
