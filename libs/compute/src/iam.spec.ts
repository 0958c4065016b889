import { elbLogDeliveryPrincipal } from './elb-log-delivery';
import { ecsTasksTrustPolicy, executionRoleStatements, repositoryArn, secretResource, taskRoleStatements } from './iam';

const LOG_GROUP = 'arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/dev/web';

describe('repositoryArn', () => {
  it('names the repository in the pull region and registry account, for tags and digests', () => {
    expect(repositoryArn('567890123456.dkr.ecr.eu-west-1.amazonaws.com/sample-service:1.2.3')).toBe(
      'arn:aws:ecr:eu-west-1:567890123456:repository/sample-service',
    );
    expect(repositoryArn(`567890123456.dkr.ecr.eu-central-1.amazonaws.com/team/worker@sha256:${'a'.repeat(64)}`)).toBe(
      'arn:aws:ecr:eu-central-1:567890123456:repository/team/worker',
    );
  });

  it('refuses anything that is not a pinned ECR image', () => {
    expect(() => repositoryArn('nginx:latest')).toThrow('"nginx:latest" is not an ECR image URI pinned by tag or digest');
  });
});

describe('secretResource', () => {
  it('strips the JSON key and version of a Secrets Manager reference', () => {
    expect(secretResource('arn:aws:secretsmanager:eu-west-1:1:secret:db-AbC123:password::')).toBe('arn:aws:secretsmanager:eu-west-1:1:secret:db-AbC123');
  });

  it('matches the random suffix of a secret named without it', () => {
    expect(secretResource('arn:aws:secretsmanager:eu-west-1:1:secret:prod/db')).toBe('arn:aws:secretsmanager:eu-west-1:1:secret:prod/db-??????');
  });

  it('keeps SSM parameter ARNs as they are', () => {
    expect(secretResource('arn:aws:ssm:eu-west-1:1:parameter/app/url')).toBe('arn:aws:ssm:eu-west-1:1:parameter/app/url');
  });
});

describe('executionRoleStatements', () => {
  it('pulls only the task images, writes only its log group, and reads nothing else by default', () => {
    expect(
      executionRoleStatements({
        images: ['567890123456.dkr.ecr.eu-west-1.amazonaws.com/sample-service:1.2.3', '567890123456.dkr.ecr.eu-west-1.amazonaws.com/sample-service:1.2.4'],
        logGroupArn: LOG_GROUP,
        secrets: [],
        secretKmsKeyArns: [],
      }),
    ).toEqual([
      { Sid: 'EcrAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'PullTaskImages',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: ['arn:aws:ecr:eu-west-1:567890123456:repository/sample-service'],
      },
      { Sid: 'WriteTaskLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${LOG_GROUP}:*` },
    ]);
  });

  it('reads exactly the secrets and parameters the containers name, and decrypts with their keys', () => {
    const statements = executionRoleStatements({
      images: ['567890123456.dkr.ecr.eu-west-1.amazonaws.com/app:1'],
      logGroupArn: LOG_GROUP,
      secrets: ['arn:aws:secretsmanager:eu-west-1:210987654321:secret:db-AbC123:url::', 'arn:aws:ssm:eu-west-1:210987654321:parameter/app/queue'],
      secretKmsKeyArns: ['arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    });
    expect(statements.slice(3)).toEqual([
      { Sid: 'ReadTaskSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: ['arn:aws:secretsmanager:eu-west-1:210987654321:secret:db-AbC123'] },
      { Sid: 'ReadTaskParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: ['arn:aws:ssm:eu-west-1:210987654321:parameter/app/queue'] },
      { Sid: 'DecryptTaskSecrets', Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab'] },
    ]);
  });
});

const WHERE = { accountId: '210987654321', region: 'eu-west-1' };

describe('taskRoleStatements', () => {
  it('is empty by default', () => {
    expect(taskRoleStatements([], undefined, WHERE)).toEqual([]);
  });

  it('grants what the definition lists, plus the ECS Exec session permissions when Exec is on', () => {
    const statements = taskRoleStatements(
      [{ sid: 'ReadUploads', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::uploads/*'] }],
      { logGroupArn: 'arn:aws:logs:eu-west-1:1:log-group:/aws/ecs/exec/dev', kmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k' },
      WHERE,
    );
    expect(statements[0]).toEqual({ Sid: 'ReadUploads', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::uploads/*'] });
    expect(statements.map((s) => s.Sid)).toEqual(['ReadUploads', 'EcsExecChannels', 'EcsExecFindLogGroup', 'EcsExecWriteSessionLogs', 'EcsExecSessionKey']);
    expect(statements.find((s) => s.Sid === 'EcsExecWriteSessionLogs')?.Resource).toBe('arn:aws:logs:eu-west-1:1:log-group:/aws/ecs/exec/dev:*');
    // The one lookup that lists log groups is scoped to the account's, never "*".
    expect(statements.find((s) => s.Sid === 'EcsExecFindLogGroup')?.Resource).toBe('arn:aws:logs:eu-west-1:210987654321:log-group:*');
    expect(statements.filter((s) => s.Resource === '*').map((s) => s.Sid)).toEqual(['EcsExecChannels']);
  });
});

describe('ecsTasksTrustPolicy', () => {
  it('trusts ECS tasks of this account; the task role only from ECS in this region', () => {
    expect(JSON.parse(ecsTasksTrustPolicy('210987654321', 'eu-west-1', 'task')).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '210987654321' },
      ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:eu-west-1:210987654321:*' },
    });
    expect(JSON.parse(ecsTasksTrustPolicy('210987654321', 'eu-west-1', 'execution')).Statement[0]).toEqual({
      Sid: 'TrustEcsTasksOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': '210987654321' } },
    });
  });
});

describe('elbLogDeliveryPrincipal', () => {
  it('names the regional ELB account in regions older than August 2022', () => {
    expect(elbLogDeliveryPrincipal('eu-west-1')).toEqual({ AWS: 'arn:aws:iam::156460612806:root' });
    expect(elbLogDeliveryPrincipal('eu-central-1')).toEqual({ AWS: 'arn:aws:iam::054676820928:root' });
  });

  it('names the log delivery service in newer regions', () => {
    expect(elbLogDeliveryPrincipal('eu-central-2')).toEqual({ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' });
  });
});
