import { expectCompliant, expectViolation, policy, ref, res } from '../test-support';
import { sqs003 } from './sqs-003';

const queue = res('aws_sqs_queue', 'jobs', {});
const tlsOnly = policy({ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: ref(queue, 'arn'), Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

describe('SQS-003 TLS-only queue policy', () => {
  it('passes a queue policy that denies insecure transport, separate or inline', () => {
    expectCompliant(sqs003, queue, [res('aws_sqs_queue_policy', 'jobs', { queue_url: ref(queue, 'url'), policy: tlsOnly })]);
    expectCompliant(sqs003, res('aws_sqs_queue', 'jobs', { policy: tlsOnly }));
  });
  it('fails a queue without such a policy', () => {
    expectViolation(sqs003, queue, /aws:SecureTransport false/);
    expectViolation(sqs003, queue, /no queue policy/, [
      res('aws_sqs_queue_policy', 'jobs', { queue_url: ref(queue, 'url'), policy: policy({ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' }) }),
    ]);
  });
});
