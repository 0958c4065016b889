import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { applyPolicy, ECS_PLATFORM_RULES } from '@ecs-platform/policy';
import { Match, Template, testStack } from '@ecs-platform/testing';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DATA_TIER_DEFAULTS, PostgresDatabase, type PostgresDatabaseProps } from './index';
import { ACCOUNT, FakeClient, refusals, REGION, WHERE } from './spec-fixtures';

const SUBNETS = ['subnet-isolated-a', 'subnet-isolated-b'];

/** What references resolve to in the synthesized stack (through outputs named by the keys). */
function resolved(stack: TerraformStack, values: Record<string, string>): Record<string, unknown> {
  for (const [name, value] of Object.entries(values)) new TerraformOutput(stack, `resolved-${name}`, { value });
  const outputs = Template.fromStack(stack).json.output as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.keys(values).map((name) => [name, Object.entries(outputs).find(([id]) => id.startsWith(`resolved-${name}`))?.[1].value]));
}

function databaseProps(more: Partial<PostgresDatabaseProps> = {}): PostgresDatabaseProps {
  return { environmentName: 'shop', name: 'orders', ...WHERE, vpcId: 'vpc-1', subnetIds: SUBNETS, databaseName: 'orders', ...more };
}

function synth(more: Partial<PostgresDatabaseProps> = {}) {
  const stack = testStack();
  const database = new PostgresDatabase(stack, 'database', databaseProps(more));
  return { stack, database, template: Template.fromStack(stack) };
}

describe('PostgresDatabase', () => {
  describe('by default (production)', () => {
    const { stack, database, template } = synth();
    const keyArn = template.ref('aws_kms_key', 'database/key', 'arn');

    it('is a Multi-AZ PostgreSQL 16 instance on gp3 storage that grows by itself', () => {
      template.resourceMatches('aws_db_instance', 'database/instance', {
        identifier: 'shop-orders',
        engine: 'postgres',
        engine_version: '16',
        auto_minor_version_upgrade: true,
        instance_class: 'db.t4g.medium',
        storage_type: 'gp3',
        allocated_storage: 20,
        max_allocated_storage: 100,
        multi_az: true,
        db_name: 'orders',
        port: 5432,
        username: 'postgres',
      });
    });

    it('encrypts everything with its own key and keeps the master password in Secrets Manager, not in code or state', () => {
      template.resourceMatches('aws_db_instance', 'database/instance', {
        storage_encrypted: true,
        kms_key_id: keyArn,
        manage_master_user_password: true,
        master_user_secret_kms_key_id: keyArn,
        password: Match.absent(),
        performance_insights_enabled: true,
        performance_insights_kms_key_id: keyArn,
        performance_insights_retention_period: 7,
        iam_database_authentication_enabled: true,
      });
      template.resourceMatches('aws_kms_key', 'database/key', {
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        policy: Match.serializedJson(
          Match.objectLike({
            Statement: [
              Match.objectLike({ Sid: 'AccountAdministersKey', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }),
              Match.objectLike({
                Sid: 'LogsEncryptDatabaseLog',
                Principal: { Service: `logs.${REGION}.amazonaws.com` },
                Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/rds/instance/shop-orders/postgresql` } },
              }),
            ],
          }),
        ),
      });
      template.resourceMatches('aws_kms_alias', 'database/key-alias', { name: 'alias/shop-orders-rds' });
    });

    it('is private: isolated subnets, no public address, TLS forced, a security group with no rules', () => {
      template.resourceMatches('aws_db_subnet_group', 'database/subnet-group', { name: 'shop-orders', subnet_ids: SUBNETS });
      template.resourceMatches('aws_db_parameter_group', 'database/parameter-group', {
        name_prefix: 'shop-orders-',
        family: 'postgres16',
        parameter: [{ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' }],
        lifecycle: { create_before_destroy: true },
      });
      template.resourceMatches('aws_security_group', 'database/security-group', {
        name_prefix: 'shop-orders-db-',
        vpc_id: 'vpc-1',
        ingress: Match.absent(),
        egress: Match.absent(),
        lifecycle: { create_before_destroy: true },
      });
      template.resourceCountIs('aws_vpc_security_group_ingress_rule', 0);
      template.resourceCountIs('aws_vpc_security_group_egress_rule', 0);
      template.resourceMatches('aws_db_instance', 'database/instance', {
        publicly_accessible: false,
        db_subnet_group_name: template.ref('aws_db_subnet_group', 'database/subnet-group', 'name'),
        vpc_security_group_ids: [template.ref('aws_security_group', 'database/security-group', 'id')],
        parameter_group_name: template.ref('aws_db_parameter_group', 'database/parameter-group', 'name'),
      });
    });

    it('is protected: deletion protection, two weeks of backups, a final snapshot, changes in the maintenance window', () => {
      template.resourceMatches('aws_db_instance', 'database/instance', {
        deletion_protection: true,
        backup_retention_period: 14,
        skip_final_snapshot: false,
        final_snapshot_identifier: 'shop-orders-final',
        copy_tags_to_snapshot: true,
        apply_immediately: false,
      });
    });

    it('exports its log to an encrypted log group it makes first, kept a year', () => {
      template.resourceMatches('aws_cloudwatch_log_group', 'database/log-group', {
        name: '/aws/rds/instance/shop-orders/postgresql',
        retention_in_days: 365,
        kms_key_id: keyArn,
      });
      template.resourceMatches('aws_db_instance', 'database/instance', {
        enabled_cloudwatch_logs_exports: ['postgresql'],
        depends_on: [template.address('aws_cloudwatch_log_group', 'database/log-group')],
      });
    });

    it('hands out its address, port and the master user secret by reference', () => {
      expect(database.identifier).toBe('shop-orders');
      expect(database.port).toBe(5432);
      expect(database.tier).toBe('production');
      expect(resolved(stack, { secret: database.masterUserSecretArn, address: database.address })).toEqual({
        secret: template.ref('aws_db_instance', 'database/instance', 'master_user_secret[0].secret_arn'),
        address: template.ref('aws_db_instance', 'database/instance', 'address'),
      });
    });
  });

  it('outside production is a single small instance, unprotected by default, with a week of backups, changed at once', () => {
    const { template } = synth({ tier: 'non-production' });
    const defaults = DATA_TIER_DEFAULTS['non-production'];
    template.resourceMatches('aws_db_instance', 'database/instance', {
      instance_class: 'db.t4g.micro',
      multi_az: false,
      deletion_protection: false,
      backup_retention_period: defaults.backupRetentionDays,
      apply_immediately: true,
      // Never weaker on encryption or privacy.
      storage_encrypted: true,
      publicly_accessible: false,
      skip_final_snapshot: false,
    });
    template.resourceMatches('aws_cloudwatch_log_group', 'database/log-group', { retention_in_days: 30 });
  });

  it('takes its version, class, storage, port, user, backups and log retention', () => {
    const { template } = synth({
      engineVersion: '17.2',
      instanceClass: 'db.r7g.large',
      allocatedStorage: 100,
      maxAllocatedStorage: 500,
      port: 6432,
      masterUsername: 'orders_admin',
      backupRetentionDays: 35,
      logRetentionDays: 731,
    });
    template.resourceMatches('aws_db_instance', 'database/instance', {
      engine_version: '17.2',
      instance_class: 'db.r7g.large',
      allocated_storage: 100,
      max_allocated_storage: 500,
      port: 6432,
      username: 'orders_admin',
      backup_retention_period: 35,
    });
    template.resourceMatches('aws_db_parameter_group', 'database/parameter-group', { family: 'postgres17' });
    template.resourceMatches('aws_cloudwatch_log_group', 'database/log-group', { retention_in_days: 731 });
  });

  describe('connect', () => {
    it('admits the client on the port, and gives it egress, the credentials as secrets and the rest as variables', () => {
      const stack = testStack();
      const database = new PostgresDatabase(stack, 'database', databaseProps());
      const client = new FakeClient(stack, 'api');
      database.connect(client);
      expect(client.egress).toEqual([{ peer: expect.any(String), port: 5432, description: 'PostgreSQL shop-orders' }]);
      expect(resolved(stack, { peer: client.egress[0].peer, group: database.securityGroup.id })).toEqual({
        peer: Template.fromStack(stack).ref('aws_security_group', 'database/security-group'),
        group: Template.fromStack(stack).ref('aws_security_group', 'database/security-group'),
      });
      expect(client.secrets).toEqual({
        DATABASE_USERNAME: { secretArn: database.masterUserSecretArn, jsonKey: 'username', kmsKeyArn: database.keyArn },
        DATABASE_PASSWORD: { secretArn: database.masterUserSecretArn, jsonKey: 'password', kmsKeyArn: database.keyArn },
      });
      expect(client.environment).toEqual({ DATABASE_HOST: database.address, DATABASE_PORT: '5432', DATABASE_NAME: 'orders' });
      Template.fromStack(stack).resourceMatches('aws_vpc_security_group_ingress_rule', 'database/ingress-api', {
        security_group_id: Template.fromStack(stack).ref('aws_security_group', 'database/security-group'),
        referenced_security_group_id: 'sg-client',
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
        description: 'PostgreSQL from api',
      });
    });

    it('takes other variable names and a port', () => {
      const stack = testStack();
      const database = new PostgresDatabase(stack, 'database', databaseProps());
      const client = new FakeClient(stack, 'worker');
      database.connect(client, { port: 6432, variables: { host: 'PGHOST', port: 'PGPORT', name: 'PGDATABASE', username: 'PGUSER', password: 'PGPASSWORD' } });
      expect(Object.keys(client.secrets)).toEqual(['PGUSER', 'PGPASSWORD']);
      expect(client.environment).toEqual({ PGHOST: database.address, PGPORT: '6432', PGDATABASE: 'orders' });
      expect(client.egress[0].port).toBe(6432);
    });

    it('refuses a client twice, a port out of range and clashing or malformed variable names', () => {
      const stack = testStack();
      const database = new PostgresDatabase(stack, 'database', databaseProps());
      const client = new FakeClient(stack, 'api');
      database.connect(client);
      expect(refusals(() => database.connect(client))).toEqual(['connect: "api" is already connected']);
      expect(refusals(() => database.connect(new FakeClient(stack, 'worker'), { port: 80, variables: { host: 'DATABASE_NAME', password: '1PASSWORD' } }))).toEqual([
        'connect.port: must be between 1150 and 65535, got 80',
        'connect.variables.name: "DATABASE_NAME" is already the variable of the host',
        'connect.variables.password: "1PASSWORD" must be letters, digits and underscores, not beginning with a digit',
      ]);
    });
  });

  describe('checks', () => {
    const refused = (more: Partial<PostgresDatabaseProps>) => refusals(() => new PostgresDatabase(testStack(), 'database', databaseProps(more)));

    it('refuses production relaxations without a written reason, and deletion protection off in production at all', () => {
      expect(refused({ multiAz: false, deletionProtection: false, backupRetentionDays: 3 })).toEqual([
        'backupRetentionDays: the production tier keeps at least 7 days of backups, so a bad migration found after a weekend can still be undone; got 3',
        'multiAz: the production tier runs a standby in a second availability zone; turning multiAz off needs "multiAzReason"',
        'deletionProtection: the production tier keeps deletion protection on: a plan never deletes a production database',
      ]);
      expect(refused({ multiAzReason: 'too short' })).toEqual([
        'multiAzReason: must be at least 20 characters long',
        'multiAzReason: is only allowed with multiAz: false',
      ]);
      expect(refused({ tier: 'non-production', logRetentionDays: 10, backupRetentionDays: 0 })).toEqual([
        'backupRetentionDays: must be between 1 and 35 days, got 0',
        'logRetentionDays: 10 days is not a retention period CloudWatch Logs offers; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
      ]);
      expect(refused({ logRetentionDays: 90 })).toEqual(['logRetentionDays: the production tier keeps logs at least 365 days, got 90']);
    });

    it('takes a production instance without a standby when the reason is written, and tells the policy pack', () => {
      const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'data-db-')) });
      const stack = new TerraformStack(app, 'shop');
      new AwsProvider(stack, 'aws', { region: REGION });
      const database = new PostgresDatabase(stack, 'database', databaseProps({ multiAz: false, multiAzReason: 'a read-only reporting copy, rebuilt from the ledger in minutes' }));
      // RDS-003 needs the subnets in the stack (example.spec.ts has them); here the literal ids cannot be checked.
      applyPolicy(stack, { tier: 'production', rules: ECS_PLATFORM_RULES.filter((rule) => rule.id !== 'RDS-003') });
      expect(() => app.synth()).not.toThrow();
      expect(database.instance.multiAzInput).toBe(false);
    });

    it('checks the names against the DB instance identifier rules', () => {
      expect(refused({ name: 'Orders' })).toEqual([
        'name: "Orders" must be lowercase letters, digits and single hyphens, begin with a letter and not end with a hyphen',
      ]);
      const long = 'a'.repeat(40);
      expect(refused({ environmentName: long, name: long })).toEqual([
        `name: gives the DB instance identifier "${long}-${long}" of 81 characters; RDS allows at most 63`,
      ]);
    });

    it('checks the database name, the master user, the subnets, version, class, port and storage, every problem at once', () => {
      expect(
        refused({
          databaseName: 'Orders-DB',
          masterUsername: 'rdsadmin',
          subnetIds: ['subnet-a'],
          engineVersion: 'latest',
          instanceClass: 't4g.micro',
          port: 80,
          allocatedStorage: 10,
        }),
      ).toEqual([
        'subnetIds: must list at least 2 (a DB subnet group spans two availability zones), got 1',
        'databaseName: "Orders-DB" must be 1 to 63 lowercase letters, digits and underscores, beginning with a letter',
        'masterUsername: "rdsadmin" begins with "rds", which RDS reserves for its own roles',
        'port: must be between 1150 and 65535, got 80',
        'engineVersion: "latest" must be a PostgreSQL major version ("16") or major.minor ("16.4")',
        'instanceClass: "t4g.micro" must be an RDS instance class like "db.t4g.medium"',
        'allocatedStorage: must be between 20 and 65536 GiB, got 10',
      ]);
      expect(refused({ databaseName: 'postgres', masterUsername: 'pg_owner', subnetIds: ['subnet-a', 'subnet-a'], maxAllocatedStorage: 21 })).toEqual([
        'subnetIds[1]: "subnet-a" is listed twice',
        'databaseName: "postgres" is a database every RDS for PostgreSQL instance already has; name the application\'s own',
        'masterUsername: "pg_owner" begins with "pg_", which PostgreSQL reserves for its own roles',
        'maxAllocatedStorage: must be at least 10% above allocatedStorage (22 GiB for 20) for storage autoscaling, got 21',
      ]);
    });
  });
});
