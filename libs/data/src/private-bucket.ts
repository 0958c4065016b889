import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { dataBucketName, s3BucketArn } from '@ecs-platform/aws-names';
import { assertValidProps, type Tier } from '@ecs-platform/construct-props';
import { accountAdministersKey, denyInsecureTransport, policyDocument } from '@ecs-platform/iam-policy';
import { Construct } from 'constructs';
import { privateBucketProblems } from './checks';
import { BUCKET_DEFAULTS, DATA_TIER_DEFAULTS } from './defaults';
import type { GrantStatement, IGrantee, PrivateBucketProps } from './props';

/**
 * An application's private S3 bucket: encrypted with its own customer managed KMS key (bucket
 * key on, so S3 calls KMS per bucket key rather than per object), owner-enforced (no ACLs),
 * every public access setting blocked, versioned, noncurrent versions expired, TLS only.
 * `grantRead` and `grantReadWrite` give a service exactly the object, list and key actions it
 * needs, on this bucket and key only.
 *
 * Construct ids: `key`, `key-alias`, `bucket`, `ownership`, `public-access-block`,
 * `encryption`, `versioning`, `policy`, `lifecycle` (docs/design.md decision 7).
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly key: KmsKey;
  readonly keyAlias: KmsAlias;
  /** The key's ARN (a reference). */
  readonly keyArn: string;
  /** The bucket's name, as a literal: it is known before apply. */
  readonly bucketName: string;
  /** `arn:aws:s3:::<bucketName>`, as a literal. */
  readonly bucketArn: string;
  readonly tier: Tier;

  private readonly sidPrefix: string;
  private readonly grantees = new Set<IGrantee>();

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    assertValidProps(this, privateBucketProblems(props));
    const { environmentName, name, accountId, region } = props;
    this.tier = props.tier ?? 'production';
    const tierDefaults = DATA_TIER_DEFAULTS[this.tier];
    this.bucketName = props.bucketName ?? dataBucketName(environmentName, name, accountId, region);
    this.bucketArn = s3BucketArn(this.bucketName);
    this.sidPrefix = sidPrefix(name);

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the objects of S3 bucket ${this.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      // The account administers the key; IAM policies (grantRead, grantReadWrite) say who uses it.
      policy: policyDocument([accountAdministersKey(accountId)]),
      tags: { Name: `${environmentName}-${name}-s3` },
    });
    this.keyArn = this.key.arn;
    this.keyAlias = new KmsAlias(this, 'key-alias', { name: `alias/${environmentName}-${name}-s3`, targetKeyId: this.key.keyId });

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: this.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      tags: { Name: this.bucketName },
    });
    const bucket = this.bucket.id;
    // S3 rejects concurrent changes to one bucket's configuration (409 OperationAborted), so
    // each sub-resource waits for the one before it (the policy pack's S3-005): ownership,
    // public access, encryption, versioning, policy, lifecycle.
    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      dependsOn: [ownership],
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.keyArn }, bucketKeyEnabled: true }],
      dependsOn: [publicAccess],
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
      dependsOn: [encryption],
    });
    const policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policyDocument([denyInsecureTransport([this.bucketArn, `${this.bucketArn}/*`])]),
      dependsOn: [versioning],
    });
    const rules: S3BucketLifecycleConfigurationRule[] = [
      {
        // Overwritten and deleted objects stay restorable for a while, then go; the delete
        // markers left with no version behind them go too.
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? tierDefaults.noncurrentVersionDays }],
        expiration: [{ expiredObjectDeleteMarker: true }],
      },
      {
        id: 'abort-incomplete-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: props.incompleteUploadDays ?? BUCKET_DEFAULTS.incompleteUploadDays }],
      },
      ...(props.expireAfterDays !== undefined
        ? [{ id: 'expire-objects', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.expireAfterDays }] }]
        : []),
    ];
    new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket, rule: rules, dependsOn: [policy] });
  }

  /** Lets `grantee` read objects (s3:GetObject), list them, and decrypt with the bucket's key. */
  grantRead(grantee: IGrantee): void {
    this.grantTo(grantee, 'Read', ['s3:GetObject'], ['kms:Decrypt']);
  }

  /** Lets `grantee` read, write and delete objects, list them, and encrypt and decrypt with the bucket's key. */
  grantReadWrite(grantee: IGrantee): void {
    this.grantTo(grantee, 'ReadWrite', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], ['kms:Decrypt', 'kms:GenerateDataKey']);
  }

  private grantTo(grantee: IGrantee, access: string, objectActions: readonly string[], keyActions: readonly string[]): void {
    if (this.grantees.has(grantee)) {
      throw new Error(`${this.node.path}: already granted to this grantee; grant once (grantReadWrite includes reading)`);
    }
    this.grantees.add(grantee);
    const statements: GrantStatement[] = [
      {
        sid: `${this.sidPrefix}Objects${access}`,
        actions: objectActions,
        resources: [`${this.bucketArn}/*`],
        reason: `the application names its own object keys in ${this.bucketName}`,
      },
      { sid: `${this.sidPrefix}ObjectsList`, actions: ['s3:ListBucket'], resources: [this.bucketArn] },
      { sid: `${this.sidPrefix}ObjectsKey`, actions: keyActions, resources: [this.keyArn] },
    ];
    grantee.grant(statements);
  }
}

/** `user-files` -> `UserFiles`: statement ids are letters and digits. */
function sidPrefix(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
