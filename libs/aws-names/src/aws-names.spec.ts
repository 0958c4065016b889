import { accountRootArn, arnLocation, iamRoleArn, kmsAliasArn, logGroupArn, s3BucketArn, ssmParameterArn } from './arns';
import { dataBucketName, ec2CapacityProviderName, serviceAlarmName, serviceLogGroupName, targetGroupName } from './names';

describe('ARNs', () => {
  it('are built in the aws partition, with the fields IAM and S3 leave empty', () => {
    expect(accountRootArn('123456789012')).toBe('arn:aws:iam::123456789012:root');
    expect(iamRoleArn('123456789012', 'prod-web-task')).toBe('arn:aws:iam::123456789012:role/prod-web-task');
    expect(logGroupArn('eu-west-1', '123456789012', '/ecs/prod/*')).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/prod/*');
    expect(s3BucketArn('logs')).toBe('arn:aws:s3:::logs');
    expect(ssmParameterArn('eu-west-1', '123456789012', '/prod/x')).toBe('arn:aws:ssm:eu-west-1:123456789012:parameter/prod/x');
    expect(kmsAliasArn('eu-west-1', '123456789012', 'state')).toBe('arn:aws:kms:eu-west-1:123456789012:alias/state');
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
