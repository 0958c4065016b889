import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { serviceAlarmName } from '@ecs-platform/aws-names';
import { assertValidProps, propProblem, underPath } from '@ecs-platform/construct-props';
import { Construct } from 'constructs';
import { maxMessageAgeProblems } from './queue-checks';

/** The alarms of a queue worker's queue, by kind; the name is `<env>-<service>-<kind>`. */
export type QueueAlarmKind = 'oldest-message-age' | 'dead-letters';

export interface QueueAlarmsProps {
  /** Environment name: every alarm name starts with `<environment>-` (the alarm topic lets only those publish). */
  readonly environment: string;
  /** The worker's name in its environment: alarm names are `<environment>-<name>-<kind>`. */
  readonly name: string;
  /** ARN of the topic that receives alarm and OK notifications. */
  readonly topicArn: string;
  /** The queue the worker consumes (the `QueueName` dimension). */
  readonly queueName: string;
  /** Seconds the oldest message may wait before the alarm fires (60 to 1209600); `oldestMessageAlarmAge` derives it. */
  readonly maxMessageAge: number;
  /** The queue's dead-letter queue. @default none: no dead-letter alarm (an existing queue named without one) */
  readonly deadLetterQueueName?: string;
}

/**
 * The two signals of a queue worker in trouble, on the environment's alarm topic (ALARM and
 * OK): `oldest-message-age` (AWS/SQS ApproximateAgeOfOldestMessage, Maximum, above
 * `maxMessageAge` for 3 minutes: messages wait longer than the latency allows, the workers are
 * stuck or at maxCount) and `dead-letters` (ApproximateNumberOfMessagesVisible of the
 * dead-letter queue above 0: a message failed `maxReceiveCount` times and waits for someone).
 */
export class QueueAlarms extends Construct {
  readonly alarms: Partial<Record<QueueAlarmKind, CloudwatchMetricAlarm>>;

  constructor(scope: Construct, id: string, props: QueueAlarmsProps) {
    super(scope, id);
    assertValidProps(this, [
      ...(props.environment ? [] : [propProblem(['environment'], 'must not be empty: it begins every alarm name')]),
      ...(props.name ? [] : [propProblem(['name'], 'must not be empty: it names the alarms')]),
      ...(props.queueName ? [] : [propProblem(['queueName'], 'must not be empty: it is the QueueName dimension')]),
      ...underPath(['maxMessageAge'], maxMessageAgeProblems(props.maxMessageAge)),
    ]);
    const alarm = (kind: QueueAlarmKind, spec: Omit<ConstructorParameters<typeof CloudwatchMetricAlarm>[2], 'alarmName'>) =>
      new CloudwatchMetricAlarm(this, `${kind}-alarm`, {
        ...spec,
        alarmName: serviceAlarmName(props.environment, props.name, kind),
        actionsEnabled: true,
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    this.alarms = {
      'oldest-message-age': alarm('oldest-message-age', {
        alarmDescription: `${props.name}: the oldest message in ${props.queueName} is older than ${props.maxMessageAge} s for 3 minutes; the workers are stuck, failing or at maxCount`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateAgeOfOldestMessage',
        dimensions: { QueueName: props.queueName },
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: props.maxMessageAge,
        // SQS publishes only while the queue is active (messages, or calls, within six hours);
        // an inactive queue holds nothing old.
        treatMissingData: 'notBreaching',
      }),
    };
    if (props.deadLetterQueueName) {
      this.alarms['dead-letters'] = alarm('dead-letters', {
        alarmDescription: `${props.name}: messages in the dead-letter queue ${props.deadLetterQueueName}; each failed maxReceiveCount times and waits to be looked at (redrive it once fixed)`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: props.deadLetterQueueName },
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        // An empty, untouched dead-letter queue goes inactive and stops reporting: nothing there.
        treatMissingData: 'notBreaching',
      });
    }
  }
}
