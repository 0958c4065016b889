import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { rds006 } from './rds-006';

describe('RDS-006 backups of 7 days or more in production', () => {
  it('passes 7 days and more', () => {
    expectCompliant(rds006, res('aws_db_instance', 'db', { backup_retention_period: 7 }));
    expectCompliant(rds006, res('aws_rds_cluster', 'aurora', { backup_retention_period: '14' }));
  });
  it('fails fewer days, the default and values it cannot read', () => {
    expectViolation(rds006, res('aws_db_instance', 'db', { backup_retention_period: 1 }), /is 1: keep at least 7/);
    expectViolation(rds006, res('aws_rds_cluster', 'aurora', {}), /not set/);
    expectViolation(rds006, res('aws_db_instance', 'db', { backup_retention_period: '${var.days}' }), /cannot be checked/);
  });
  it('leaves replicas to their source', () => expectNotApplicable(rds006, res('aws_db_instance', 'replica', { replicate_source_db: 'db' })));
  it('applies to production only', () => expect(rds006.tiers).toEqual(['production']));
});
