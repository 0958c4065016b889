import { expectCompliant, expectViolation, res } from '../test-support';
import { sqs001 } from './sqs-001';

describe('SQS-001 server-side encryption', () => {
  it('passes SSE-SQS and a KMS key', () => {
    expectCompliant(sqs001, res('aws_sqs_queue', 'q', { sqs_managed_sse_enabled: true }));
    expectCompliant(sqs001, res('aws_sqs_queue', 'q', { kms_master_key_id: '${aws_kms_key.queue.arn}' }));
  });
  it('fails a queue that does not say', () => {
    expectViolation(sqs001, res('aws_sqs_queue', 'q', {}), /encrypted at rest/);
    expectViolation(sqs001, res('aws_sqs_queue', 'q', { sqs_managed_sse_enabled: false }), /neither/);
  });
});
