import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { serviceAlarmName } from '@ecs-platform/aws-names';
import { assertValidProps, propProblem } from '@ecs-platform/construct-props';
import { Construct } from 'constructs';

/** One scheduled job whose failed invocations land in a dead-letter queue. */
export interface ScheduledJobRef {
  /** The job's name in its environment: its alarm is `<environment>-<name>-failed-invocations`. */
  readonly name: string;
  /** The dead-letter queue of the job's schedule (the `QueueName` dimension). */
  readonly deadLetterQueueName: string;
}

export interface ScheduleAlarmsProps {
  /** Environment name: every alarm name starts with `<environment>-`. */
  readonly environment: string;
  /** The schedule group of the environment's jobs: the `ScheduleGroup` dimension of AWS/Scheduler metrics. */
  readonly scheduleGroupName: string;
  /** ARN of the topic that receives alarm and OK notifications. */
  readonly topicArn: string;
  /** The jobs of the group, each with its dead-letter queue. @default [] */
  readonly jobs?: readonly ScheduledJobRef[];
}

/**
 * The alarms of an environment's scheduled jobs, on its alarm topic (ALARM and OK). EventBridge
 * Scheduler publishes its metrics per schedule group (AWS/Scheduler, dimension ScheduleGroup),
 * not per schedule, so two alarms watch the group: `<env>-schedules-target-errors`
 * (TargetErrorCount: a RunTask call failed, retried or not) and
 * `<env>-schedules-dropped-invocations` (InvocationDroppedCount: an invocation given up after
 * its retries). Per job, `<env>-<job>-failed-invocations` watches the schedule's dead-letter
 * queue (ApproximateNumberOfMessagesVisible above 0), which names the job that failed.
 */
export class ScheduleAlarms extends Construct {
  /** `target-errors` and `dropped-invocations` of the group. */
  readonly groupAlarms: Readonly<Record<'target-errors' | 'dropped-invocations', CloudwatchMetricAlarm>>;
  /** By job name. */
  readonly jobAlarms: Readonly<Record<string, CloudwatchMetricAlarm>>;

  constructor(scope: Construct, id: string, props: ScheduleAlarmsProps) {
    super(scope, id);
    const seen = new Set<string>();
    assertValidProps(this, [
      ...(props.environment ? [] : [propProblem(['environment'], 'must not be empty: it begins every alarm name')]),
      ...(props.scheduleGroupName ? [] : [propProblem(['scheduleGroupName'], 'must not be empty: it is the ScheduleGroup dimension')]),
      ...(props.jobs ?? []).flatMap((job, i) => {
        const duplicate = seen.has(job.name);
        seen.add(job.name);
        return duplicate ? [propProblem(['jobs', i, 'name'], `"${job.name}" is already the name of another job`)] : [];
      }),
    ]);
    const notify = { actionsEnabled: true, alarmActions: [props.topicArn], okActions: [props.topicArn] };
    const group = { ScheduleGroup: props.scheduleGroupName };
    const groupAlarm = (kind: 'target-errors' | 'dropped-invocations', metricName: string, description: string) =>
      new CloudwatchMetricAlarm(this, `${kind}-alarm`, {
        alarmName: serviceAlarmName(props.environment, 'schedules', kind),
        alarmDescription: description,
        namespace: 'AWS/Scheduler',
        metricName,
        dimensions: group,
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        // Published when something happened; no datapoint, no failure.
        treatMissingData: 'notBreaching',
        ...notify,
      });
    this.groupAlarms = {
      'target-errors': groupAlarm(
        'target-errors',
        'TargetErrorCount',
        `schedule group ${props.scheduleGroupName}: a scheduled job's RunTask call failed (permissions, capacity, a deregistered task definition); retried within its retry policy`,
      ),
      'dropped-invocations': groupAlarm(
        'dropped-invocations',
        'InvocationDroppedCount',
        `schedule group ${props.scheduleGroupName}: a scheduled job was given up after its retries; it did not run`,
      ),
    };
    const jobs: Record<string, CloudwatchMetricAlarm> = {};
    for (const job of props.jobs ?? []) {
      jobs[job.name] = new CloudwatchMetricAlarm(this, `${job.name}-failed-invocations-alarm`, {
        alarmName: serviceAlarmName(props.environment, job.name, 'failed-invocations'),
        alarmDescription: `${job.name}: a run could not be started after its retries; the invocation waits in ${job.deadLetterQueueName} with the error`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: job.deadLetterQueueName },
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        // An untouched empty queue goes inactive and stops reporting: nothing failed.
        treatMissingData: 'notBreaching',
        ...notify,
      });
    }
    this.jobAlarms = jobs;
  }
}
