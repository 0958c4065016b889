import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { logGroupArn } from '@ecs-platform/aws-names';
import { assertValidProps, propProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import { accountAdministersKey, logsMayEncryptLogGroups, policyDocument } from '@ecs-platform/iam-policy';
import { suppress } from '@ecs-platform/policy';
import { Construct } from 'constructs';
import { connectProblems, databaseIdentifier, parameterGroupFamily, postgresDatabaseProblems } from './checks';
import { DATA_TIER_DEFAULTS, DATABASE_DEFAULTS, type DatabaseVariableNames } from './defaults';
import type { ConnectOptions, IDatabaseClient, PostgresDatabaseProps } from './props';

/** The log group RDS exports an instance's `postgresql` log to. */
export function databaseLogGroupName(identifier: string): string {
  return `/aws/rds/instance/${identifier}/postgresql`;
}

/**
 * An RDS for PostgreSQL instance in isolated subnets, for the services of one environment:
 * encrypted with its own customer managed key (storage, snapshots, Performance Insights, its
 * log and the master user secret), TLS forced, the master password generated and kept in
 * Secrets Manager by RDS (neither the code nor the state ever holds it, only the secret's
 * ARN), IAM database authentication on, a final snapshot on delete, and nothing able to reach
 * it until `connect` admits a service.
 *
 * Construct ids: `key`, `key-alias`, `log-group`, `subnet-group`, `security-group`,
 * `parameter-group`, `instance`, `ingress-<client id>` (docs/design.md decision 7).
 */
export class PostgresDatabase extends Construct {
  readonly instance: DbInstance;
  readonly securityGroup: SecurityGroup;
  readonly key: KmsKey;
  readonly keyAlias: KmsAlias;
  /** The key's ARN (a reference). */
  readonly keyArn: string;
  readonly subnetGroup: DbSubnetGroup;
  readonly parameterGroup: DbParameterGroup;
  readonly logGroup: CloudwatchLogGroup;
  /** `<environmentName>-<name>`: the DB instance identifier. */
  readonly identifier: string;
  readonly databaseName: string;
  /** The port the instance listens on, as a literal. */
  readonly port: number;
  /** The instance's host name (a reference). */
  readonly address: string;
  /**
   * ARN of the Secrets Manager secret RDS keeps the master user's name and password in
   * (`master_user_secret[0].secret_arn`): a JSON secret with the keys `username` and `password`.
   */
  readonly masterUserSecretArn: string;
  readonly tier: Tier;

  private readonly clients = new Set<string>();

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    assertValidProps(this, postgresDatabaseProblems(props));
    const { environmentName, name, accountId, region } = props;
    this.tier = props.tier ?? 'production';
    const tierDefaults = DATA_TIER_DEFAULTS[this.tier];
    const identifier = databaseIdentifier(environmentName, name);
    const engineVersion = props.engineVersion ?? DATABASE_DEFAULTS.engineVersion;
    this.identifier = identifier;
    this.databaseName = props.databaseName;
    this.port = props.port ?? DATABASE_DEFAULTS.port;
    const logGroupName = databaseLogGroupName(identifier);

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts PostgreSQL ${identifier}: storage, snapshots, Performance Insights, its log and its master user secret`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      // The account administers the key and IAM says who uses it (RDS and Secrets Manager act
      // with the caller's permissions); CloudWatch Logs may use it for this instance's log only.
      policy: policyDocument([
        accountAdministersKey(accountId),
        logsMayEncryptLogGroups('LogsEncryptDatabaseLog', region, [logGroupArn(region, accountId, logGroupName)]),
      ]),
      tags: { Name: `${identifier}-rds` },
    });
    this.keyArn = this.key.arn;
    this.keyAlias = new KmsAlias(this, 'key-alias', { name: `alias/${identifier}-rds`, targetKeyId: this.key.keyId });

    // Made here rather than by RDS on first export, so it is encrypted and expires.
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays ?? tierDefaults.logRetentionDays,
      kmsKeyId: this.keyArn,
    });

    this.subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: identifier,
      description: `Isolated subnets of PostgreSQL ${identifier}`,
      subnetIds: [...props.subnetIds],
      tags: { Name: identifier },
    });

    // A name prefix, not a name: a group whose description or VPC changes is replaced, and the
    // new one must exist before the old one (still attached to the instance) can go. No rules:
    // `connect` adds ingress per client; the database opens no connections itself.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      namePrefix: `${identifier}-db-`,
      description: `PostgreSQL ${identifier}: connected clients in on its port, nothing out`,
      vpcId: props.vpcId,
      tags: { Name: `${identifier}-db` },
      lifecycle: { createBeforeDestroy: true },
    });

    // A new family (a major upgrade) needs a new group, made before the instance moves to it.
    this.parameterGroup = new DbParameterGroup(this, 'parameter-group', {
      namePrefix: `${identifier}-`,
      family: parameterGroupFamily(engineVersion),
      description: `PostgreSQL ${identifier}: TLS only`,
      parameter: [{ name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' }],
      tags: { Name: identifier },
      lifecycle: { createBeforeDestroy: true },
    });

    this.instance = new DbInstance(this, 'instance', {
      identifier,
      engine: 'postgres',
      engineVersion,
      autoMinorVersionUpgrade: true,
      instanceClass: props.instanceClass ?? tierDefaults.instanceClass,
      storageType: 'gp3',
      allocatedStorage: props.allocatedStorage ?? DATABASE_DEFAULTS.allocatedStorage,
      maxAllocatedStorage: props.maxAllocatedStorage ?? DATABASE_DEFAULTS.maxAllocatedStorage,
      storageEncrypted: true,
      kmsKeyId: this.keyArn,
      dbName: props.databaseName,
      port: this.port,
      username: props.masterUsername ?? DATABASE_DEFAULTS.masterUsername,
      // RDS generates the password and keeps it (and rotates it) in Secrets Manager, under our key.
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.keyArn,
      iamDatabaseAuthenticationEnabled: true,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: this.parameterGroup.name,
      publiclyAccessible: false,
      multiAz: props.multiAz ?? tierDefaults.multiAz,
      backupRetentionPeriod: props.backupRetentionDays ?? tierDefaults.backupRetentionDays,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection ?? tierDefaults.deletionProtection,
      // A deliberate destroy keeps the data.
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.keyArn,
      performanceInsightsRetentionPeriod: DATABASE_DEFAULTS.performanceInsightsRetentionDays,
      enabledCloudwatchLogsExports: ['postgresql'],
      applyImmediately: tierDefaults.applyImmediately,
      tags: { Name: identifier },
      // RDS would create the log group itself on first export, unencrypted and never expiring.
      dependsOn: [this.logGroup],
    });
    this.address = this.instance.address;
    this.masterUserSecretArn = this.instance.masterUserSecret.get(0).secretArn;

    if (this.tier === 'production' && props.multiAz === false && props.multiAzReason) {
      // The construct's checks accepted the written reason; the policy pack sees it too.
      suppress(this.instance, 'RDS-007', props.multiAzReason);
    }
  }

  /**
   * Lets `client` (a service) use the database: its egress to the database's security group and
   * the database's ingress from the client's group on `port`, the master user's name and
   * password from the secret RDS keeps (read by the client's execution role at task start,
   * decrypted with the database's key), and the host, port and database name as plain variables.
   */
  connect(client: IDatabaseClient, options: ConnectOptions = {}): void {
    const clientId = client.node.id;
    assertValidProps(this, [
      ...underPath(['connect'], connectProblems(options)),
      ...(this.clients.has(clientId) ? [propProblem(['connect'], `"${clientId}" is already connected`)] : []),
    ]);
    this.clients.add(clientId);
    const port = options.port ?? this.port;
    const variables: DatabaseVariableNames = { ...DATABASE_DEFAULTS.variables, ...options.variables };

    client.allowTo(this.securityGroup.id, port, `PostgreSQL ${this.identifier}`);
    new VpcSecurityGroupIngressRule(this, `ingress-${clientId}`, {
      securityGroupId: this.securityGroup.id,
      description: `PostgreSQL from ${clientId}`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: client.securityGroup.id,
    });
    const secret = { secretArn: this.masterUserSecretArn, kmsKeyArn: this.keyArn };
    client.addSecret(variables.username, { ...secret, jsonKey: 'username' });
    client.addSecret(variables.password, { ...secret, jsonKey: 'password' });
    client.addEnvironment(variables.host, this.address);
    client.addEnvironment(variables.port, String(port));
    client.addEnvironment(variables.name, this.databaseName);
  }
}
