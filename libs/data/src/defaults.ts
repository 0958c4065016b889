/**
 * What the data stores default to, per tier (docs/design.md decision 6: production is stricter
 * by construction; development may be cheaper, never weaker on encryption or privacy), and the
 * limits AWS puts on their settings. Plain data, no provider classes.
 */
import type { Tier } from '@ecs-platform/construct-props';

export interface DataTierDefaults {
  /** RDS instance class of a PostgresDatabase. */
  readonly instanceClass: string;
  /** A standby in a second availability zone. */
  readonly multiAz: boolean;
  /** Days of automated backups (point-in-time restore). */
  readonly backupRetentionDays: number;
  /** RDS refuses to delete the instance. */
  readonly deletionProtection: boolean;
  /** Changes are applied at once rather than in the next maintenance window. */
  readonly applyImmediately: boolean;
  /** Days the database's PostgreSQL log is kept in CloudWatch Logs. */
  readonly logRetentionDays: number;
  /** Days a PrivateBucket keeps an overwritten or deleted object version. */
  readonly noncurrentVersionDays: number;
}

export const DATA_TIER_DEFAULTS: Readonly<Record<Tier, DataTierDefaults>> = {
  production: {
    instanceClass: 'db.t4g.medium',
    multiAz: true,
    backupRetentionDays: 14,
    deletionProtection: true,
    // A change that restarts the database waits for the maintenance window.
    applyImmediately: false,
    logRetentionDays: 365,
    noncurrentVersionDays: 90,
  },
  'non-production': {
    instanceClass: 'db.t4g.micro',
    multiAz: false,
    backupRetentionDays: 7,
    deletionProtection: false,
    applyImmediately: true,
    logRetentionDays: 30,
    noncurrentVersionDays: 30,
  },
};

export interface DatabaseVariableNames {
  readonly host: string;
  readonly port: string;
  readonly name: string;
  readonly username: string;
  readonly password: string;
}

export const DATABASE_DEFAULTS = {
  /**
   * A major version only: with auto minor version upgrades on, RDS creates the instance on the
   * major version's default minor and upgrades it in the maintenance window, and the provider
   * accepts the prefix without a diff. A pinned minor ("16.4") is allowed, but once RDS
   * upgrades the instance the plan would try to go back to it.
   */
  engineVersion: '16',
  port: 5432,
  allocatedStorage: 20,
  maxAllocatedStorage: 100,
  masterUsername: 'postgres',
  /** The free retention of Performance Insights. */
  performanceInsightsRetentionDays: 7,
  variables: {
    host: 'DATABASE_HOST',
    port: 'DATABASE_PORT',
    name: 'DATABASE_NAME',
    username: 'DATABASE_USERNAME',
    password: 'DATABASE_PASSWORD',
  } satisfies DatabaseVariableNames,
} as const;

export const BUCKET_DEFAULTS = {
  /** Days before an unfinished multipart upload is removed. */
  incompleteUploadDays: 7,
} as const;

export interface Limits {
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
}

export const DATA_LIMITS = {
  /** RDS keeps automated backups for 1 to 35 days (0 turns them off, which no tier does). */
  backupRetentionDays: { min: 1, max: 35, unit: 'days' },
  /** What the policy pack's RDS-006 asks of production. */
  productionBackupRetentionDays: 7,
  /** CreateDBInstance: Valid Values 1150-65535. */
  port: { min: 1150, max: 65535 },
  /** gp3 volumes of RDS: 20 GiB to 64 TiB. */
  allocatedStorage: { min: 20, max: 65536, unit: 'GiB' },
  /** A DB subnet group spans at least two availability zones. */
  subnetIds: 2,
  /** RDS DB instance identifiers, and S3 bucket names. */
  identifierLength: 63,
  bucketNameLength: { min: 3, max: 63 },
  lifecycleDays: { min: 1, max: 36500, unit: 'days' },
  /** A written reason: as long as the policy pack's `suppress` requires, since it becomes one. */
  reasonLength: { min: 20, max: 500 },
} as const;
