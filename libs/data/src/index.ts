export {
  backupRetentionProblems,
  bucketNameProblems,
  connectProblems,
  databaseIdentifier,
  databaseNameProblems,
  dbInstanceIdentifierProblems,
  engineVersionProblems,
  instanceClassProblems,
  isUnresolved,
  logRetentionProblems,
  masterUsernameProblems,
  nameProblems,
  parameterGroupFamily,
  portProblems,
  postgresDatabaseProblems,
  privateBucketProblems,
  productionDatabaseProblems,
  rangeProblems,
  reasonProblems,
  storageProblems,
} from './checks';
export { BUCKET_DEFAULTS, DATA_LIMITS, DATA_TIER_DEFAULTS, DATABASE_DEFAULTS, type DatabaseVariableNames, type DataTierDefaults, type Limits } from './defaults';
export { databaseLogGroupName, PostgresDatabase } from './postgres-database';
export { PrivateBucket } from './private-bucket';
export type {
  ConnectOptions,
  DataStoreProps,
  GrantStatement,
  IDatabaseClient,
  IGrantee,
  PostgresDatabaseProps,
  PrivateBucketProps,
} from './props';
