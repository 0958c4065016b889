import { expectCompliant, expectViolation, ref, res } from '../test-support';
import { sched002 } from './sched-002';

const dlq = res('aws_sqs_queue', 'failed', { sqs_managed_sse_enabled: true });

describe('SCHED-002 retries and a dead-letter queue', () => {
  it('passes a schedule with both', () =>
    expectCompliant(
      sched002,
      res('aws_scheduler_schedule', 'job', {
        target: { arn: 'x', retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 }, dead_letter_config: { arn: ref(dlq, 'arn') } },
      }),
    ));
  it('fails a schedule without either', () => {
    expectViolation(sched002, res('aws_scheduler_schedule', 'job', { target: { arn: 'x' } }), /no target.retry_policy and no target.dead_letter_config/);
    expectViolation(sched002, res('aws_scheduler_schedule', 'job', { target: { arn: 'x', retry_policy: { maximum_retry_attempts: 3 } } }), /^no target.dead_letter_config:/);
  });
});
