import { expectCompliant, expectViolation, ref, res } from '../test-support';
import { sqs002 } from './sqs-002';

const dlq = res('aws_sqs_queue', 'dlq', { sqs_managed_sse_enabled: true });
const redrive = (queue: ReturnType<typeof res>) => JSON.stringify({ deadLetterTargetArn: ref(queue, 'arn'), maxReceiveCount: 5 });

describe('SQS-002 a dead-letter queue', () => {
  it('passes an inline redrive policy and a separate one', () => {
    expectCompliant(sqs002, res('aws_sqs_queue', 'jobs', { redrive_policy: redrive(dlq) }), [dlq]);
    const jobs = res('aws_sqs_queue', 'jobs', {});
    expectCompliant(sqs002, jobs, [dlq, res('aws_sqs_queue_redrive_policy', 'jobs', { queue_url: ref(jobs, 'url'), redrive_policy: redrive(dlq) })]);
  });
  it('exempts the dead-letter queue itself', () => {
    expectCompliant(sqs002, dlq, [res('aws_sqs_queue', 'jobs', { redrive_policy: redrive(dlq) })]);
    expectCompliant(sqs002, res('aws_sqs_queue', 'dlq2', { redrive_allow_policy: JSON.stringify({ redrivePermission: 'allowAll' }) }));
  });
  it('fails a queue without one', () => expectViolation(sqs002, res('aws_sqs_queue', 'jobs', {}), /no redrive_policy/, [dlq]));
});
