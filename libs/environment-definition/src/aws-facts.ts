/** Facts about AWS that definitions are checked against, so mistakes surface before a plan. */

/** Commercial AWS regions (opt-in regions included). */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1',
  'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
  'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

/** Fargate task sizes: defined with the compute constructs' checks (`@ecs-platform/compute`). */
export { describeFargateMemory, FARGATE_MEMORY_BY_CPU } from '@ecs-platform/compute';

/** Retention periods CloudWatch Logs accepts: defined with the constructs' checks (`@ecs-platform/construct-props`). */
export { CLOUDWATCH_LOG_RETENTION_DAYS } from '@ecs-platform/construct-props';
