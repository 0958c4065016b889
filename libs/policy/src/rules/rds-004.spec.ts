import { expectCompliant, expectViolation, res } from '../test-support';
import { rds004 } from './rds-004';

describe('RDS-004 no literal master password', () => {
  it('passes a managed password and a reference', () => {
    expectCompliant(rds004, res('aws_db_instance', 'db', { manage_master_user_password: true, username: 'app' }));
    expectCompliant(rds004, res('aws_rds_cluster', 'aurora', { master_password: '${aws_secretsmanager_secret_version.db.secret_string}' }));
  });
  it('fails a literal password, write-only ones included', () => {
    expectViolation(rds004, res('aws_db_instance', 'db', { password: 'hunter2hunter2' }), /password is a literal/);
    expectViolation(rds004, res('aws_rds_cluster', 'aurora', { master_password_wo: 'hunter2hunter2' }), /master_password_wo is a literal/);
  });
});
