/**
 * The props of the data stores, and the small interfaces they take a service by. Structural:
 * `@ecs-platform/compute`'s Service fits them as it is, and anything else with the same methods
 * (a Lambda function's construct, a test double) does too. No provider imports here.
 */
import type { Tier } from '@ecs-platform/construct-props';
import type { IConstruct } from 'constructs';
import type { DatabaseVariableNames } from './defaults';

/** One statement of an application's IAM policy, as compute's `Service.grant` takes it (`TaskRolePolicy`). */
export interface GrantStatement {
  /** Statement id: letters and digits. */
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Why a wildcard resource is needed. */
  readonly reason?: string;
}

/** What a bucket grants access to: the application's role, e.g. compute's Service. */
export interface IGrantee {
  grant(policies: readonly GrantStatement[]): void;
}

/** What a database connects: a construct with its own security group, egress and container variables, e.g. compute's Service. */
export interface IDatabaseClient extends IConstruct {
  readonly securityGroup: { readonly id: string };
  /** Egress of the client's security group to `peer` (a security group id) on TCP `port`. */
  allowTo(peer: string, port: number, description: string): unknown;
  /** A Secrets Manager secret (by ARN, `jsonKey` one key of a JSON secret) as the variable `name`. */
  addSecret(name: string, secret: { readonly secretArn: string; readonly jsonKey?: string; readonly kmsKeyArn?: string }): void;
  /** A plain variable; the value may be a reference. */
  addEnvironment(name: string, value: string): void;
}

/** Where a store lives and whose it is: every name begins with the environment's name. */
export interface DataStoreProps {
  /** The environment the store belongs to; every name begins with it. */
  readonly environmentName: string;
  /** The store's name within the environment: lowercase letters, digits and single hyphens. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** How strict the defaults and refusals are. @default 'production' */
  readonly tier?: Tier;
}

export interface PrivateBucketProps extends DataStoreProps {
  /**
   * The bucket's name: 3 to 63 lowercase letters, digits and hyphens, beginning with
   * `<environmentName>-` (the CI roles are scoped to `arn:aws:s3:::<environment>-*`).
   * @default `<environmentName>-<name>-<accountId>-<region>` (dataBucketName of @ecs-platform/aws-names)
   */
  readonly bucketName?: string;
  /** Days an overwritten or deleted object version is kept before it expires. @default DATA_TIER_DEFAULTS[tier].noncurrentVersionDays: 90 in production, 30 otherwise */
  readonly noncurrentVersionDays?: number;
  /** Days after which current objects expire (become noncurrent versions). @default none: objects are kept */
  readonly expireAfterDays?: number;
  /** Days before an unfinished multipart upload is removed. @default 7 */
  readonly incompleteUploadDays?: number;
  /** Let Terraform delete the bucket with every object in it. Refused in production. @default false */
  readonly forceDestroy?: boolean;
}

export interface PostgresDatabaseProps extends DataStoreProps {
  readonly vpcId: string;
  /** Subnets of the DB subnet group: the isolated ones (no route to the internet); at least 2, in different zones. */
  readonly subnetIds: readonly string[];
  /** The database RDS creates in the instance: lowercase letters, digits and underscores, starting with a letter. */
  readonly databaseName: string;
  /** TCP port (1150 to 65535). @default 5432 */
  readonly port?: number;
  /** PostgreSQL version: a major version ("16"), or major.minor ("16.4"). @default '16' */
  readonly engineVersion?: string;
  /** @default DATA_TIER_DEFAULTS[tier].instanceClass: 'db.t4g.medium' in production, 'db.t4g.micro' otherwise */
  readonly instanceClass?: string;
  /** GiB of gp3 storage to start with (20 to 65536). @default 20 */
  readonly allocatedStorage?: number;
  /** GiB storage autoscaling may grow to; at least 10% above `allocatedStorage`. @default 100 */
  readonly maxAllocatedStorage?: number;
  /** The master user's name; RDS generates its password and keeps both in Secrets Manager. @default 'postgres' */
  readonly masterUsername?: string;
  /** Days of automated backups (1 to 35; at least 7 in production). @default DATA_TIER_DEFAULTS[tier].backupRetentionDays: 14 in production, 7 otherwise */
  readonly backupRetentionDays?: number;
  /** A standby in another availability zone. @default DATA_TIER_DEFAULTS[tier].multiAz: true in production, false otherwise */
  readonly multiAz?: boolean;
  /** Why a production database runs without a standby; required to turn `multiAz` off there. @default none */
  readonly multiAzReason?: string;
  /** RDS refuses to delete the instance. Always true in production. @default DATA_TIER_DEFAULTS[tier].deletionProtection: true in production, false otherwise */
  readonly deletionProtection?: boolean;
  /** Days the PostgreSQL log is kept in CloudWatch Logs; at least 365 in production. @default DATA_TIER_DEFAULTS[tier].logRetentionDays: 365 in production, 30 otherwise */
  readonly logRetentionDays?: number;
}

/** Options of `PostgresDatabase.connect`. */
export interface ConnectOptions {
  /** The TCP port the client may reach. @default the database's port */
  readonly port?: number;
  /** Names of the container variables the client gets. @default DATABASE_DEFAULTS.variables: DATABASE_HOST, DATABASE_PORT, DATABASE_NAME, DATABASE_USERNAME, DATABASE_PASSWORD */
  readonly variables?: Partial<DatabaseVariableNames>;
}
