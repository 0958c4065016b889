export {
  accountAdministersKey,
  type Conditions,
  denyInsecureTransport,
  logsMayEncryptLogGroups,
  policyDocument,
  type Principal,
  serviceTrustPolicy,
  type Statement,
} from './policy-document';
export {
  actionAccessLevel,
  actionMatches,
  actionProblem,
  canonicalActionName,
  editDistance,
  expandActionPattern,
  iamActionExists,
  iamActionsOfService,
  iamDataVersion,
  type IamActionListCache,
  type IamActionRecord,
  iamServiceExists,
  iamServicePrefixes,
  keepIamActionLists,
} from './iam-actions';
export {
  DATA_PLANE_READ_ACTIONS,
  dataPlaneReadsIn,
  type DataReads,
  dataReadsOf,
  deployRoleServices,
  type PlanRoleOptions,
  planRoleStatements,
  RESOURCE_ACCESS,
  type ResourceTypeAccess,
  unknownResourceTypes,
} from './resource-access';
export { applyPermissionsBoundary, PermissionsBoundary } from './permissions-boundary';
