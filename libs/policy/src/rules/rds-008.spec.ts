import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { rds008 } from './rds-008';

describe('RDS-008 IAM authentication or a managed master password', () => {
  it('passes either', () => {
    expectCompliant(rds008, res('aws_db_instance', 'db', { manage_master_user_password: true }));
    expectCompliant(rds008, res('aws_rds_cluster', 'aurora', { iam_database_authentication_enabled: true, master_password: '${random_password.db.result}' }));
  });
  it('fails a password handled by hand', () =>
    expectViolation(rds008, res('aws_rds_cluster', 'aurora', { master_password: '${random_password.db.result}' }), /neither iam_database_authentication_enabled nor manage_master_user_password/));
  it('is not applicable to a replica', () => expectNotApplicable(rds008, res('aws_db_instance', 'replica', { replicate_source_db: 'db' })));
});
