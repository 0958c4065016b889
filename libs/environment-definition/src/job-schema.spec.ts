import { containerImages } from './compute-schema';
import { problemsAfter, validateChanged } from './test-fixtures';

// jobs[]: scheduled jobs (docs/service-patterns.md). Every rule's message, exactly.
function job(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'nightly-cleanup',
    image: { repository: 'sample-service', tag: '1.2.3' },
    command: ['node', 'src/cleanup.js'],
    cpu: 256,
    memory: 512,
    schedule: 'cron(30 2 * * ? *)',
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

const withJob = (overrides: Record<string, unknown> = {}) => problemsAfter((d) => (d.jobs = [job(overrides)]));

describe('jobs[]', () => {
  it('accepts a job with every field, and its image counts among the environment\'s', () => {
    const result = validateChanged((d) => {
      d.jobs = [
        job({
          architecture: 'ARM64',
          capacity: { fargateSpot: 1 },
          retryPolicy: { maximumRetryAttempts: 0, maximumEventAge: 600 },
          environment: { RETENTION_HOURS: '24' },
          secrets: { DATABASE_URL: 'arn:aws:secretsmanager:eu-central-1:456789012345:secret:prod/cleanup/db-AbC123' },
          secretKmsKeyArns: ['arn:aws:kms:eu-central-1:456789012345:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
          containerHealthCheck: { command: ['CMD-SHELL', 'true'] },
          stopTimeout: 60,
          readOnlyRootFilesystem: true,
          user: '1000',
          taskRolePolicies: [{ sid: 'PurgeExports', actions: ['s3:DeleteObject'], resources: ['arn:aws:s3:::exports/*'], reason: 'expired exports by key' }],
          egress: [{ port: 5432, cidr: '10.40.224.0/20', description: 'PostgreSQL' }],
        }),
        job({ name: 'hourly-report', schedule: 'rate(1 hour)', timezone: undefined }),
      ];
    });
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(containerImages(result.value).map((entry) => entry.path.join('.'))).toEqual(['services.0.image', 'jobs.0.image', 'jobs.1.image']);
  });

  it('needs a cron or rate schedule EventBridge Scheduler reads', () => {
    expect(withJob({ schedule: 'cron(30 2 * * *)' })).toEqual([
      'jobs[0].schedule: "cron(30 2 * * *)" has 5 fields; EventBridge Scheduler needs 6: Minutes Hours Day-of-month Month Day-of-week Year',
    ]);
    expect(withJob({ schedule: 'every night' })).toEqual([
      'jobs[0].schedule: "every night" must be a cron(...) or a rate(...) expression, like "cron(0 3 * * ? *)" (03:00 every day) or "rate(6 hours)"',
    ]);
    expect(withJob({ schedule: 'rate(1 days)', timezone: undefined })).toEqual(['jobs[0].schedule: "rate(1 days)": a value of 1 takes the singular unit ("rate(1 day)")']);
    expect(withJob({ schedule: 'cron(30 2 * * MON *)' })).toEqual(['jobs[0].schedule: "cron(30 2 * * MON *)": exactly one of day-of-month and day-of-week must be "?"']);
  });

  it('needs a time zone with cron and refuses one with rate', () => {
    expect(withJob({ timezone: undefined })).toEqual(['jobs[0].timezone: is required with a cron(...) schedule: an IANA zone like "Europe/Berlin" or "UTC"']);
    expect(withJob({ timezone: 'Europe/Berln' })).toEqual(['jobs[0].timezone: "Europe/Berln" is not an IANA time zone like "Europe/Berlin" or "UTC" (did you mean "Europe/Berlin"?)']);
    expect(withJob({ schedule: 'rate(6 hours)' })).toEqual([
      'jobs[0].timezone: is only for cron(...) schedules: a rate(...) runs at fixed intervals from when the schedule is created',
    ]);
  });

  it('checks the retry policy against what Scheduler accepts', () => {
    expect(withJob({ retryPolicy: { maximumRetryAttempts: 186, maximumEventAge: 59 } })).toEqual([
      'jobs[0].retryPolicy.maximumRetryAttempts: must be between 0 and 185, got 186',
      'jobs[0].retryPolicy.maximumEventAge: must be between 60 and 86400 seconds, got 59',
    ]);
  });

  it('checks the task size, the stop timeout and the container settings as a service\'s', () => {
    expect(withJob({ cpu: 300, stopTimeout: 200 })).toEqual([
      'jobs[0].cpu: 300 is not a Fargate CPU value; use one of 256, 512, 1024, 2048, 4096, 8192, 16384',
      'jobs[0].stopTimeout: must be at most 120 seconds on Fargate, got 200',
    ]);
    expect(withJob({ stopTimeout: 1 })).toEqual(['jobs[0].stopTimeout: must be between 2 and 3600 seconds, got 1']);
    expect(withJob({ readOnlyRootFilesystem: false, user: 'root', environment: { API_TOKEN: 'x' } })).toEqual([
      'jobs[0].environment.API_TOKEN: looks like a secret; pass it through "secrets" (a Secrets Manager or SSM parameter ARN), never as a plain environment variable',
      'jobs[0].user: "root" runs the container as root; use a non-root user such as "1000"',
      'jobs[0].readOnlyRootFilesystem: a writable root filesystem needs "readOnlyRootFilesystemReason" (a writable /tmp is always mounted)',
    ]);
    expect(withJob({ name: 'Cleanup' })).toEqual(['jobs[0].name: "Cleanup" must be 2 to 20 lowercase letters, digits and hyphens, starting with a letter']);
    expect(withJob({ desiredCount: 1 })).toEqual(['jobs[0].desiredCount: unknown field; known fields: ' + [
      'name', 'image', 'command', 'cpu', 'memory', 'architecture', 'capacity', 'schedule', 'timezone', 'retryPolicy', 'environment', 'secrets',
      'secretKmsKeyArns', 'containerHealthCheck', 'stopTimeout', 'readOnlyRootFilesystem', 'readOnlyRootFilesystemReason', 'user', 'taskRolePolicies', 'egress',
    ].join(', ')]);
  });

  it('has a name no service and no other job has', () => {
    expect(withJob({ name: 'web' })).toEqual([
      'jobs[0].name: "web" is already the name of services[0] (a job and a service share /ecs/<env>/<name> and the role names)',
    ]);
    expect(problemsAfter((d) => (d.jobs = [job(), job()]))).toEqual(['jobs[1].name: "nightly-cleanup" is already the name of jobs[0]']);
  });

  it('reads secrets and keys of the environment\'s own account, and runs on EC2 only where there is EC2 capacity', () => {
    expect(
      withJob({
        secrets: { DATABASE_URL: 'arn:aws:secretsmanager:eu-central-1:345678901234:secret:staging/db-AbC123' },
        secretKmsKeyArns: ['arn:aws:kms:eu-central-1:345678901234:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
        capacity: { ec2: 1 },
        cpu: 300,
      }),
    ).toEqual([
      "jobs[0].secrets.DATABASE_URL: the secret belongs to account 345678901234, not to this environment's account 456789012345 (copied from another environment?)",
      "jobs[0].secretKmsKeyArns[0]: the key belongs to account 345678901234, not to this environment's account 456789012345 (copied from another environment?)",
      'jobs[0].capacity.ec2: needs EC2 capacity in this environment: add compute.ec2',
    ]);
  });

  it('is a list with at least one job when given', () => {
    expect(problemsAfter((d) => (d.jobs = []))).toEqual(['jobs: must list at least 1, got 0']);
  });
});
