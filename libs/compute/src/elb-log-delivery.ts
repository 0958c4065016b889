import { accountRootArn } from '@ecs-platform/aws-names';
import type { Principal } from '@ecs-platform/iam-policy';

/**
 * Elastic Load Balancing account of each region that existed before August 2022. In these
 * regions ALB access logs are written by this account, and the bucket policy must name it
 * (Elastic Load Balancing User Guide, "Enable access logs for your Application Load Balancer",
 * step 2). Regions opened since then are served by the log delivery service principal instead.
 */
export const ELB_ACCOUNT_BY_REGION: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-south-1': '718504428378',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-southeast-3': '589379963580',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-west-3': '009996457667',
  'eu-south-1': '635631232127',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
};

/** The service principal that delivers access logs in regions opened in August 2022 or later. */
export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

/** Who writes ALB access logs in `region`. */
export function elbLogDeliveryPrincipal(region: string): Exclude<Principal, '*'> {
  const account = ELB_ACCOUNT_BY_REGION[region];
  return account ? { AWS: accountRootArn(account) } : { Service: ELB_LOG_DELIVERY_SERVICE };
}
