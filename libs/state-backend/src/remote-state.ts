import { S3Backend, type TerraformStack } from 'cdktf';
import { stateKeyAliasArn } from './state-bucket';

export interface RemoteStateProps {
  readonly bucket: string;
  readonly lockTable: string;
  readonly region: string;
  /** Object key of this stack's state, `<project>/<stack>/terraform.tfstate`. */
  readonly key: string;
  /** The only account the state may be read from or written to. */
  readonly accountId: string;
  /** Role to assume for state access. @default the caller's credentials */
  readonly roleArn?: string;
}

/** The state key convention: one object per project and stack. */
export function stateKey(project: string, stack: string): string {
  return `${project}/${stack}/terraform.tfstate`;
}

/**
 * Stores the stack's state in S3, encrypted with the state key of the account (SSE-KMS: with
 * `encrypt` alone Terraform asks S3 for AES256, which overrides the bucket's KMS default and
 * lets anyone who may read the bucket read state without the key), locked by the DynamoDB
 * table and by S3 native locking. The key is named by its alias (its id exists only after the
 * bootstrap stack is applied). `use_lockfile` is set by override because CDKTF 0.21's S3Backend
 * does not know it; both locks are kept while teams migrate (Terraform takes both when set).
 */
export function useRemoteState(stack: TerraformStack, props: RemoteStateProps): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: props.bucket,
    key: props.key,
    region: props.region,
    encrypt: true,
    kmsKeyId: stateKeyAliasArn(props.region, props.accountId, props.bucket),
    dynamodbTable: props.lockTable,
    allowedAccountIds: [props.accountId],
    ...(props.roleArn ? { assumeRole: { roleArn: props.roleArn } } : {}),
  });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
  return backend;
}
