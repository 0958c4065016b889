import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { sm001 } from './sm-001';

describe('SM-001 customer managed keys for secrets in production', () => {
  it('passes a secret under a customer managed key, replicas included', () =>
    expectCompliant(sm001, res('aws_secretsmanager_secret', 's', { kms_key_id: '${aws_kms_key.secrets.arn}', replica: [{ region: 'eu-west-1', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }] })));
  it('fails the default and the AWS managed key, and a replica without a key', () => {
    expectViolation(sm001, res('aws_secretsmanager_secret', 's', {}), /aws\/secretsmanager/);
    expectViolation(sm001, res('aws_secretsmanager_secret', 's', { kms_key_id: 'alias/aws/secretsmanager' }), /not a customer managed key/);
    expectViolation(sm001, res('aws_secretsmanager_secret', 's', { kms_key_id: '${aws_kms_key.secrets.arn}', replica: [{ region: 'eu-west-1' }] }), /replicas in eu-west-1/);
  });
  it('checks the master user secret RDS manages', () => {
    expectCompliant(sm001, res('aws_db_instance', 'db', { manage_master_user_password: true, master_user_secret_kms_key_id: '${aws_kms_key.db.key_id}' }));
    expectViolation(sm001, res('aws_rds_cluster', 'aurora', { manage_master_user_password: true }), /master_user_secret_kms_key_id/);
    expectNotApplicable(sm001, res('aws_db_instance', 'db', { iam_database_authentication_enabled: true }));
  });
  it('applies to production only', () => expect(sm001.tiers).toEqual(['production']));
});
