/**
 * `jobs[]`: scheduled jobs, task definitions that EventBridge Scheduler runs on a cron or rate
 * schedule, with no ECS service (docs/service-patterns.md). The container fields are a
 * service's; the schedule's rules are libs/compute's (`jobScheduleProblems`,
 * `jobRetryPolicyProblems`), the functions `ScheduledTask` runs. `environment-schema.ts`
 * composes them.
 */
import {
  COMPUTE_LIMITS,
  JOB_LIMITS,
  jobScheduleProblems,
  readOnlyRootFilesystemProblems,
  secretAccountProblems,
  secretsInEnvironmentProblems,
  serviceEc2CapacityProblems,
  stopTimeoutProblems,
  taskSizeProblems,
} from '@ecs-platform/compute';
import type { PropProblem } from '@ecs-platform/construct-props';
import type { ComputeDefinition, ImageReference, JobDefinition, ServiceDefinition } from './definition';
import { runsOnEc2, serviceComputeFields } from './compute-schema';
import { type FieldPath, integer, object, optional, refine, type Report, type Schema, string } from './schema';

function reportAll(report: Report, path: FieldPath, problems: readonly PropProblem[]): void {
  for (const problem of problems) report([...path, ...problem.path], problem.message);
}

/** Job names follow service names: they share `/ecs/<env>/<name>` and `<env>-<name>-*`. */
const jobName = string({
  pattern: /^[a-z][a-z0-9-]{0,18}[a-z0-9]$/,
  patternHint: 'must be 2 to 20 lowercase letters, digits and hyphens, starting with a letter',
});

const retryPolicy = object({
  maximumRetryAttempts: optional(integer(JOB_LIMITS.maximumRetryAttempts)),
  maximumEventAge: optional(integer({ ...JOB_LIMITS.maximumEventAge, unit: 'seconds' })),
});

/** The schema of one `jobs[]` entry; `image` is the schema of a pinned image reference. */
export function jobSchema(image: Schema<ImageReference>): Schema<JobDefinition> {
  const fields = serviceComputeFields(image);
  return object(
    {
      name: jobName,
      image,
      command: fields.command,
      cpu: integer({ min: 1 }),
      memory: integer({ min: 1 }),
      architecture: fields.architecture,
      capacity: fields.capacity,
      schedule: string(),
      timezone: optional(string()),
      retryPolicy: optional(retryPolicy),
      environment: fields.environment,
      secrets: fields.secrets,
      secretKmsKeyArns: fields.secretKmsKeyArns,
      containerHealthCheck: fields.containerHealthCheck,
      stopTimeout: optional(integer(COMPUTE_LIMITS.stopTimeout)),
      readOnlyRootFilesystem: fields.readOnlyRootFilesystem,
      readOnlyRootFilesystemReason: fields.readOnlyRootFilesystemReason,
      user: fields.user,
      taskRolePolicies: fields.taskRolePolicies,
      egress: fields.egress,
    },
    [
      refine(['schedule', 'timezone'], (job, report) => reportAll(report, [], jobScheduleProblems(job, { timezoneRequired: true }))),
      refine(['cpu', 'memory', 'capacity'], ({ cpu, memory, capacity }, report) =>
        reportAll(report, [], taskSizeProblems({ cpu, memory, onEc2: runsOnEc2({ capacity }) })),
      ),
      refine(['capacity', 'stopTimeout'], ({ capacity, stopTimeout }, report) =>
        reportAll(report, [], stopTimeoutProblems({ stopTimeout, onEc2: runsOnEc2({ capacity }) })),
      ),
      refine(['readOnlyRootFilesystem', 'readOnlyRootFilesystemReason'], (job, report) => reportAll(report, [], readOnlyRootFilesystemProblems(job))),
      refine(['environment', 'secrets'], (job, report) => reportAll(report, [], secretsInEnvironmentProblems(job))),
    ],
  );
}

/**
 * Jobs against the rest of the environment: a name no service or other job has (they share
 * the log group and role names), secrets and keys of the environment's account, EC2 capacity
 * of their architecture when they run on it.
 */
export function checkJobs(
  env: { readonly accountId: string; readonly services: readonly Pick<ServiceDefinition, 'name'>[]; readonly jobs: readonly JobDefinition[]; readonly compute?: ComputeDefinition },
  report: Report,
): void {
  const services = new Map(env.services.map((svc, i) => [svc.name, i]));
  const jobs = new Map<string, number>();
  env.jobs.forEach((job, j) => {
    const at: FieldPath = ['jobs', j];
    const service = services.get(job.name);
    const earlier = jobs.get(job.name);
    if (service !== undefined) report([...at, 'name'], `"${job.name}" is already the name of services[${service}] (a job and a service share /ecs/<env>/<name> and the role names)`);
    else if (earlier !== undefined) report([...at, 'name'], `"${job.name}" is already the name of jobs[${earlier}]`);
    else jobs.set(job.name, j);
    for (const [key, arn] of Object.entries(job.secrets ?? {})) reportAll(report, [...at, 'secrets', key], secretAccountProblems(env.accountId, arn, 'the secret'));
    (job.secretKmsKeyArns ?? []).forEach((arn, k) => reportAll(report, [...at, 'secretKmsKeyArns', k], secretAccountProblems(env.accountId, arn, 'the key')));
    reportAll(report, at, serviceEc2CapacityProblems({ capacity: job.capacity ?? {}, architecture: job.architecture }, env.compute?.ec2, 'compute.ec2'));
  });
}
