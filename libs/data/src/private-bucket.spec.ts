import { Match, Template, testStack } from '@ecs-platform/testing';
import { PrivateBucket, type PrivateBucketProps } from './index';
import { ACCOUNT, FakeGrantee, refusals, WHERE } from './spec-fixtures';

const BUCKET = `shop-uploads-${ACCOUNT}-eu-west-1`;

function bucketProps(more: Partial<PrivateBucketProps> = {}): PrivateBucketProps {
  return { environmentName: 'shop', name: 'uploads', ...WHERE, ...more };
}

function synth(more: Partial<PrivateBucketProps> = {}) {
  const stack = testStack();
  const bucket = new PrivateBucket(stack, 'uploads', bucketProps(more));
  return { bucket, template: Template.fromStack(stack) };
}

describe('PrivateBucket', () => {
  describe('by default (production)', () => {
    const { bucket, template } = synth();

    it('is named <env>-<name>-<account>-<region> and kept when Terraform destroys it', () => {
      expect(bucket.bucketName).toBe(BUCKET);
      expect(bucket.bucketArn).toBe(`arn:aws:s3:::${BUCKET}`);
      template.resourceMatches('aws_s3_bucket', 'uploads/bucket', { bucket: BUCKET, force_destroy: false });
    });

    it('has its own rotating customer managed key, which the account administers, and an alias', () => {
      template.resourceMatches('aws_kms_key', 'uploads/key', {
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        policy: Match.serializedJson({
          Version: '2012-10-17',
          Statement: [{ Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
        }),
      });
      template.resourceMatches('aws_kms_alias', 'uploads/key-alias', { name: 'alias/shop-uploads-s3', target_key_id: template.ref('aws_kms_key', 'uploads/key', 'key_id') });
    });

    it('is private, encrypted with the key (bucket key on), versioned, and refuses requests without TLS', () => {
      const bucketId = template.ref('aws_s3_bucket', 'uploads/bucket', 'id');
      template.resourceMatches('aws_s3_bucket_ownership_controls', 'uploads/ownership', { bucket: bucketId, rule: { object_ownership: 'BucketOwnerEnforced' } });
      template.resourceMatches('aws_s3_bucket_public_access_block', 'uploads/public-access-block', {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      template.resourceMatches('aws_s3_bucket_server_side_encryption_configuration', 'uploads/encryption', {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: template.ref('aws_kms_key', 'uploads/key', 'arn') }, bucket_key_enabled: true }],
      });
      template.resourceMatches('aws_s3_bucket_versioning', 'uploads/versioning', { versioning_configuration: { status: 'Enabled' } });
      template.resourceMatches('aws_s3_bucket_policy', 'uploads/policy', {
        policy: Match.serializedJson({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: '*',
              Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        }),
      });
    });

    it('expires noncurrent versions after 90 days and unfinished uploads after 7, and keeps current objects', () => {
      template.resourceMatches('aws_s3_bucket_lifecycle_configuration', 'uploads/lifecycle', {
        rule: [
          { id: 'expire-noncurrent-versions', noncurrent_version_expiration: [{ noncurrent_days: 90 }], expiration: [{ expired_object_delete_marker: true }] },
          { id: 'abort-incomplete-uploads', abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] },
        ],
      });
    });

    it('applies its configuration one part after another (S3 refuses concurrent changes)', () => {
      const chain = ['ownership', 'public-access-block', 'encryption', 'versioning', 'policy', 'lifecycle'];
      const types = [
        'aws_s3_bucket_ownership_controls',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_versioning',
        'aws_s3_bucket_policy',
        'aws_s3_bucket_lifecycle_configuration',
      ];
      template.resourceMatches(types[0], 'uploads/ownership', { depends_on: Match.absent() });
      for (let i = 1; i < chain.length; i++) {
        template.resourceMatches(types[i], `uploads/${chain[i]}`, { depends_on: [template.address(types[i - 1], `uploads/${chain[i - 1]}`)] });
      }
    });
  });

  it('outside production keeps noncurrent versions 30 days and may be emptied on destroy', () => {
    const { template } = synth({ tier: 'non-production', forceDestroy: true });
    template.resourceMatches('aws_s3_bucket', 'uploads/bucket', { force_destroy: true });
    template.resourceMatches('aws_s3_bucket_lifecycle_configuration', 'uploads/lifecycle', {
      rule: Match.arrayWith([Match.objectLike({ id: 'expire-noncurrent-versions', noncurrent_version_expiration: [{ noncurrent_days: 30 }] })]),
    });
  });

  it('takes its own name (beginning with the environment), expiry of current objects and lifecycle days', () => {
    const { bucket, template } = synth({ bucketName: 'shop-exports', expireAfterDays: 365, noncurrentVersionDays: 14, incompleteUploadDays: 2 });
    expect(bucket.bucketName).toBe('shop-exports');
    template.resourceMatches('aws_s3_bucket_lifecycle_configuration', 'uploads/lifecycle', {
      rule: [
        Match.objectLike({ noncurrent_version_expiration: [{ noncurrent_days: 14 }] }),
        Match.objectLike({ abort_incomplete_multipart_upload: [{ days_after_initiation: 2 }] }),
        { id: 'expire-objects', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 365 }] },
      ],
    });
  });

  describe('grants', () => {
    it('grantRead: get and list objects, decrypt with the key; the object wildcard says why', () => {
      const stack = testStack();
      const bucket = new PrivateBucket(stack, 'uploads', bucketProps());
      const reader = new FakeGrantee();
      bucket.grantRead(reader);
      expect(reader.statements).toEqual([
        { sid: 'UploadsObjectsRead', actions: ['s3:GetObject'], resources: [`arn:aws:s3:::${BUCKET}/*`], reason: `the application names its own object keys in ${BUCKET}` },
        { sid: 'UploadsObjectsList', actions: ['s3:ListBucket'], resources: [`arn:aws:s3:::${BUCKET}`] },
        { sid: 'UploadsObjectsKey', actions: ['kms:Decrypt'], resources: [bucket.keyArn] },
      ]);
    });

    it('grantReadWrite: also put and delete objects, and make data keys; statement ids carry the bucket name', () => {
      const stack = testStack();
      const bucket = new PrivateBucket(stack, 'user-files', bucketProps({ name: 'user-files' }));
      const writer = new FakeGrantee();
      bucket.grantReadWrite(writer);
      expect(writer.statements.map((statement) => [statement.sid, statement.actions])).toEqual([
        ['UserFilesObjectsReadWrite', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']],
        ['UserFilesObjectsList', ['s3:ListBucket']],
        ['UserFilesObjectsKey', ['kms:Decrypt', 'kms:GenerateDataKey']],
      ]);
    });

    it('grants a grantee once', () => {
      const bucket = new PrivateBucket(testStack(), 'uploads', bucketProps());
      const grantee = new FakeGrantee();
      bucket.grantRead(grantee);
      expect(() => bucket.grantReadWrite(grantee)).toThrow('test/uploads: already granted to this grantee; grant once (grantReadWrite includes reading)');
    });
  });

  describe('checks', () => {
    const refused = (more: Partial<PrivateBucketProps>) => refusals(() => new PrivateBucket(testStack(), 'uploads', bucketProps(more)));

    it('refuses forceDestroy in production', () => {
      expect(refused({ forceDestroy: true })).toEqual([
        'forceDestroy: the production tier never lets Terraform empty a bucket: deleting it would delete every object and version in it',
      ]);
    });

    it('checks the names, and a default bucket name that grows past 63 characters', () => {
      expect(refused({ environmentName: 'Shop', name: 'uploads-' })).toEqual([
        'environmentName: "Shop" must be lowercase letters, digits and single hyphens, begin with a letter and not end with a hyphen',
        'name: "uploads-" must be lowercase letters, digits and single hyphens, begin with a letter and not end with a hyphen',
      ]);
      const name = 'customer-invoice-attachments-archive';
      expect(refused({ name })).toEqual([`name: "shop-${name}-${ACCOUNT}-eu-west-1" is 64 characters; an S3 bucket name has 3 to 63`]);
    });

    it('checks a given bucket name: S3 rules, reserved prefixes and suffixes, and the environment prefix', () => {
      expect(refused({ bucketName: 'Shop.Uploads' })).toEqual([
        'bucketName: "Shop.Uploads" must be lowercase letters, digits and hyphens, and begin and end with a letter or digit',
        'bucketName: "Shop.Uploads" must begin with "shop-": the environment\'s CI roles reach only its own buckets',
      ]);
      expect(refused({ bucketName: 'uploads' })).toEqual([
        'bucketName: "uploads" must begin with "shop-": the environment\'s CI roles reach only its own buckets',
      ]);
      expect(refused({ bucketName: 'shop-uploads-s3alias' })).toEqual(['bucketName: "shop-uploads-s3alias" ends with "-s3alias", which S3 reserves']);
      expect(refused({ environmentName: 'xn', bucketName: 'xn--shop-uploads' })).toEqual(['bucketName: "xn--shop-uploads" begins with "xn--", which S3 reserves']);
    });

    it('checks the lifecycle days, every problem at once', () => {
      expect(refused({ noncurrentVersionDays: 0, expireAfterDays: 1.5, incompleteUploadDays: 40000 })).toEqual([
        'noncurrentVersionDays: must be between 1 and 36500 days, got 0',
        'expireAfterDays: must be a whole number, got number 1.5',
        'incompleteUploadDays: must be between 1 and 36500 days, got 40000',
      ]);
    });
  });
});
