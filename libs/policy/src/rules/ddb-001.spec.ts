import { expectCompliant, expectViolation, res } from '../test-support';
import { ddb001 } from './ddb-001';

describe('DDB-001 point-in-time recovery', () => {
  it('passes PITR', () => expectCompliant(ddb001, res('aws_dynamodb_table', 't', { point_in_time_recovery: { enabled: true } })));
  it('fails without PITR', () => expectViolation(ddb001, res('aws_dynamodb_table', 't', {}), /point_in_time_recovery/));
});
