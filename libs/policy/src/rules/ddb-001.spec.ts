import { expectCompliant, expectViolation, res } from '../test-support';
import { ddb001 } from './ddb-001';

describe('DDB-001 point-in-time recovery', () => {
  it('passes PITR', () => expectCompliant(ddb001, res('aws_dynamodb_table', 't', { point_in_time_recovery: { enabled: true } })));
  it('fails without PITR', () => expectViolation(ddb001, res('aws_dynamodb_table', 't', {}), /point_in_time_recovery/));
  it('checks each replica', () => {
    expectViolation(
      ddb001,
      res('aws_dynamodb_table', 't', { point_in_time_recovery: { enabled: true }, replica: [{ region_name: 'eu-west-1', point_in_time_recovery: true }, { region_name: 'us-east-1' }] }),
      /replicas in us-east-1/,
    );
    expectCompliant(ddb001, res('aws_dynamodb_table_replica', 'r', { global_table_arn: '${aws_dynamodb_table.t.arn}', point_in_time_recovery: true }));
    expectViolation(ddb001, res('aws_dynamodb_table_replica', 'r', { global_table_arn: '${aws_dynamodb_table.t.arn}' }), /this replica/);
  });
});
