export { applyPolicy, PolicyAspect, type PolicyOptions, PolicyViolationError } from './aspect';
export {
  evaluateResources,
  evaluateStack,
  type EvaluateOptions,
  type Finding,
  type RuleReport,
  type StackReport,
  type SuppressedFinding,
  type Suppression,
  violations,
} from './evaluate';
export { ECS_PLATFORM_RULES, findRule } from './pack';
export { formatStackReport, formatTotals, formatViolations, type ReportTotals, totals } from './report';
export { BACKEND_TYPE, backendViews, defaultTagsOf, resourceAddresses, resourcesOf, type SynthesizedStack } from './stack-view';
export { MIN_REASON_LENGTH, suppress, suppressionsOf } from './suppress';
export {
  compliant,
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
