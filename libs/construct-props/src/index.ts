export {
  allProblems,
  assertValidProps,
  formatPropPath,
  InvalidPropsError,
  type PropPath,
  type PropProblem,
  propProblem,
  type Tier,
  TIERS,
  underPath,
} from './props';
export { CLOUDWATCH_LOG_RETENTION_DAYS, logRetentionProblem } from './log-retention';
