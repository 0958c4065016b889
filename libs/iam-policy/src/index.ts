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
  actionProblem,
  canonicalActionName,
  editDistance,
  expandActionPattern,
  iamActionExists,
  iamActionsOfService,
  iamDataVersion,
  type IamActionRecord,
  iamServiceExists,
  iamServicePrefixes,
} from './iam-actions';
