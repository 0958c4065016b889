import { expectCompliant, expectViolation, res } from '../test-support';
import { ddb003 } from './ddb-003';

describe('DDB-003 deletion protection', () => {
  it('passes a protected table', () => expectCompliant(ddb003, res('aws_dynamodb_table', 't', { deletion_protection_enabled: true })));
  it('fails an unprotected table', () => expectViolation(ddb003, res('aws_dynamodb_table', 't', {}), /deletion_protection_enabled/));
});
