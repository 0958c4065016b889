import { actionAccessLevel, actionMatches, actionProblem, canonicalActionName, iamServiceExists } from './iam-actions';
import {
  DATA_PLANE_READ_ACTIONS,
  dataPlaneReadsIn,
  dataReadsOf,
  deployRoleServices,
  planRoleStatements,
  RESOURCE_ACCESS,
  unknownResourceTypes,
} from './resource-access';

/** The types the platform's stacks declare today, then those that arrive next. */
const CURRENT_TYPES = [
  'aws_acm_certificate', 'aws_acm_certificate_validation', 'aws_appautoscaling_policy', 'aws_appautoscaling_scheduled_action',
  'aws_appautoscaling_target', 'aws_autoscaling_group', 'aws_cloudwatch_dashboard', 'aws_cloudwatch_log_group',
  'aws_cloudwatch_metric_alarm', 'aws_default_security_group', 'aws_dynamodb_table', 'aws_ecr_lifecycle_policy',
  'aws_ecr_registry_scanning_configuration', 'aws_ecr_replication_configuration', 'aws_ecr_repository', 'aws_ecr_repository_policy',
  'aws_ecs_capacity_provider', 'aws_ecs_cluster', 'aws_ecs_cluster_capacity_providers', 'aws_ecs_service', 'aws_ecs_task_definition',
  'aws_eip', 'aws_flow_log', 'aws_iam_instance_profile', 'aws_iam_openid_connect_provider', 'aws_iam_policy', 'aws_iam_role',
  'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_internet_gateway', 'aws_kms_alias', 'aws_kms_key',
  'aws_launch_template', 'aws_lb', 'aws_lb_listener', 'aws_lb_listener_rule', 'aws_lb_target_group', 'aws_nat_gateway', 'aws_route',
  'aws_route53_record', 'aws_route_table', 'aws_route_table_association', 'aws_s3_bucket', 'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning', 'aws_security_group', 'aws_sns_topic',
  'aws_sns_topic_policy', 'aws_sns_topic_subscription', 'aws_subnet', 'aws_vpc', 'aws_vpc_endpoint',
  'aws_vpc_security_group_egress_rule', 'aws_vpc_security_group_ingress_rule',
];
const NEXT_TYPES = [
  'aws_db_instance', 'aws_db_subnet_group', 'aws_db_parameter_group', 'aws_rds_cluster', 'aws_rds_cluster_instance',
  'aws_wafv2_web_acl', 'aws_wafv2_web_acl_association', 'aws_wafv2_web_acl_logging_configuration', 'aws_sqs_queue',
  'aws_sqs_queue_policy', 'aws_sqs_queue_redrive_policy', 'aws_sqs_queue_redrive_allow_policy', 'aws_scheduler_schedule',
  'aws_scheduler_schedule_group', 'aws_service_discovery_http_namespace', 'aws_service_discovery_private_dns_namespace',
  'aws_service_discovery_service', 'aws_secretsmanager_secret', 'aws_secretsmanager_secret_policy', 'aws_ssm_parameter',
  'aws_elasticache_replication_group', 'aws_elasticache_subnet_group', 'aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target',
  'aws_s3_bucket_notification', 'aws_cloudwatch_log_resource_policy', 'aws_kms_grant',
];

const entries = Object.entries(RESOURCE_ACCESS);
const tableActions = entries.flatMap(([type, access]) =>
  [...access.refreshReads, ...(access.dataReads?.actions ?? [])].map((action) => [type, action] as const),
);

describe('RESOURCE_ACCESS', () => {
  it('covers the current and the coming resource types, and keys are sorted', () => {
    expect(unknownResourceTypes([...CURRENT_TYPES, ...NEXT_TYPES])).toEqual([]);
    const keys = Object.keys(RESOURCE_ACCESS);
    expect(keys).toEqual([...keys].sort());
  });

  it('names only real IAM actions, spelled as the dataset spells them', () => {
    const problems = tableActions.flatMap(([type, action]) => {
      const problem = actionProblem(action);
      if (problem) return [`${type}: ${problem}`];
      return canonicalActionName(action) === action ? [] : [`${type}: "${action}" is spelled "${canonicalActionName(action)}"`];
    });
    expect(problems).toEqual([]);
  });

  it('refreshes with List and Read actions only', () => {
    const writes = tableActions.filter(([, action]) => actionAccessLevel(action).some((level) => level !== 'List' && level !== 'Read'));
    expect(writes).toEqual([]);
  });

  it('never lists a data-plane read as a refresh read', () => {
    expect(dataPlaneReadsIn(entries.flatMap(([, access]) => access.refreshReads))).toEqual([]);
  });

  it('lists every data read as a data-plane read, with a reason', () => {
    for (const [, access] of entries) {
      if (!access.dataReads) continue;
      expect(dataPlaneReadsIn(access.dataReads.actions)).toEqual([...access.dataReads.actions].sort());
      expect(access.dataReads.reason.length).toBeGreaterThan(20);
    }
  });

  it('gives every type real services and a sorted, duplicate-free refresh list', () => {
    for (const [type, access] of entries) {
      expect({ type, unknown: access.services.filter((service) => !iamServiceExists(service)) }).toEqual({ type, unknown: [] });
      expect(access.services.length).toBeGreaterThan(0);
      expect(access.refreshReads.length).toBeGreaterThan(0);
      expect(new Set(access.refreshReads).size).toBe(access.refreshReads.length);
    }
  });

  it('keeps the IAM quirks: HeadBucket and SSM values are data reads, secrets and queues are not read', () => {
    expect(RESOURCE_ACCESS['aws_s3_bucket'].dataReads?.actions).toEqual(['s3:ListBucket']);
    expect(RESOURCE_ACCESS['aws_ssm_parameter'].dataReads?.actions).toEqual(['ssm:GetParameter']);
    expect(RESOURCE_ACCESS['aws_secretsmanager_secret'].refreshReads).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy']);
    expect(RESOURCE_ACCESS['aws_sqs_queue'].refreshReads).toEqual(['sqs:GetQueueAttributes', 'sqs:ListQueueTags']);
    expect(RESOURCE_ACCESS['aws_kms_key'].refreshReads).not.toContain('kms:Decrypt');
  });
});

describe('DATA_PLANE_READ_ACTIONS', () => {
  it('holds at least the known data reads, each a real action with a reason', () => {
    expect(Object.keys(DATA_PLANE_READ_ACTIONS)).toEqual(
      expect.arrayContaining([
        's3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions', 'ssm:GetParameter', 'ssm:GetParameters',
        'ssm:GetParametersByPath', 'secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue', 'kms:Decrypt',
        'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'logs:GetLogEvents', 'logs:FilterLogEvents',
        'logs:StartQuery', 'logs:GetQueryResults', 'sqs:ReceiveMessage', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer',
        'rds-data:ExecuteStatement', 'athena:GetQueryResults',
      ]),
    );
    for (const [action, reason] of Object.entries(DATA_PLANE_READ_ACTIONS)) {
      expect({ action, problem: actionProblem(action), canonical: canonicalActionName(action) }).toEqual({ action, problem: undefined, canonical: action });
      expect(reason.length).toBeGreaterThan(10);
    }
  });
});

describe('dataPlaneReadsIn', () => {
  it('finds exact actions, in any case', () => {
    expect(dataPlaneReadsIn(['s3:GetBucketPolicy', 'S3:GETOBJECT', 'kms:DescribeKey'])).toEqual(['s3:GetObject']);
    expect(dataPlaneReadsIn(['ec2:DescribeVpcs'])).toEqual([]);
  });

  it('answers as matching every pattern against every read does, for exact actions in any case, patterns and look-alikes', () => {
    const reads = Object.keys(DATA_PLANE_READ_ACTIONS);
    const variants = reads.flatMap((read) => [read, read.toUpperCase(), read.toLowerCase(), `${read}x`, read.replace(/[a-z]$/, '?'), read.replace(/:.*/, ':*'), read.replace(/.$/, '.')]);
    const actions = [...variants, 's3:Get*', '*:Decrypt', 'ec2:DescribeVpcs', 'not-an-action', '*'];
    const reference = (patterns: readonly string[]) => reads.filter((read) => patterns.some((pattern) => actionMatches(pattern, read))).sort();
    for (const action of actions) expect([action, dataPlaneReadsIn([action])]).toEqual([action, reference([action])]);
    expect(dataPlaneReadsIn(actions)).toEqual(reference(actions));
    // Asked again (each pattern's answer is kept), the same.
    for (const action of actions) expect([action, dataPlaneReadsIn([action])]).toEqual([action, reference([action])]);
  });

  it('expands wildcard patterns', () => {
    expect(dataPlaneReadsIn(['s3:Get*'])).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    expect(dataPlaneReadsIn(['s3:List*'])).toEqual(['s3:ListBucket', 's3:ListBucketVersions']);
    expect(dataPlaneReadsIn(['ssm:GetParameter?'])).toEqual(['ssm:GetParameters']);
    expect(dataPlaneReadsIn(['secretsmanager:*'])).toEqual(['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue']);
    expect(dataPlaneReadsIn(['*:Decrypt'])).toEqual(['kms:Decrypt']);
    expect(dataPlaneReadsIn(['*'])).toEqual(Object.keys(DATA_PLANE_READ_ACTIONS).sort());
  });
});

describe('unknownResourceTypes', () => {
  it('lists types the table does not know, once each, sorted', () => {
    expect(unknownResourceTypes(['aws_vpc', 'aws_zzz', 'aws_lambda_function', 'aws_zzz', 'toString'])).toEqual([
      'aws_lambda_function',
      'aws_zzz',
      'toString',
    ]);
  });
});

describe('deployRoleServices', () => {
  it('is the sorted union of the types\' services', () => {
    expect(deployRoleServices(['aws_vpc', 'aws_ecs_task_definition', 'aws_subnet', 'aws_ecs_service'])).toEqual(['ec2', 'ecs', 'iam']);
  });

  it('throws naming every unknown type', () => {
    expect(() => deployRoleServices(['aws_vpc', 'aws_lambda_function', 'aws_bedrock_agent'])).toThrow(
      'no CI access is known for resource types aws_bedrock_agent, aws_lambda_function: add them to RESOURCE_ACCESS in libs/iam-policy/src/resource-access.ts',
    );
  });
});

describe('dataReadsOf', () => {
  it('lists the types whose refresh reads data', () => {
    expect(dataReadsOf(['aws_vpc', 'aws_ssm_parameter', 'aws_s3_bucket']).map((entry) => entry.type)).toEqual(['aws_s3_bucket', 'aws_ssm_parameter']);
  });
});

describe('planRoleStatements', () => {
  it('grants the refresh reads of exactly the given types, one statement per service, on "*"', () => {
    expect(planRoleStatements(['aws_sqs_queue', 'aws_kms_key', 'aws_sqs_queue_policy', 'aws_kms_alias'])).toEqual([
      {
        Sid: 'RefreshKms',
        Effect: 'Allow',
        Action: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListAliases', 'kms:ListResourceTags'],
        Resource: '*',
      },
      { Sid: 'RefreshSqs', Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:ListQueueTags'], Resource: '*' },
    ]);
  });

  it('names services with dashes as Sids IAM accepts', () => {
    expect(planRoleStatements(['aws_appautoscaling_target']).map((statement) => statement.Sid)).toEqual(['RefreshApplicationAutoscaling']);
  });

  it('grants data reads only on the given resources', () => {
    const bucket = 'arn:aws:s3:::acme-dev-assets';
    const statements = planRoleStatements(['aws_s3_bucket_versioning', 'aws_s3_bucket', 'aws_ssm_parameter'], {
      dataReadResources: { aws_s3_bucket: [bucket, bucket] },
    });
    expect(statements.map((statement) => statement.Sid)).toEqual(['RefreshS3', 'RefreshSsm', 'DataReadS3Bucket']);
    expect(statements[2]).toEqual({ Sid: 'DataReadS3Bucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucket] });
    expect(dataPlaneReadsIn(statements.filter((statement) => statement.Resource === '*').flatMap((statement) => [statement.Action].flat()))).toEqual([]);
  });

  it('rejects data-read resources for types that are absent or have no data reads, and empty lists', () => {
    expect(() => planRoleStatements(['aws_vpc'], { dataReadResources: { aws_vpc: ['x'], aws_s3_bucket: ['y'] } })).toThrow(
      'dataReadResources names aws_s3_bucket, aws_vpc, which are not types of this stack with data reads',
    );
    expect(() => planRoleStatements(['aws_s3_bucket'], { dataReadResources: { aws_s3_bucket: [] } })).toThrow(
      'dataReadResources.aws_s3_bucket is empty',
    );
  });

  it('is deterministic for any order or repetition of the types', () => {
    const types = [...CURRENT_TYPES, ...NEXT_TYPES];
    const once = planRoleStatements(types);
    expect(planRoleStatements([...types].reverse())).toEqual(once);
    expect(planRoleStatements([...types, ...types.slice(0, 10)])).toEqual(once);
    expect(JSON.stringify(planRoleStatements(types))).toBe(JSON.stringify(once));
    const sids = once.map((statement) => statement.Sid);
    expect(new Set(sids).size).toBe(sids.length);
  });

  it('throws with the exact list of unknown types', () => {
    expect(() => planRoleStatements(['aws_vpc', 'aws_lambda_function', 'aws_apigatewayv2_api', 'aws_lambda_function'])).toThrow(
      new Error(
        'no CI access is known for resource types aws_apigatewayv2_api, aws_lambda_function: add them to RESOURCE_ACCESS in libs/iam-policy/src/resource-access.ts',
      ),
    );
    expect(() => planRoleStatements(['aws_lambda_function'])).toThrow(
      new Error('no CI access is known for resource type aws_lambda_function: add them to RESOURCE_ACCESS in libs/iam-policy/src/resource-access.ts'),
    );
  });
});
