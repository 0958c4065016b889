import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { rds005 } from './rds-005';

describe('RDS-005 deletion protection and a final snapshot in production', () => {
  it('passes a protected database with a final snapshot', () => {
    expectCompliant(rds005, res('aws_db_instance', 'db', { deletion_protection: true, final_snapshot_identifier: 'db-final' }));
    expectCompliant(rds005, res('aws_rds_cluster', 'aurora', { deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: 'aurora-final' }));
  });
  it('fails one that can be deleted, or deleted without a snapshot', () => {
    expectViolation(rds005, res('aws_db_instance', 'db', { final_snapshot_identifier: 'db-final' }), /deletion_protection is not true/);
    expectViolation(rds005, res('aws_rds_cluster', 'aurora', { deletion_protection: true, skip_final_snapshot: true }), /skip_final_snapshot is true/);
    expectViolation(rds005, res('aws_db_instance', 'db', { deletion_protection: true }), /no final_snapshot_identifier/);
  });
  it('asks a replica for deletion protection only, and leaves Aurora members to their cluster', () => {
    expectCompliant(rds005, res('aws_db_instance', 'replica', { replicate_source_db: 'db', deletion_protection: true, skip_final_snapshot: true }));
    expectNotApplicable(rds005, res('aws_db_instance', 'member', { engine: 'aurora-postgresql' }));
  });
  it('applies to production only', () => expect(rds005.tiers).toEqual(['production']));
});
