export { applyPolicy, PolicyAspect, type PolicyOptions, PolicyViolationError } from './aspect';
export { COVERAGE_RULE_ID, coverageRule, type UncoveredType, type UncoveredTypesMode, uncoveredTypes } from './coverage';
export {
  describeTarget,
  evaluateResources,
  evaluateStack,
  type EvaluateOptions,
  type Finding,
  type RuleReport,
  type StackReport,
  type SuppressedFinding,
  type Suppression,
  SuppressionError,
  type SuppressionTarget,
  type UnusedSuppression,
  violations,
} from './evaluate';
export { ECS_PLATFORM_RULES, findRule } from './pack';
export { formatStackReport, formatTotals, formatViolations, type ReportTotals, totals } from './report';
export { BACKEND_TYPE, backendViews, defaultTagsOf, resourceAddresses, resourcesOf, type SynthesizedStack } from './stack-view';
export {
  collectSuppressions,
  type DeclaredSuppression,
  MIN_REASON_LENGTH,
  suppress,
  suppressionFromSpec,
  suppressionsOf,
  type SuppressionSpec,
} from './suppress';
export {
  ANY_RESOURCE_TYPE,
  appliesTo,
  compliant,
  coveredTypes,
  nonCompliant,
  notApplicable,
  type PolicyRule,
  type ResourceView,
  type RuleContext,
  type RuleResult,
  type Severity,
  type Tier,
  TIERS,
} from './types';
