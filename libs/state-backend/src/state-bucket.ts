import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { denyInsecureTransport, policyDocument, type Statement } from '@ecs-platform/iam-policy';
import { Construct } from 'constructs';

export interface StateStorageProps {
  /** Name of the S3 bucket for Terraform state. */
  readonly bucketName: string;
  /** The account and region of the bucket (the key's alias ARN is built from them). */
  readonly accountId: string;
  readonly region: string;
  /** Name of the DynamoDB lock table. */
  readonly lockTableName: string;
  /** Days a superseded state version is kept, to recover from a bad apply. @default 90 */
  readonly noncurrentVersionDays?: number;
  /** Days before an unfinished multipart upload is removed. @default 7 */
  readonly incompleteUploadDays?: number;
}

/**
 * Storage for Terraform state: a versioned, KMS-encrypted, private S3 bucket that only
 * accepts TLS, and a DynamoDB lock table. Both are protected from deletion, because losing
 * state orphans every resource it tracks.
 */
export class StateStorage extends Construct {
  readonly bucket: S3Bucket;
  readonly lockTable: DynamodbTable;
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: StateStorageProps) {
    super(scope, id);
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts Terraform state in ${props.bucketName} and its lock table`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, 'key-alias', { name: stateKeyAlias(props.bucketName), targetKeyId: this.key.keyId });

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    const bucket = this.bucket.id;
    // S3 rejects concurrent changes to one bucket's configuration (409 OperationAborted), so
    // each sub-resource waits for the one before it: ownership, public access, encryption,
    // versioning, policy, lifecycle.
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
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn },
          bucketKeyEnabled: true,
        },
      ],
      dependsOn: [publicAccess],
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
      dependsOn: [encryption],
    });
    const policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policyDocument([
        denyInsecureTransport([this.bucket.arn, `${this.bucket.arn}/*`]),
        ...requireStateKey(`${this.bucket.arn}/*`, this.key.arn, stateKeyAliasArn(props.region, props.accountId, props.bucketName)),
      ]),
      dependsOn: [versioning],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 90 }],
        },
        {
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: props.incompleteUploadDays ?? 7 }],
        },
      ],
      dependsOn: [policy],
    });

    this.lockTable = new DynamodbTable(this, 'lock-table', {
      name: props.lockTableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: this.key.arn },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
  }
}

/** The alias of a state bucket's key: backends name the key by it (its id is known only after apply). */
export function stateKeyAlias(bucketName: string): string {
  return `alias/${bucketName}`;
}

/** `arn:aws:kms:<region>:<account>:alias/<bucket>`, what the S3 backend's `kms_key_id` names. */
export function stateKeyAliasArn(region: string, accountId: string, bucketName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${stateKeyAlias(bucketName)}`;
}

/**
 * Objects go in encrypted with the state key only: a put that asks for SSE-S3 (AES256) or for
 * another KMS key is refused. A put that asks for nothing gets the bucket's default, the same
 * key. S3 compares the key header as sent, so both the key ARN and its alias ARN are accepted.
 */
export function requireStateKey(objects: string, keyArn: string, aliasArn: string): Statement[] {
  return [
    {
      Sid: 'DenyOtherEncryption',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: objects,
      Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    },
    {
      Sid: 'DenyOtherKeys',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: objects,
      Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': [keyArn, aliasArn] } },
    },
  ];
}
