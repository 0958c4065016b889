import { existingWorkQueue, WorkQueue } from '@ecs-platform/messaging';
import { Template } from '@ecs-platform/testing';
import { Service } from './service';
import { ACCOUNT, environment, KEY_ARN, REGION, workerProps } from './spec-fixtures';

describe('Service.consumeQueue: a queue worker', () => {
  it('may receive, delete and hold the messages of its queue only, gets its URL, and scales on its backlog', () => {
    const env = environment();
    const queue = new WorkQueue(env.stack, 'queue', { queueName: 'shop-order-worker' });
    const worker = new Service(env.stack, 'order-worker', workerProps(env));
    worker.consumeQueue(queue);
    worker.autoScaleTaskCount({ minCapacity: 0, maxCapacity: 6 }).scaleOnBacklogPerTask({ queueName: queue.queueName, acceptableLatency: 120, secondsPerMessage: 4 });
    expect(worker.queue).toBe(queue);
    const template = Template.fromStack(env.stack);
    expect(JSON.parse(template.resource('aws_iam_role_policy', 'order-worker/task-role-policy').policy).Statement).toEqual([
      {
        Sid: 'ConsumeQueue',
        Effect: 'Allow',
        Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
        Resource: [template.ref('aws_sqs_queue', 'queue/queue', 'arn')],
      },
    ]);
    const [container] = JSON.parse(template.resource('aws_ecs_task_definition', 'order-worker/task-definition').container_definitions);
    expect(container.environment).toEqual([{ name: 'QUEUE_URL', value: template.ref('aws_sqs_queue', 'queue/queue', 'url') }]);
    expect(template.resource('aws_ecs_service', 'order-worker/service').lifecycle.ignore_changes).toEqual(['desired_count']);
    template.resourceMatches('aws_appautoscaling_policy', 'order-worker/scaling/backlog-policy', {
      name: 'shop-order-worker-backlog',
      target_tracking_scaling_policy_configuration: { target_value: 30 },
    });
    template.resourceMatches('aws_appautoscaling_policy', 'order-worker/scaling/wake-up-policy', { policy_type: 'StepScaling' });
  });

  it('may decrypt with the key of an existing queue, under the variable it is told', () => {
    const env = environment();
    const queue = existingWorkQueue(`arn:aws:sqs:${REGION}:${ACCOUNT}:orders`, { accountId: ACCOUNT, region: REGION }, { kmsKeyArn: KEY_ARN });
    const worker = new Service(env.stack, 'order-worker', workerProps(env));
    worker.consumeQueue(queue, { variable: 'ORDERS_QUEUE_URL' });
    const template = Template.fromStack(env.stack);
    expect(JSON.parse(template.resource('aws_iam_role_policy', 'order-worker/task-role-policy').policy).Statement).toEqual([
      expect.objectContaining({ Sid: 'ConsumeQueue', Resource: [`arn:aws:sqs:${REGION}:${ACCOUNT}:orders`] }),
      { Sid: 'DecryptQueueMessages', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [KEY_ARN] },
    ]);
    const [container] = JSON.parse(template.resource('aws_ecs_task_definition', 'order-worker/task-definition').container_definitions);
    expect(container.environment).toEqual([{ name: 'ORDERS_QUEUE_URL', value: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/orders` }]);
  });

  it('consumes one queue, and refuses a variable the container already has', () => {
    const env = environment();
    const queue = existingWorkQueue(`arn:aws:sqs:${REGION}:${ACCOUNT}:orders`, { accountId: ACCOUNT, region: REGION });
    const worker = new Service(env.stack, 'order-worker', workerProps(env, { environment: { QUEUE_URL: 'https://example.com' } }));
    expect(() => worker.consumeQueue(queue)).toThrow('test/order-worker: invalid prop\n  addEnvironment.QUEUE_URL: "QUEUE_URL" is already a variable of order-worker');
    const other = new Service(env.stack, 'other-worker', workerProps(env, { name: 'other-worker' }));
    other.consumeQueue(queue);
    expect(() => other.consumeQueue(queue)).toThrow('test/other-worker: already consumes a queue (consumeQueue was called before)');
  });
});
