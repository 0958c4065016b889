import { S3Backend, type TerraformStack } from 'cdktf';

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
 * Stores the stack's state in S3 with encryption, the DynamoDB lock table and S3 native
 * locking. `use_lockfile` is set by override because CDKTF 0.21's S3Backend does not know it;
 * both locks are kept while teams migrate (Terraform takes both when both are set).
 */
export function useRemoteState(stack: TerraformStack, props: RemoteStateProps): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: props.bucket,
    key: props.key,
    region: props.region,
    encrypt: true,
    dynamodbTable: props.lockTable,
    allowedAccountIds: [props.accountId],
    ...(props.roleArn ? { assumeRole: { roleArn: props.roleArn } } : {}),
  });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
  return backend;
}
