import {
  accountRootArn,
  arnLocation,
  ecsClusterArn,
  ecsTaskDefinitionFamilyArn,
  iamRoleArn,
  kmsAliasArn,
  logGroupArn,
  s3BucketArn,
  scheduleGroupArn,
  sqsQueueArn,
  sqsQueueUrl,
  ssmParameterArn,
} from './arns';
import {
  dataBucketName,
  deadLetterQueueName,
  ec2CapacityProviderName,
  scheduleGroupName,
  serviceAlarmName,
  serviceLogGroupName,
  targetGroupName,
  workQueueName,
} from './names';

describe('ARNs', () => {
  it('are built in the aws partition, with the fields IAM and S3 leave empty', () => {
    expect(accountRootArn('123456789012')).toBe('arn:aws:iam::123456789012:root');
    expect(iamRoleArn('123456789012', 'prod-web-task')).toBe('arn:aws:iam::123456789012:role/prod-web-task');
    expect(logGroupArn('eu-west-1', '123456789012', '/ecs/prod/*')).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/prod/*');
    expect(s3BucketArn('logs')).toBe('arn:aws:s3:::logs');
    expect(ssmParameterArn('eu-west-1', '123456789012', '/prod/x')).toBe('arn:aws:ssm:eu-west-1:123456789012:parameter/prod/x');
    expect(kmsAliasArn('eu-west-1', '123456789012', 'state')).toBe('arn:aws:kms:eu-west-1:123456789012:alias/state');
  });

  it('name queues, task definition families, clusters and schedule groups as their services write them', () => {
    expect(sqsQueueArn('eu-west-1', '123456789012', 'prod-orders')).toBe('arn:aws:sqs:eu-west-1:123456789012:prod-orders');
    expect(sqsQueueUrl('eu-west-1', '123456789012', 'prod-orders')).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/prod-orders');
    expect(ecsTaskDefinitionFamilyArn('eu-west-1', '123456789012', 'prod-cleanup')).toBe('arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-cleanup:*');
    expect(ecsClusterArn('eu-west-1', '123456789012', 'prod')).toBe('arn:aws:ecs:eu-west-1:123456789012:cluster/prod');
    expect(scheduleGroupArn('eu-west-1', '123456789012', 'prod')).toBe('arn:aws:scheduler:eu-west-1:123456789012:schedule-group/prod');
  });

  it('reads the account and region back, and nothing from a token', () => {
    expect(arnLocation('arn:aws:secretsmanager:eu-west-1:123456789012:secret:x')).toEqual({
      service: 'secretsmanager',
      region: 'eu-west-1',
      accountId: '123456789012',
    });
    expect(arnLocation('${aws_iam_role.x.arn}')).toBeUndefined();
  });
});

describe('names', () => {
  it('begin with the environment name', () => {
    expect(serviceLogGroupName('prod', 'web')).toBe('/ecs/prod/web');
    expect(serviceAlarmName('prod', 'web', 'target-5xx')).toBe('prod-web-target-5xx');
    expect(dataBucketName('prod', 'uploads', '123456789012', 'eu-west-1')).toBe('prod-uploads-123456789012-eu-west-1');
    expect(workQueueName('prod', 'order-worker')).toBe('prod-order-worker');
    expect(deadLetterQueueName('prod-order-worker')).toBe('prod-order-worker-dlq');
    expect(scheduleGroupName('prod')).toBe('prod');
  });

  it('keep ECS capacity provider names off the reserved prefixes', () => {
    expect(ec2CapacityProviderName('prod')).toBe('prod-ec2');
    expect(ec2CapacityProviderName('ecs-lab')).toBe('cp-ecs-lab-ec2');
  });

  it('give a target group a new name when an attribute that forces a new one changes, within 32 characters', () => {
    const http = targetGroupName('staging', 'storefront', { port: 8080, protocol: 'HTTP', targetType: 'ip' });
    expect(http).toMatch(/^staging-storefront-[0-9a-z]{6}$/);
    expect(targetGroupName('staging', 'storefront', { port: 9090, protocol: 'HTTP', targetType: 'ip' })).not.toBe(http);
    const long = targetGroupName('production-eu', 'very-long-service-name', { port: 80, protocol: 'HTTP', targetType: 'ip' });
    expect(long.length).toBeLessThanOrEqual(32);
    expect(long).not.toBe(targetGroupName('production-eu', 'very-long-service-name-2', { port: 80, protocol: 'HTTP', targetType: 'ip' }));
  });
});
