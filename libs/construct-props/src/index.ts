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
