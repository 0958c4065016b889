import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';

export interface AwsProviderProps {
  readonly region: string;
  /** The only account this provider may act on; Terraform stops before touching any other. */
  readonly accountId: string;
  /** Role to assume. @default the caller's credentials */
  readonly roleArn?: string;
  /** Session name recorded in CloudTrail for assumed-role calls. */
  readonly sessionName: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Alias for an additional provider configuration (for example a second region). @default none: the default provider */
  readonly alias?: string;
}

export function addAwsProvider(scope: Construct, props: AwsProviderProps): AwsProvider {
  return new AwsProvider(scope, props.alias ? `aws-${props.alias}` : 'aws', {
    ...(props.alias ? { alias: props.alias } : {}),
    region: props.region,
    allowedAccountIds: [props.accountId],
    ...(props.roleArn ? { assumeRole: [{ roleArn: props.roleArn, sessionName: props.sessionName }] } : {}),
    defaultTags: [{ tags: { ...props.tags } }],
  });
}
