/**
 * The rules that guard the data stores' props, as pure functions (no provider classes, no
 * Terraform): each returns every problem it finds, with a path relative to what it was given.
 * The constructors call them through `assertValidProps` (docs/design.md decision 9).
 *
 * Values that are Terraform tokens (a subnet id of the same stack) are known only at apply;
 * checks of their text skip them.
 */
import { logRetentionProblem, type PropPath, type PropProblem, propProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import { dataBucketName } from '@ecs-platform/aws-names';
import { DATA_LIMITS, DATA_TIER_DEFAULTS, DATABASE_DEFAULTS, type DatabaseVariableNames, type Limits } from './defaults';
import type { ConnectOptions, PostgresDatabaseProps, PrivateBucketProps } from './props';

type Problems = PropProblem[];

/** Whether a string is (or holds) a Terraform token, whose value is known only at apply. */
export function isUnresolved(value: string): boolean {
  return value.includes('${') || value.includes('#{');
}

/** `must be between 1 and 35 days, got 40`: the wording the other layers use. */
export function rangeProblems(path: PropPath, value: number | undefined, limits: Limits): Problems {
  if (value === undefined) return [];
  if (!Number.isInteger(value)) return [propProblem(path, `must be a whole number, got number ${value}`)];
  const { min, max } = limits;
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return [];
  const unit = limits.unit ? ` ${limits.unit}` : '';
  const bound =
    min !== undefined && max !== undefined ? `between ${min} and ${max}${unit}` : min !== undefined ? `at least ${min}${unit}` : `at most ${max}${unit}`;
  return [propProblem(path, `must be ${bound}, got ${value}`)];
}

/** A written reason for relaxing a production default: long enough to say something. */
export function reasonProblems(path: PropPath, reason: string | undefined): Problems {
  if (reason === undefined) return [];
  const { min, max } = DATA_LIMITS.reasonLength;
  if (reason.trim().length < min) return [propProblem(path, `must be at least ${min} characters long`)];
  if (reason.length > max) return [propProblem(path, `must be at most ${max} characters long`)];
  return [];
}

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** An environment's or a store's name: it becomes part of every resource name. */
export function nameProblems(name: string): Problems {
  if (isUnresolved(name) || NAME.test(name)) return [];
  return [propProblem([], `"${name}" must be lowercase letters, digits and single hyphens, begin with a letter and not end with a hyphen`)];
}

/** `<environmentName>-<name>`: the DB instance identifier and the stem of a database's other names. */
export function databaseIdentifier(environmentName: string, name: string): string {
  return `${environmentName}-${name}`;
}

const IDENTIFIER = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * An RDS DB instance identifier: 1 to 63 letters, digits and hyphens, beginning with a letter,
 * no two hyphens in a row and no hyphen at the end (lowercase: RDS stores it so, and the
 * provider refuses capitals).
 */
export function dbInstanceIdentifierProblems(identifier: string): Problems {
  if (isUnresolved(identifier)) return [];
  const problems: Problems = [];
  if (identifier.length > DATA_LIMITS.identifierLength) {
    problems.push(propProblem([], `gives the DB instance identifier "${identifier}" of ${identifier.length} characters; RDS allows at most ${DATA_LIMITS.identifierLength}`));
  }
  if (!IDENTIFIER.test(identifier)) {
    problems.push(
      propProblem(
        [],
        `gives the DB instance identifier "${identifier}", which must be lowercase letters, digits and hyphens, begin with a letter, and have no two hyphens in a row and no hyphen at the end`,
      ),
    );
  }
  return problems;
}

const BUCKET = /^[a-z0-9][a-z0-9-]*[a-z0-9]$/;

/**
 * An S3 general purpose bucket name without dots (a dotted name breaks the TLS certificate of
 * virtual-hosted requests), beginning with the environment's name, off the prefixes and
 * suffixes S3 reserves.
 */
export function bucketNameProblems(bucketName: string, environmentName: string): Problems {
  if (isUnresolved(bucketName)) return [];
  const problems: Problems = [];
  const { min, max } = DATA_LIMITS.bucketNameLength;
  if (bucketName.length < min || bucketName.length > max) {
    problems.push(propProblem([], `"${bucketName}" is ${bucketName.length} characters; an S3 bucket name has ${min} to ${max}`));
  }
  if (!BUCKET.test(bucketName)) {
    problems.push(propProblem([], `"${bucketName}" must be lowercase letters, digits and hyphens, and begin and end with a letter or digit`));
  }
  const reserved = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((prefix) => bucketName.startsWith(prefix));
  if (reserved) problems.push(propProblem([], `"${bucketName}" begins with "${reserved}", which S3 reserves`));
  const reservedSuffix = ['-s3alias', '--ol-s3', '--x-s3', '--table-s3'].find((suffix) => bucketName.endsWith(suffix));
  if (reservedSuffix) problems.push(propProblem([], `"${bucketName}" ends with "${reservedSuffix}", which S3 reserves`));
  if (!isUnresolved(environmentName) && !bucketName.startsWith(`${environmentName}-`)) {
    problems.push(propProblem([], `"${bucketName}" must begin with "${environmentName}-": the environment's CI roles reach only its own buckets`));
  }
  return problems;
}

const DATABASE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
/** Databases every RDS for PostgreSQL instance has already. */
const EXISTING_DATABASES = ['postgres', 'rdsadmin', 'template0', 'template1'];

/** The database RDS creates (DBName of RDS for PostgreSQL). */
export function databaseNameProblems(databaseName: string): Problems {
  if (isUnresolved(databaseName)) return [];
  if (!DATABASE_NAME.test(databaseName)) {
    return [propProblem([], `"${databaseName}" must be 1 to 63 lowercase letters, digits and underscores, beginning with a letter`)];
  }
  if (EXISTING_DATABASES.includes(databaseName)) {
    return [propProblem([], `"${databaseName}" is a database every RDS for PostgreSQL instance already has; name the application's own`)];
  }
  return [];
}

const USERNAME = /^[a-z][a-z0-9_]{0,62}$/;

/** The master user's name: a PostgreSQL role RDS creates; `pg_` and `rds` names are taken by PostgreSQL and RDS. */
export function masterUsernameProblems(username: string): Problems {
  if (isUnresolved(username)) return [];
  if (!USERNAME.test(username)) return [propProblem([], `"${username}" must be 1 to 63 lowercase letters, digits and underscores, beginning with a letter`)];
  if (username.startsWith('pg_') || username.startsWith('rds')) {
    return [propProblem([], `"${username}" begins with "${username.startsWith('pg_') ? 'pg_' : 'rds'}", which ${username.startsWith('pg_') ? 'PostgreSQL' : 'RDS'} reserves for its own roles`)];
  }
  return [];
}

/** Days of automated backups: what RDS keeps, and at least a week in production. */
export function backupRetentionProblems(tier: Tier, days: number | undefined): Problems {
  const range = rangeProblems([], days, DATA_LIMITS.backupRetentionDays);
  if (range.length > 0 || days === undefined || tier !== 'production') return range;
  const floor = DATA_LIMITS.productionBackupRetentionDays;
  return days < floor
    ? [propProblem([], `the production tier keeps at least ${floor} days of backups, so a bad migration found after a weekend can still be undone; got ${days}`)]
    : [];
}

/** A TCP port a PostgreSQL instance may listen on. */
export function portProblems(port: number | undefined): Problems {
  return rangeProblems([], port, DATA_LIMITS.port);
}

const ENGINE_VERSION = /^(\d+)(?:\.(\d+))?$/;

/** A PostgreSQL version RDS names: "16" or "16.4". */
export function engineVersionProblems(version: string): Problems {
  if (isUnresolved(version) || ENGINE_VERSION.test(version)) return [];
  return [propProblem([], `"${version}" must be a PostgreSQL major version ("16") or major.minor ("16.4")`)];
}

/** The parameter group family of a PostgreSQL version: `postgres16` for "16" and "16.4". */
export function parameterGroupFamily(engineVersion: string): string {
  return `postgres${engineVersion.split('.')[0]}`;
}

const INSTANCE_CLASS = /^db\.[a-z0-9-]+\.[a-z0-9]+$/;

export function instanceClassProblems(instanceClass: string): Problems {
  if (isUnresolved(instanceClass) || INSTANCE_CLASS.test(instanceClass)) return [];
  return [propProblem([], `"${instanceClass}" must be an RDS instance class like "db.t4g.medium"`)];
}

/** gp3 storage and its autoscaling ceiling, which RDS wants at least 10% above the allocation. */
export function storageProblems(allocatedStorage: number | undefined, maxAllocatedStorage: number | undefined): Problems {
  const problems = [
    ...rangeProblems(['allocatedStorage'], allocatedStorage, DATA_LIMITS.allocatedStorage),
    ...rangeProblems(['maxAllocatedStorage'], maxAllocatedStorage, DATA_LIMITS.allocatedStorage),
  ];
  if (problems.length > 0) return problems;
  const allocated = allocatedStorage ?? DATABASE_DEFAULTS.allocatedStorage;
  const max = maxAllocatedStorage ?? DATABASE_DEFAULTS.maxAllocatedStorage;
  const floor = Math.ceil(allocated * 1.1);
  return max < floor
    ? [propProblem(['maxAllocatedStorage'], `must be at least 10% above allocatedStorage (${floor} GiB for ${allocated}) for storage autoscaling, got ${max}`)]
    : [];
}

/** Days a log group keeps events: a period CloudWatch Logs offers, and a year or more in production. */
export function logRetentionProblems(tier: Tier, days: number | undefined): Problems {
  if (days === undefined) return [];
  const offered = logRetentionProblem(days);
  if (offered) return [propProblem([], offered)];
  const floor = DATA_TIER_DEFAULTS.production.logRetentionDays;
  return tier === 'production' && days < floor ? [propProblem([], `the production tier keeps logs at least ${floor} days, got ${days}`)] : [];
}

function subnetProblems(subnetIds: readonly string[]): Problems {
  // One list token (a Terraform list of unknown length) cannot be counted.
  if (subnetIds.length === 1 && subnetIds[0].startsWith('#{')) return [];
  const min = DATA_LIMITS.subnetIds;
  const problems =
    subnetIds.length < min ? [propProblem([], `must list at least ${min} (a DB subnet group spans two availability zones), got ${subnetIds.length}`)] : [];
  const seen = new Set<string>();
  subnetIds.forEach((id, i) => {
    if (seen.has(id)) problems.push(propProblem([i], `"${id}" is listed twice`));
    seen.add(id);
  });
  return problems;
}

/** Every problem with a PrivateBucket's props. */
export function privateBucketProblems(props: PrivateBucketProps): Problems {
  const tier = props.tier ?? 'production';
  const names = [...underPath(['environmentName'], nameProblems(props.environmentName)), ...underPath(['name'], nameProblems(props.name))];
  const bucketName = props.bucketName ?? dataBucketName(props.environmentName, props.name, props.accountId, props.region);
  return [
    ...names,
    // A default name is only worth checking when its parts are sound.
    ...(props.bucketName !== undefined || names.length === 0
      ? underPath([props.bucketName !== undefined ? 'bucketName' : 'name'], bucketNameProblems(bucketName, props.environmentName))
      : []),
    ...rangeProblems(['noncurrentVersionDays'], props.noncurrentVersionDays, DATA_LIMITS.lifecycleDays),
    ...rangeProblems(['expireAfterDays'], props.expireAfterDays, DATA_LIMITS.lifecycleDays),
    ...rangeProblems(['incompleteUploadDays'], props.incompleteUploadDays, DATA_LIMITS.lifecycleDays),
    ...(tier === 'production' && props.forceDestroy
      ? [propProblem(['forceDestroy'], 'the production tier never lets Terraform empty a bucket: deleting it would delete every object and version in it')]
      : []),
  ];
}

/** Every problem with a PostgresDatabase's props. */
export function postgresDatabaseProblems(props: PostgresDatabaseProps): Problems {
  const tier = props.tier ?? 'production';
  const names = [...underPath(['environmentName'], nameProblems(props.environmentName)), ...underPath(['name'], nameProblems(props.name))];
  return [
    ...names,
    ...(names.length === 0 ? underPath(['name'], dbInstanceIdentifierProblems(databaseIdentifier(props.environmentName, props.name))) : []),
    ...underPath(['subnetIds'], subnetProblems(props.subnetIds)),
    ...underPath(['databaseName'], databaseNameProblems(props.databaseName)),
    ...(props.masterUsername !== undefined ? underPath(['masterUsername'], masterUsernameProblems(props.masterUsername)) : []),
    ...underPath(['port'], portProblems(props.port)),
    ...(props.engineVersion !== undefined ? underPath(['engineVersion'], engineVersionProblems(props.engineVersion)) : []),
    ...(props.instanceClass !== undefined ? underPath(['instanceClass'], instanceClassProblems(props.instanceClass)) : []),
    ...storageProblems(props.allocatedStorage, props.maxAllocatedStorage),
    ...underPath(['backupRetentionDays'], backupRetentionProblems(tier, props.backupRetentionDays)),
    ...underPath(['logRetentionDays'], logRetentionProblems(tier, props.logRetentionDays)),
    ...reasonProblems(['multiAzReason'], props.multiAzReason),
    ...productionDatabaseProblems({ ...props, tier }),
  ];
}

/** What production refuses, and the reasons it takes. */
export function productionDatabaseProblems(props: Pick<PostgresDatabaseProps, 'multiAz' | 'multiAzReason' | 'deletionProtection'> & { readonly tier: Tier }): Problems {
  const problems: Problems = [];
  if (props.multiAzReason !== undefined && props.multiAz !== false) {
    problems.push(propProblem(['multiAzReason'], 'is only allowed with multiAz: false'));
  }
  if (props.tier !== 'production') return problems;
  if (props.multiAz === false && props.multiAzReason === undefined) {
    problems.push(
      propProblem(['multiAz'], 'the production tier runs a standby in a second availability zone; turning multiAz off needs "multiAzReason"'),
    );
  }
  if (props.deletionProtection === false) {
    problems.push(propProblem(['deletionProtection'], 'the production tier keeps deletion protection on: a plan never deletes a production database'));
  }
  return problems;
}

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Options of `connect`: the port and the variable names (distinct, valid names). */
export function connectProblems(options: ConnectOptions): Problems {
  const variables: DatabaseVariableNames = { ...DATABASE_DEFAULTS.variables, ...options.variables };
  const seen = new Map<string, string>();
  const problems: Problems = underPath(['port'], portProblems(options.port));
  for (const [role, name] of Object.entries(variables) as [keyof DatabaseVariableNames, string][]) {
    if (!VARIABLE.test(name)) problems.push(propProblem(['variables', role], `"${name}" must be letters, digits and underscores, not beginning with a digit`));
    const other = seen.get(name);
    if (other) problems.push(propProblem(['variables', role], `"${name}" is already the variable of the ${other}`));
    seen.set(name, role);
  }
  return problems;
}
