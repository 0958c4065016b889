import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { Match } from './match';
import { Template } from './template';
import { testStack } from './test-stack';

function template(): Template {
  const stack = testStack();
  const logs = new Construct(stack, 'logs');
  const bucket = new S3Bucket(logs, 'bucket', { bucket: 'access-logs', tags: { Name: 'logs', Tier: 'private' } });
  new S3BucketPolicy(logs, 'policy', {
    bucket: bucket.id,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*' }] }),
  });
  new S3Bucket(stack, 'other', { bucket: 'other', forceDestroy: true });
  new TerraformOutput(stack, 'bucket_name', { value: bucket.bucket });
  return Template.fromStack(stack);
}

describe('Template', () => {
  const t = template();

  it('indexes resources by construct path below the stack', () => {
    expect(Object.keys(t.findResources('aws_s3_bucket'))).toEqual(['logs/bucket', 'other']);
    expect(t.resource('aws_s3_bucket', 'logs/bucket')).toEqual({ bucket: 'access-logs', tags: { Name: 'logs', Tier: 'private' } });
    expect(t.resourceTypes()).toEqual(['aws_s3_bucket', 'aws_s3_bucket_policy']);
  });

  it('references a resource the way Terraform JSON does', () => {
    expect(t.resource('aws_s3_bucket_policy', 'logs/policy').bucket).toBe(t.ref('aws_s3_bucket', 'logs/bucket'));
    expect(t.address('aws_s3_bucket', 'logs/bucket')).toMatch(/^aws_s3_bucket\.logs_bucket_[0-9A-F]{8}$/);
  });

  it('counts resources and names them when the count is wrong', () => {
    expect(() => t.resourceCountIs('aws_s3_bucket', 2)).not.toThrow();
    expect(() => t.resourceCountIs('aws_s3_bucket', 1)).toThrow('expected 1 aws_s3_bucket, found 2: logs/bucket, other');
  });

  it('matches properties deeply like objectLike, and says where the closest resource differs', () => {
    expect(() => t.hasResourceProperties('aws_s3_bucket', { tags: { Tier: 'private' } })).not.toThrow();
    expect(() => t.hasResourceProperties('aws_s3_bucket', { bucket: 'access-logs', tags: { Tier: 'public' } })).toThrow(
      'no aws_s3_bucket of 2 matches the pattern; the closest, logs/bucket, differs at\n    tags.Tier: expected "public", got "private"',
    );
    expect(() => t.hasResourceProperties('aws_lb', {})).toThrow('the stack has none');
  });

  it('finds resources by pattern and by absence', () => {
    expect(Object.keys(t.findResources('aws_s3_bucket', { force_destroy: Match.absent() }))).toEqual(['logs/bucket']);
    expect(Object.keys(t.findResources('aws_s3_bucket', { force_destroy: true }))).toEqual(['other']);
  });

  it('matches serialized JSON such as IAM policies', () => {
    expect(() =>
      t.resourceMatches('aws_s3_bucket_policy', 'logs/policy', {
        policy: Match.serializedJson({ Statement: [Match.objectLike({ Effect: 'Deny' })] }),
      }),
    ).not.toThrow();
    expect(() =>
      t.resourceMatches('aws_s3_bucket_policy', 'logs/policy', { policy: Match.serializedJson({ Statement: [{ Effect: 'Allow' }] }) }),
    ).toThrow('policy(json).Statement[0].Effect: expected "Allow", got "Deny"');
  });

  it("runs the constructs' validations, as App.synth does", () => {
    const stack = testStack();
    new Construct(stack, 'service').node.addValidation({ validate: () => ['needs deployment alarms'] });
    expect(() => Template.fromStack(stack)).toThrow('Validation failed:\n  test/service: needs deployment alarms');
  });

  it('reads outputs', () => {
    expect(() => t.hasOutput('bucket_name', { value: t.ref('aws_s3_bucket', 'logs/bucket', 'bucket') })).not.toThrow();
    expect(() => t.hasOutput('missing')).toThrow('no output missing; have bucket_name');
  });
});
