/**
 * What the CI roles of the GitHub OIDC setup need per Terraform resource type, in one table,
 * with the functions that derive their policies from it:
 *
 * - the pull-request PLAN role runs `terraform plan` with refresh, so it must call the read
 *   API of every resource its stack declares (the provider's Read function), but it may read
 *   metadata only: object contents, parameter values, secrets and the like stay out of reach of
 *   anyone who can push a branch;
 * - the DEPLOY role runs `terraform apply` and gets the AWS services its resource types belong to.
 *
 * Refresh reads follow hashicorp/terraform-provider-aws's Read functions (provider 5.x; the
 * platform pins 5.100.0). Entries marked "judgement" were not re-read in the provider source.
 * Tag reads: the provider's tagging interceptor calls the service's list-tags API after Read
 * unless Read already set tags from its own Describe output; the list-tags action is listed for
 * every tagged type anyway, so that a provider upgrade that moves tag reading cannot break plans
 * (it is metadata, and granting an uncalled read costs nothing).
 */
import { actionMatches, canonicalActionName } from './iam-actions';
import { type Statement } from './policy-document';

/** Reads of stored DATA that a type's refresh cannot avoid. */
export interface DataReads {
  /** The IAM actions; granted only on the stack's own resources (see `planRoleStatements`). */
  readonly actions: readonly string[];
  /** Why the refresh needs them, for reviews and the docs. */
  readonly reason: string;
}

export interface ResourceTypeAccess {
  /**
   * IAM service prefixes whose actions create, change and delete this type (deploy role): the
   * type's own service, plus services AWS checks against the caller for the type's usual
   * configuration (iam for `iam:PassRole` of a role handed to a service, kms where the service
   * creates grants on a customer managed key for the caller). Services that other types of the
   * same stack bring (an ECS service's load balancer) are not repeated.
   */
  readonly services: readonly string[];
  /** Read actions the provider's refresh (Read function) of this type calls: Describe/Get/List of metadata. */
  readonly refreshReads: readonly string[];
  /**
   * Reads of DATA the refresh needs, if any, with why (they are granted only on the stack's own
   * ARNs and listed in the docs). @default none
   */
  readonly dataReads?: DataReads;
}

const s3Bucket: ResourceTypeAccess = {
  services: ['s3'],
  // Read (verified): HeadBucket, then each bucket sub-configuration, the region (HeadBucket
  // again) and GetBucketTagging. API names differ from IAM names: GetBucketCors is
  // s3:GetBucketCORS, GetBucketLifecycleConfiguration s3:GetLifecycleConfiguration,
  // GetBucketReplication s3:GetReplicationConfiguration, GetBucketEncryption
  // s3:GetEncryptionConfiguration, GetBucketAccelerateConfiguration s3:GetAccelerateConfiguration,
  // GetObjectLockConfiguration s3:GetBucketObjectLockConfiguration.
  refreshReads: [
    's3:GetAccelerateConfiguration',
    's3:GetBucketAcl',
    's3:GetBucketCORS',
    's3:GetBucketLogging',
    's3:GetBucketObjectLockConfiguration',
    's3:GetBucketPolicy',
    's3:GetBucketRequestPayment',
    's3:GetBucketTagging',
    's3:GetBucketVersioning',
    's3:GetBucketWebsite',
    's3:GetEncryptionConfiguration',
    's3:GetLifecycleConfiguration',
    's3:GetReplicationConfiguration',
  ],
  dataReads: {
    actions: ['s3:ListBucket'],
    reason:
      'refresh calls HeadBucket (existence and region), which IAM authorises as s3:ListBucket; ' +
      "that action also lists object names, so it is granted on the stack's own buckets only",
  },
};

/** One entry per resource type. Keys sorted; `resource-access.spec.ts` checks every action against the dataset. */
export const RESOURCE_ACCESS: Readonly<Record<string, ResourceTypeAccess>> = {
  // Judgement: DescribeCertificate, ListTagsForCertificate.
  aws_acm_certificate: { services: ['acm'], refreshReads: ['acm:DescribeCertificate', 'acm:ListTagsForCertificate'] },
  aws_acm_certificate_validation: { services: ['acm'], refreshReads: ['acm:DescribeCertificate'] },
  // Judgement for the three Application Auto Scaling types: one Describe each, tags on targets.
  aws_appautoscaling_policy: {
    // Target tracking and step policies create and delete CloudWatch alarms as the caller.
    services: ['application-autoscaling', 'cloudwatch'],
    refreshReads: ['application-autoscaling:DescribeScalingPolicies'],
  },
  aws_appautoscaling_scheduled_action: {
    services: ['application-autoscaling'],
    refreshReads: ['application-autoscaling:DescribeScheduledActions'],
  },
  aws_appautoscaling_target: {
    // iam: the first registration creates the service-linked role (or passes `role_arn`).
    services: ['application-autoscaling', 'iam'],
    refreshReads: ['application-autoscaling:DescribeScalableTargets', 'application-autoscaling:ListTagsForResource'],
  },
  aws_autoscaling_group: {
    // A launch template is checked against the caller (ec2:RunInstances, ec2:CreateTags, and
    // iam:PassRole of its instance profile).
    services: ['autoscaling', 'ec2', 'iam'],
    // Read (verified): one DescribeAutoScalingGroups carries everything, tags included.
    refreshReads: ['autoscaling:DescribeAutoScalingGroups'],
  },
  aws_cloudwatch_dashboard: { services: ['cloudwatch'], refreshReads: ['cloudwatch:GetDashboard'] },
  aws_cloudwatch_event_rule: { services: ['events'], refreshReads: ['events:DescribeRule', 'events:ListTagsForResource'] },
  // iam: a target's `role_arn` is passed to EventBridge.
  aws_cloudwatch_event_target: { services: ['events', 'iam'], refreshReads: ['events:ListTargetsByRule'] },
  aws_cloudwatch_log_group: {
    services: ['logs'],
    // Judgement: DescribeLogGroups, tags through ListTagsForResource (ListTagsLogGroup is the
    // API older provider releases used; both are metadata).
    refreshReads: ['logs:DescribeLogGroups', 'logs:ListTagsForResource', 'logs:ListTagsLogGroup'],
  },
  aws_cloudwatch_log_resource_policy: { services: ['logs'], refreshReads: ['logs:DescribeResourcePolicies'] },
  aws_cloudwatch_metric_alarm: {
    services: ['cloudwatch'],
    refreshReads: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
  },
  // Judgement for the RDS types: Describe of the object, tags from its TagList or ListTagsForResource.
  aws_db_instance: {
    // iam: `monitoring_role_arn`; kms: grants for a customer managed key; secretsmanager: the
    // master password RDS manages in a secret created as the caller.
    services: ['rds', 'iam', 'kms', 'secretsmanager'],
    refreshReads: ['rds:DescribeDBInstances', 'rds:ListTagsForResource'],
  },
  aws_db_parameter_group: {
    services: ['rds'],
    refreshReads: ['rds:DescribeDBParameterGroups', 'rds:DescribeDBParameters', 'rds:ListTagsForResource'],
  },
  aws_db_subnet_group: { services: ['rds'], refreshReads: ['rds:DescribeDBSubnetGroups', 'rds:ListTagsForResource'] },
  // Judgement: the default group is found and refreshed with DescribeSecurityGroups.
  aws_default_security_group: { services: ['ec2'], refreshReads: ['ec2:DescribeSecurityGroups'] },
  aws_dynamodb_table: {
    // kms: DynamoDB creates a grant on a customer managed key as the caller.
    services: ['dynamodb', 'kms'],
    // Read (verified): DescribeTable, DescribeContinuousBackups (PITR), DescribeTimeToLive, tags.
    refreshReads: [
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:DescribeTable',
      'dynamodb:DescribeTimeToLive',
      'dynamodb:ListTagsOfResource',
    ],
  },
  // Judgement for the ECR types: one Get/Describe each, tags on repositories.
  aws_ecr_lifecycle_policy: { services: ['ecr'], refreshReads: ['ecr:GetLifecyclePolicy'] },
  aws_ecr_registry_scanning_configuration: {
    // Enhanced scanning is Amazon Inspector: ECR enables it, and its service-linked role, as the caller.
    services: ['ecr', 'iam', 'inspector2'],
    refreshReads: ['ecr:GetRegistryScanningConfiguration'],
  },
  // iam: the first replication rule creates ECR's replication service-linked role.
  aws_ecr_replication_configuration: { services: ['ecr', 'iam'], refreshReads: ['ecr:DescribeRegistry'] },
  aws_ecr_repository: {
    // kms: ECR creates a grant on a customer managed key as the caller.
    services: ['ecr', 'kms'],
    refreshReads: ['ecr:DescribeRepositories', 'ecr:ListTagsForResource'],
  },
  aws_ecr_repository_policy: { services: ['ecr'], refreshReads: ['ecr:GetRepositoryPolicy'] },
  // ECS: Describe* with `include = TAGS` returns tags; ListTagsForResource is the interceptor's fallback.
  aws_ecs_capacity_provider: { services: ['ecs'], refreshReads: ['ecs:DescribeCapacityProviders', 'ecs:ListTagsForResource'] },
  aws_ecs_cluster: { services: ['ecs'], refreshReads: ['ecs:DescribeClusters', 'ecs:ListTagsForResource'] },
  aws_ecs_cluster_capacity_providers: { services: ['ecs'], refreshReads: ['ecs:DescribeClusters'] },
  // iam: `iam_role` (load balancer role) is passed to ECS. Read (verified): DescribeServices only.
  aws_ecs_service: { services: ['ecs', 'iam'], refreshReads: ['ecs:DescribeServices', 'ecs:ListTagsForResource'] },
  aws_ecs_task_definition: {
    // iam: the task and execution roles are passed to ECS.
    services: ['ecs', 'iam'],
    // DescribeTaskDefinition returns the container definitions: configuration, not secret values
    // (secrets are `valueFrom` references to Secrets Manager or SSM, resolved by ECS at launch).
    refreshReads: ['ecs:DescribeTaskDefinition', 'ecs:ListTagsForResource'],
  },
  // Read (verified): DescribeAddresses and DescribeAddressesAttribute (`ptr_record`).
  aws_eip: { services: ['ec2'], refreshReads: ['ec2:DescribeAddresses', 'ec2:DescribeAddressesAttribute'] },
  aws_elasticache_replication_group: {
    services: ['elasticache'],
    // Read (verified for the member cluster): DescribeReplicationGroups, then DescribeCacheClusters
    // of the first member for engine and network settings; tags.
    refreshReads: ['elasticache:DescribeCacheClusters', 'elasticache:DescribeReplicationGroups', 'elasticache:ListTagsForResource'],
  },
  aws_elasticache_subnet_group: {
    services: ['elasticache'],
    refreshReads: ['elasticache:DescribeCacheSubnetGroups', 'elasticache:ListTagsForResource'],
  },
  // iam: `iam_role_arn` (delivery to CloudWatch Logs) is passed; logs and s3: delivery to Logs
  // or S3 creates a log delivery and may update the bucket policy as the caller.
  aws_flow_log: { services: ['ec2', 'iam', 'logs', 's3'], refreshReads: ['ec2:DescribeFlowLogs'] },
  // Judgement for the IAM types: Get of the object (tags included), the List*Tags fallback.
  aws_iam_instance_profile: { services: ['iam'], refreshReads: ['iam:GetInstanceProfile', 'iam:ListInstanceProfileTags'] },
  aws_iam_openid_connect_provider: {
    services: ['iam'],
    refreshReads: ['iam:GetOpenIDConnectProvider', 'iam:ListOpenIDConnectProviderTags'],
  },
  aws_iam_policy: { services: ['iam'], refreshReads: ['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyTags'] },
  aws_iam_role: {
    services: ['iam'],
    // GetRole, plus the inline (ListRolePolicies, GetRolePolicy) and managed (ListAttachedRolePolicies)
    // policies the role reports.
    refreshReads: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:ListRoleTags'],
  },
  aws_iam_role_policy: { services: ['iam'], refreshReads: ['iam:GetRolePolicy'] },
  aws_iam_role_policy_attachment: { services: ['iam'], refreshReads: ['iam:ListAttachedRolePolicies'] },
  aws_internet_gateway: { services: ['ec2'], refreshReads: ['ec2:DescribeInternetGateways'] },
  aws_kms_alias: { services: ['kms'], refreshReads: ['kms:ListAliases'] },
  aws_kms_grant: { services: ['kms'], refreshReads: ['kms:ListGrants'] },
  // Read (verified): DescribeKey, GetKeyPolicy, GetKeyRotationStatus, tags. Never Decrypt.
  aws_kms_key: {
    services: ['kms'],
    refreshReads: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
  },
  // Judgement: DescribeLaunchTemplates and DescribeLaunchTemplateVersions (the default or latest version's data).
  aws_launch_template: { services: ['ec2'], refreshReads: ['ec2:DescribeLaunchTemplateVersions', 'ec2:DescribeLaunchTemplates'] },
  // Read (verified): DescribeLoadBalancers, DescribeLoadBalancerAttributes, DescribeCapacityReservation; tags by DescribeTags.
  aws_lb: {
    services: ['elasticloadbalancing'],
    refreshReads: [
      'elasticloadbalancing:DescribeCapacityReservation',
      'elasticloadbalancing:DescribeLoadBalancerAttributes',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTags',
    ],
  },
  // Read (verified): DescribeListeners and, for non-TLS listeners, DescribeListenerAttributes.
  aws_lb_listener: {
    services: ['elasticloadbalancing'],
    refreshReads: [
      'elasticloadbalancing:DescribeListenerAttributes',
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeTags',
    ],
  },
  aws_lb_listener_rule: {
    services: ['elasticloadbalancing'],
    refreshReads: ['elasticloadbalancing:DescribeRules', 'elasticloadbalancing:DescribeTags'],
  },
  aws_lb_target_group: {
    services: ['elasticloadbalancing'],
    refreshReads: [
      'elasticloadbalancing:DescribeTags',
      'elasticloadbalancing:DescribeTargetGroupAttributes',
      'elasticloadbalancing:DescribeTargetGroups',
    ],
  },
  aws_nat_gateway: { services: ['ec2'], refreshReads: ['ec2:DescribeNatGateways'] },
  aws_rds_cluster: {
    // iam: `iam_roles` and monitoring role; kms and secretsmanager as for aws_db_instance.
    services: ['rds', 'iam', 'kms', 'secretsmanager'],
    // Read (verified): DescribeDBClusters, DescribeGlobalClusters (`global_cluster_identifier`).
    refreshReads: ['rds:DescribeDBClusters', 'rds:DescribeGlobalClusters', 'rds:ListTagsForResource'],
  },
  aws_rds_cluster_instance: {
    services: ['rds', 'iam'],
    // Read (verified): DescribeDBInstances, and DescribeDBClusters for `writer`.
    refreshReads: ['rds:DescribeDBClusters', 'rds:DescribeDBInstances', 'rds:ListTagsForResource'],
  },
  // EC2 route types are all read from the route table.
  aws_route: { services: ['ec2'], refreshReads: ['ec2:DescribeRouteTables'] },
  // Read (verified): GetHostedZone (the zone's name completes the record name), ListResourceRecordSets.
  aws_route53_record: { services: ['route53'], refreshReads: ['route53:GetHostedZone', 'route53:ListResourceRecordSets'] },
  aws_route_table: { services: ['ec2'], refreshReads: ['ec2:DescribeRouteTables'] },
  aws_route_table_association: { services: ['ec2'], refreshReads: ['ec2:DescribeRouteTables'] },
  aws_s3_bucket: s3Bucket,
  // Judgement for the S3 sub-resources: each reads its one configuration, without HeadBucket.
  aws_s3_bucket_lifecycle_configuration: { services: ['s3'], refreshReads: ['s3:GetLifecycleConfiguration'] },
  aws_s3_bucket_notification: { services: ['s3'], refreshReads: ['s3:GetBucketNotification'] },
  aws_s3_bucket_ownership_controls: { services: ['s3'], refreshReads: ['s3:GetBucketOwnershipControls'] },
  aws_s3_bucket_policy: { services: ['s3'], refreshReads: ['s3:GetBucketPolicy'] },
  aws_s3_bucket_public_access_block: { services: ['s3'], refreshReads: ['s3:GetBucketPublicAccessBlock'] },
  aws_s3_bucket_server_side_encryption_configuration: { services: ['s3'], refreshReads: ['s3:GetEncryptionConfiguration'] },
  aws_s3_bucket_versioning: { services: ['s3'], refreshReads: ['s3:GetBucketVersioning'] },
  // Judgement for EventBridge Scheduler: schedules carry no tags, groups do.
  // iam: the target's `role_arn` is passed to the scheduler.
  aws_scheduler_schedule: { services: ['scheduler', 'iam'], refreshReads: ['scheduler:GetSchedule'] },
  aws_scheduler_schedule_group: {
    services: ['scheduler'],
    refreshReads: ['scheduler:GetScheduleGroup', 'scheduler:ListTagsForResource'],
  },
  aws_secretsmanager_secret: {
    services: ['secretsmanager'],
    // Read (verified): DescribeSecret (tags included) and GetResourcePolicy; never the value.
    refreshReads: ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy'],
  },
  aws_secretsmanager_secret_policy: { services: ['secretsmanager'], refreshReads: ['secretsmanager:GetResourcePolicy'] },
  aws_security_group: { services: ['ec2'], refreshReads: ['ec2:DescribeSecurityGroups'] },
  // Judgement for Cloud Map: GetNamespace / GetService, tags by ListTagsForResource.
  aws_service_discovery_http_namespace: {
    services: ['servicediscovery'],
    refreshReads: ['servicediscovery:GetNamespace', 'servicediscovery:ListTagsForResource'],
  },
  aws_service_discovery_private_dns_namespace: {
    // Cloud Map creates the private hosted zone, and checks the VPC, as the caller.
    services: ['servicediscovery', 'route53', 'ec2'],
    refreshReads: ['servicediscovery:GetNamespace', 'servicediscovery:ListTagsForResource'],
  },
  aws_service_discovery_service: {
    // route53: DNS records and health checks Cloud Map manages in the namespace's zone.
    services: ['servicediscovery', 'route53'],
    refreshReads: ['servicediscovery:GetService', 'servicediscovery:ListTagsForResource'],
  },
  // Judgement for SNS: GetTopicAttributes / GetSubscriptionAttributes, tags by ListTagsForResource.
  aws_sns_topic: { services: ['sns'], refreshReads: ['sns:GetTopicAttributes', 'sns:ListTagsForResource'] },
  aws_sns_topic_policy: { services: ['sns'], refreshReads: ['sns:GetTopicAttributes'] },
  aws_sns_topic_subscription: { services: ['sns'], refreshReads: ['sns:GetSubscriptionAttributes'] },
  // GetQueueAttributes and ListQueueTags; never ReceiveMessage. The queue policy types read the queue's attributes.
  aws_sqs_queue: { services: ['sqs'], refreshReads: ['sqs:GetQueueAttributes', 'sqs:ListQueueTags'] },
  aws_sqs_queue_policy: { services: ['sqs'], refreshReads: ['sqs:GetQueueAttributes'] },
  aws_sqs_queue_redrive_allow_policy: { services: ['sqs'], refreshReads: ['sqs:GetQueueAttributes'] },
  aws_sqs_queue_redrive_policy: { services: ['sqs'], refreshReads: ['sqs:GetQueueAttributes'] },
  aws_ssm_parameter: {
    // kms: a SecureString with a customer managed key is encrypted with the caller's kms:Encrypt.
    services: ['ssm', 'kms'],
    // Read (verified): GetParameter with decryption, DescribeParameters for the metadata, tags.
    refreshReads: ['ssm:DescribeParameters', 'ssm:ListTagsForResource'],
    dataReads: {
      actions: ['ssm:GetParameter'],
      reason:
        'refresh calls GetParameter with decryption to compare the value; a SecureString encrypted with a ' +
        'customer managed key also needs kms:Decrypt on that key, which the key policy must grant (it is not granted here)',
    },
  },
  aws_subnet: { services: ['ec2'], refreshReads: ['ec2:DescribeSubnets'] },
  aws_vpc: {
    services: ['ec2'],
    // Read (verified): DescribeVpcs, DescribeVpcAttribute (DNS and usage metrics), and the
    // default network ACL, main route table and default security group.
    refreshReads: [
      'ec2:DescribeNetworkAcls',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeVpcAttribute',
      'ec2:DescribeVpcs',
    ],
  },
  aws_vpc_endpoint: {
    services: ['ec2'],
    // Read (verified): DescribeVpcEndpoints, DescribePrefixLists (gateway endpoints' prefix list)
    // and DescribeNetworkInterfaces (`subnet_configuration`, newer provider releases).
    refreshReads: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribePrefixLists', 'ec2:DescribeVpcEndpoints'],
  },
  aws_vpc_security_group_egress_rule: { services: ['ec2'], refreshReads: ['ec2:DescribeSecurityGroupRules'] },
  aws_vpc_security_group_ingress_rule: { services: ['ec2'], refreshReads: ['ec2:DescribeSecurityGroupRules'] },
  // Judgement for WAFv2: GetWebACL with tags, GetWebACLForResource, GetLoggingConfiguration.
  aws_wafv2_web_acl: { services: ['wafv2'], refreshReads: ['wafv2:GetWebACL', 'wafv2:ListTagsForResource'] },
  // elasticloadbalancing: associating an ALB calls elasticloadbalancing:SetWebACL as the caller.
  aws_wafv2_web_acl_association: { services: ['wafv2', 'elasticloadbalancing'], refreshReads: ['wafv2:GetWebACLForResource'] },
  aws_wafv2_web_acl_logging_configuration: {
    // WAF sets up the log delivery (logs resource policy, service-linked role) as the caller.
    services: ['wafv2', 'iam', 'logs'],
    refreshReads: ['wafv2:GetLoggingConfiguration'],
  },
};

/**
 * Actions that read stored data rather than configuration, with why. The plan role must hold
 * none of them except the data reads of `RESOURCE_ACCESS`, and those only on its stack's ARNs.
 */
export const DATA_PLANE_READ_ACTIONS: Readonly<Record<string, string>> = {
  'athena:GetQueryResults': 'returns the rows of a query over the data lake',
  'dynamodb:BatchGetItem': 'returns table items',
  'dynamodb:GetItem': 'returns a table item',
  'dynamodb:GetRecords': 'returns item changes from a table stream',
  'dynamodb:PartiQLSelect': 'returns table items through PartiQL',
  'dynamodb:Query': 'returns table items',
  'dynamodb:Scan': 'returns every item of a table',
  'ec2:GetConsoleOutput': 'returns an instance console log, which can hold secrets printed at boot',
  'ec2:GetPasswordData': 'returns the encrypted Windows administrator password',
  'ecr:BatchGetImage': 'returns image manifests, the first step of pulling an image',
  'ecr:GetDownloadUrlForLayer': 'returns download URLs of image layers (the image contents)',
  'kinesis:GetRecords': 'returns stream records',
  'kms:Decrypt': 'turns ciphertext into plaintext',
  'lambda:GetFunction': 'returns a download URL of the function code',
  'logs:FilterLogEvents': 'returns log events',
  'logs:GetLogEvents': 'returns log events',
  'logs:GetLogRecord': 'returns a log record',
  'logs:GetQueryResults': 'returns the results of a Logs Insights query',
  'logs:StartLiveTail': 'streams log events',
  'logs:StartQuery': 'runs a Logs Insights query over log events',
  'logs:Unmask': 'shows data that a data protection policy masks',
  'rds-data:BatchExecuteStatement': 'runs SQL against a database',
  'rds-data:ExecuteStatement': 'runs SQL against a database, reads included',
  's3:GetObject': 'returns object contents',
  's3:GetObjectVersion': 'returns the contents of an object version',
  's3:ListBucket': 'lists object names, which can be data themselves (and authorises HeadBucket)',
  's3:ListBucketVersions': 'lists the names of every object version',
  'secretsmanager:BatchGetSecretValue': 'returns secret values',
  'secretsmanager:GetSecretValue': 'returns a secret value',
  'sqs:ReceiveMessage': 'returns (and hides from consumers) queue messages',
  'ssm:GetParameter': 'returns a parameter value, decrypted on request',
  'ssm:GetParameterHistory': 'returns past parameter values',
  'ssm:GetParameters': 'returns parameter values',
  'ssm:GetParametersByPath': 'returns the values of every parameter under a path',
};

/**
 * The data-plane reads (keys of `DATA_PLANE_READ_ACTIONS`, sorted) that `actions` grant, with
 * IAM's wildcards expanded: `s3:Get*` yields s3:GetObject and s3:GetObjectVersion, `*` all.
 */
export function dataPlaneReadsIn(actions: readonly string[]): string[] {
  const found = new Set<string>();
  for (const pattern of actions) for (const dataRead of dataReadsMatching(pattern)) found.add(dataRead);
  return [...found].sort();
}

/**
 * The data-plane reads one action pattern grants. A plain action (most of a CI role's) is
 * looked up, case-insensitively as IAM compares; a pattern with a wildcard is matched against
 * each read once a process, since the same patterns recur in every stack.
 */
function dataReadsMatching(pattern: string): readonly string[] {
  if (!/[*?]/.test(pattern)) {
    const dataRead = dataReadsByLowerCase().get(pattern.toLowerCase());
    return dataRead ? [dataRead] : [];
  }
  let matching = dataReadsByPattern.get(pattern);
  if (!matching) {
    matching = Object.keys(DATA_PLANE_READ_ACTIONS).filter((dataRead) => actionMatches(pattern, dataRead));
    dataReadsByPattern.set(pattern, matching);
  }
  return matching;
}

const dataReadsByPattern = new Map<string, readonly string[]>();
let lowerCasedDataReads: ReadonlyMap<string, string> | undefined;

function dataReadsByLowerCase(): ReadonlyMap<string, string> {
  lowerCasedDataReads ??= new Map(Object.keys(DATA_PLANE_READ_ACTIONS).map((dataRead) => [dataRead.toLowerCase(), dataRead]));
  return lowerCasedDataReads;
}

/** The types of `types` that `RESOURCE_ACCESS` does not know, deduplicated and sorted. */
export function unknownResourceTypes(types: readonly string[]): string[] {
  return [...new Set(types)].filter((type) => !Object.hasOwn(RESOURCE_ACCESS, type)).sort();
}

/** The table's entries for `types`, sorted by type; throws naming every unknown type. */
function entriesOf(types: readonly string[]): [string, ResourceTypeAccess][] {
  const unknown = unknownResourceTypes(types);
  if (unknown.length > 0) {
    throw new Error(
      `no CI access is known for resource type${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}: ` +
        'add them to RESOURCE_ACCESS in libs/iam-policy/src/resource-access.ts',
    );
  }
  return [...new Set(types)].sort().map((type) => [type, RESOURCE_ACCESS[type]]);
}

/** The deploy role's service prefixes for `types`, sorted; throws naming every unknown type. */
export function deployRoleServices(types: readonly string[]): string[] {
  return [...new Set(entriesOf(types).flatMap(([, access]) => access.services))].sort();
}

/** The types of `types` whose refresh reads data, with what and why; throws for unknown types. */
export function dataReadsOf(types: readonly string[]): { readonly type: string; readonly dataReads: DataReads }[] {
  return entriesOf(types).flatMap(([type, access]) => (access.dataReads ? [{ type, dataReads: access.dataReads }] : []));
}

export interface PlanRoleOptions {
  /**
   * Per resource type with data reads (`aws_s3_bucket`, `aws_ssm_parameter`), the ARNs of the
   * stack's own resources of that type: its data reads are granted on exactly these. A type
   * left out gets no data reads, and its refresh then fails with AccessDenied. @default none
   */
  readonly dataReadResources?: Readonly<Record<string, readonly string[]>>;
}

/** `application-autoscaling` to `ApplicationAutoscaling`, `aws_s3_bucket` to `AwsS3Bucket`: Sids allow only letters and digits. */
function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Canonical spelling of a table action; the table is tested to hold real actions only. */
function canonical(action: string): string {
  const name = canonicalActionName(action);
  if (!name) throw new Error(`RESOURCE_ACCESS names "${action}", which is not an IAM action`);
  return name;
}

/**
 * The plan role's statements for the resource types of its stack: one `Refresh<Service>`
 * statement per service with the refresh reads of exactly those types (deduplicated, sorted),
 * then one `DataRead<Type>` statement per type given in `options.dataReadResources`.
 * Refresh reads are granted on "*": most Describe and List calls support no resource-level
 * scoping, and a stack's ARNs are not known before its resources exist. Deterministic for any
 * order or repetition of `types`; throws naming every type missing from `RESOURCE_ACCESS`, so a
 * new resource type in a stack fails loudly rather than failing the plan.
 */
export function planRoleStatements(types: readonly string[], options: PlanRoleOptions = {}): Statement[] {
  const entries = entriesOf(types);
  const byService = new Map<string, Set<string>>();
  for (const [, access] of entries) {
    for (const action of access.refreshReads.map(canonical)) {
      const service = action.slice(0, action.indexOf(':'));
      byService.set(service, (byService.get(service) ?? new Set()).add(action));
    }
  }
  const refresh: Statement[] = [...byService.keys()].sort().map((service) => ({
    Sid: `Refresh${pascal(service)}`,
    Effect: 'Allow',
    Action: [...(byService.get(service) ?? [])].sort(),
    Resource: '*',
  }));

  const given = options.dataReadResources ?? {};
  const withDataReads = new Map(entries.flatMap(([type, access]) => (access.dataReads ? [[type, access.dataReads] as const] : [])));
  const misplaced = Object.keys(given).filter((type) => !withDataReads.has(type)).sort();
  if (misplaced.length > 0) {
    throw new Error(`dataReadResources names ${misplaced.join(', ')}, which are not types of this stack with data reads`);
  }
  const dataReads: Statement[] = Object.keys(given)
    .sort()
    .map((type) => {
      const resources = [...new Set(given[type])].sort();
      if (resources.length === 0) throw new Error(`dataReadResources.${type} is empty: give the stack's ARNs or leave the type out`);
      return {
        Sid: `DataRead${pascal(type.replace(/^aws_/, ''))}`,
        Effect: 'Allow',
        Action: [...(withDataReads.get(type)?.actions ?? [])].map(canonical).sort(),
        Resource: resources,
      };
    });
  return [...refresh, ...dataReads];
}
