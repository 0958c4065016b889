import { expectCompliant, expectNotApplicable, expectViolation, res, taskDefinition } from '../test-support';
import { namesSecret, secret001 } from './secret-001';

describe('SECRET-001 no literal secrets in any attribute', () => {
  it('passes references and managed passwords', () => {
    expectCompliant(secret001, res('aws_db_instance', 'db', { password: '${random_password.db.result}' }));
    expectCompliant(secret001, res('aws_secretsmanager_secret_version', 'v', { secret_id: '${aws_secretsmanager_secret.s.id}', secret_string: '${random_password.db.result}' }));
  });
  it('fails a literal password or secret at any depth, in any resource type', () => {
    expectViolation(secret001, res('aws_rds_cluster', 'aurora', { master_password: 'hunter2hunter2' }), /literal secret in master_password/);
    expectViolation(secret001, res('aws_secretsmanager_secret_version', 'v', { secret_string: JSON.stringify({ username: 'app', password: 'x' }) }), /secret_string/);
    expectViolation(secret001, res('aws_mq_broker', 'mq', { user: [{ username: 'admin', password: 'correct horse' }] }), /user\[0\]\.password/);
    expectViolation(secret001, res('aws_elasticache_replication_group', 'r', { auth_token: 'a-long-static-token-value' }), /auth_token/);
    expectViolation(secret001, res('aws_lambda_function', 'f', { environment: { variables: { DB_PASSWORD: 'x', DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:db' } } }), /environment\.variables\.DB_PASSWORD:/);
    expectViolation(
      secret001,
      res('aws_lb_listener', 'l', { default_action: [{ type: 'authenticate-oidc', authenticate_oidc: { client_id: 'app', client_secret: 'shh' } }] }),
      /default_action\[0\]\.authenticate_oidc\.client_secret/,
    );
    expectViolation(secret001, res('terraform_backend', 's3', { bucket: 'state', secret_key: 'wJalrXUtnFEMI/K7MDENG' }), /secret_key/);
    expectViolation(secret001, res('aws_ssm_parameter', 'p', { name: '/app/token', type: 'SecureString', value: 'plain text in code' }), /literal secret in value/);
  });
  it('leaves alone names that point at a secret, booleans, numbers, ARNs, empty values, tags and JSON documents', () => {
    expectNotApplicable(
      secret001,
      res('aws_db_instance', 'db', {
        manage_master_user_password: true,
        master_user_secret_kms_key_id: 'alias/db',
        iam_database_authentication_enabled: true,
        tags: { Secret: 'none', DataClassification: 'secret' },
      }),
    );
    expectNotApplicable(secret001, res('aws_secretsmanager_secret_rotation', 'r', { secret_id: 'prod/db', rotation_rules: { automatically_after_days: 30 } }));
    expectNotApplicable(secret001, res('aws_elasticache_replication_group', 'r', { auth_token_update_strategy: 'ROTATE' }));
    expectCompliant(secret001, res('aws_cognito_user_pool_client', 'c', { generate_secret: true, token_validity_units: { access_token: 'hours', refresh_token: 'days' } }));
    expectNotApplicable(secret001, res('aws_iam_user_login_profile', 'u', { password_reset_required: true, password_length: 24 }));
    expectCompliant(secret001, res('aws_db_instance', 'db', { password: '' }));
    expectCompliant(secret001, res('aws_apprunner_service', 's', { runtime_environment_secrets: { DB_PASSWORD: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:db' } }));
    // secrets[].valueFrom in container definitions are ARNs inside a JSON document (ECS-011 reads them).
    expectNotApplicable(secret001, taskDefinition([{}]));
    expectNotApplicable(secret001, res('aws_lb', 'lb', { lifecycle: { ignore_changes: ['password'] } }));
  });
  it('reads attribute names by their words', () => {
    for (const name of ['password', 'master_password', 'secret', 'secret_string', 'auth_token', 'client_secret', 'masterUserPassword', 'DB_PASSWORD', 'private_key', 'token'])
      expect([name, namesSecret(name)]).toEqual([name, true]);
    for (const name of ['secret_arn', 'db_secret_arn', 'secret_id', 'secret_name', 'kms_key_id', 'secret_string_wo_version', 'password_length', 'access_key', 'tokens_enabled', 'description'])
      expect([name, namesSecret(name)]).toEqual([name, false]);
  });
});
