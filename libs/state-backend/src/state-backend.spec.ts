import { Testing, TerraformStack } from 'cdktf';
import type { Json } from '@ecs-platform/testing';
import { stateKey, StateStorage, useRemoteState } from './index';

function synth(build: (stack: TerraformStack) => void): Json {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

function only(json: Json, type: string): Json {
  const resources = Object.values(json.resource[type] ?? {}) as Json[];
  expect(resources).toHaveLength(1);
  return resources[0];
}

describe('remote state', () => {
  it('uses one key per project and stack', () => {
    expect(stateKey('ecs-platform', 'dev')).toBe('ecs-platform/dev/terraform.tfstate');
  });

  it('configures the S3 backend with encryption, both locks, the account and the role', () => {
    const json = synth((stack) =>
      useRemoteState(stack, {
        bucket: 'state-bucket',
        lockTable: 'locks',
        region: 'eu-west-1',
        key: 'p/dev/terraform.tfstate',
        accountId: '123456789012',
        roleArn: 'arn:aws:iam::123456789012:role/deploy',
      }),
    );
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'state-bucket',
      key: 'p/dev/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      // The state key by its alias: SSE-KMS with the account's key, not AES256.
      kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/state-bucket',
      dynamodb_table: 'locks',
      use_lockfile: true,
      allowed_account_ids: ['123456789012'],
      assume_role: { role_arn: 'arn:aws:iam::123456789012:role/deploy' },
    });
  });
});

describe('state storage', () => {
  const json = synth((stack) => new StateStorage(stack, 'state', { bucketName: 'acme-state', lockTableName: 'acme-lock', accountId: '123456789012', region: 'eu-west-1' }));

  it('keeps the bucket private, versioned, KMS-encrypted and undeletable', () => {
    const [keyName] = Object.keys(json.resource.aws_kms_key);
    expect(only(json, 'aws_s3_bucket')).toMatchObject({ bucket: 'acme-state', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(only(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(only(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0]).toEqual({
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: `${'${'}aws_kms_key.${keyName}.arn}` },
      bucket_key_enabled: true,
    });
    expect(only(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(only(json, 'aws_kms_key')).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
  });

  it('denies every request that does not use TLS, and objects put with another encryption than the state key', () => {
    const policy = JSON.parse(only(json, 'aws_s3_bucket_policy').policy);
    const [keyName] = Object.keys(json.resource.aws_kms_key);
    const [bucketName] = Object.keys(json.resource.aws_s3_bucket);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      {
        Sid: 'DenyOtherEncryption',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: `\${aws_s3_bucket.${bucketName}.arn}/*`,
        Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      },
      {
        Sid: 'DenyOtherKeys',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: `\${aws_s3_bucket.${bucketName}.arn}/*`,
        Condition: {
          StringNotEqualsIfExists: {
            's3:x-amz-server-side-encryption-aws-kms-key-id': [`\${aws_kms_key.${keyName}.arn}`, 'arn:aws:kms:eu-west-1:123456789012:alias/acme-state'],
          },
        },
      },
    ]);
  });

  it('configures the bucket one sub-resource after the other (S3 refuses concurrent changes to a bucket)', () => {
    const order = ['aws_s3_bucket_ownership_controls', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning', 'aws_s3_bucket_policy', 'aws_s3_bucket_lifecycle_configuration'];
    order.forEach((type, i) => {
      const [name] = Object.keys(json.resource[type]);
      expect([type, only(json, type).depends_on]).toEqual([type, i === 0 ? undefined : [`${order[i - 1]}.${Object.keys(json.resource[order[i - 1]])[0]}`]]);
      expect(name).toBeDefined();
    });
  });

  it('expires noncurrent versions and incomplete uploads', () => {
    const rules = only(json, 'aws_s3_bucket_lifecycle_configuration').rule;
    expect(rules.map((rule: Json) => [rule.id, rule.status])).toEqual([
      ['expire-noncurrent-state-versions', 'Enabled'],
      ['abort-incomplete-uploads', 'Enabled'],
    ]);
    expect(rules[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(rules[1].abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: 7 }]);
  });

  it('creates the lock table the S3 backend expects, protected and recoverable', () => {
    expect(only(json, 'aws_dynamodb_table')).toMatchObject({
      name: 'acme-lock',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });
});
