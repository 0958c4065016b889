import { expectCompliant, expectViolation, res } from '../test-support';
import { rds002 } from './rds-002';

describe('RDS-002 not publicly accessible', () => {
  it('passes private instances (the default)', () => {
    expectCompliant(rds002, res('aws_db_instance', 'db', { publicly_accessible: false }));
    expectCompliant(rds002, res('aws_rds_cluster_instance', 'writer', {}));
  });
  it('fails a publicly accessible instance or cluster instance', () => {
    expectViolation(rds002, res('aws_db_instance', 'db', { publicly_accessible: true }), /public address/);
    expectViolation(rds002, res('aws_rds_cluster_instance', 'writer', { publicly_accessible: 'true' }), /publicly_accessible is true/);
  });
});
