import { expectCompliant, expectNotApplicable, expectViolation, policy, ref, res } from '../test-support';
import { ci001 } from './ci-001';

const provider = res('aws_iam_openid_connect_provider', 'github', { url: 'https://token.actions.githubusercontent.com' });
const trusted = (...subjects: string[]) =>
  policy({
    Effect: 'Allow',
    Principal: { Federated: ref(provider, 'arn') },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': subjects } },
  });
const role = (name: string, subjects: string[]) => res('aws_iam_role', name, { name, assume_role_policy: trusted(...subjects) });
const inline = (r: ReturnType<typeof role>, ...statements: Record<string, unknown>[]) =>
  res('aws_iam_role_policy', `${r.name}_policy`, { role: ref(r), policy: policy(...statements) });

describe('CI-001 write access only from a GitHub Environment', () => {
  const plan = role('plan', ['repo:acme/infra:pull_request']);
  it('passes a pull-request role that reads and takes its lock', () =>
    expectCompliant(ci001, plan, [
      provider,
      inline(
        plan,
        { Effect: 'Allow', Action: ['ec2:DescribeVpcs', 'ecs:DescribeServices', 's3:GetObject'], Resource: '*' },
        { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::state/acme/dev/terraform.tfstate.tflock' },
        { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Resource: 'arn:aws:dynamodb:eu-west-1:1:table/lock', Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['state/acme/dev/terraform.tfstate'] } } },
        { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: 'arn:aws:kms:eu-west-1:1:key/state' },
      ),
    ]));
  it('fails a pull-request role that may use any key', () =>
    expectViolation(ci001, plan, /may kms:Encrypt/, [provider, inline(plan, { Effect: 'Allow', Action: ['kms:Encrypt'], Resource: '*' })]));
  it('fails a pull-request role that may change resources', () =>
    expectViolation(ci001, plan, /trusted by repo:acme\/infra:pull_request, yet may ec2:CreateVpc/, [provider, inline(plan, { Effect: 'Allow', Action: ['ec2:CreateVpc'], Resource: '*' })]));
  it('fails a deploy role that also trusts main', () => {
    const deploy = role('deploy', ['repo:acme/infra:environment:dev', 'repo:acme/infra:ref:refs/heads/main']);
    expectViolation(ci001, deploy, /trusted by repo:acme\/infra:ref:refs\/heads\/main, yet may ecs:\*/, [provider, inline(deploy, { Effect: 'Allow', Action: ['ecs:*'], Resource: '*' })]);
  });
  it('passes a deploy role trusted only by its GitHub Environment', () => {
    const deploy = role('deploy', ['repo:acme/infra:environment:prod']);
    expectCompliant(ci001, deploy, [provider, inline(deploy, { Effect: 'Allow', Action: ['ecs:*'], Resource: '*' })]);
  });
  it('passes the image push role on main', () => {
    const push = role('push', ['repo:acme/infra:ref:refs/heads/main']);
    expectCompliant(ci001, push, [provider, inline(push, { Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:UploadLayerPart', 'ecr:GetAuthorizationToken'], Resource: '*' })]);
  });
  it('is not applicable to roles GitHub does not assume', () =>
    expectNotApplicable(ci001, res('aws_iam_role', 'task', { assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }) })));
});
