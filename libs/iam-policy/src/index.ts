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
