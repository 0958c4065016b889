export {
  type Conditions,
  denyInsecureTransport,
  policyDocument,
  type Principal,
  serviceTrustPolicy,
  type Statement,
} from './policy-document';
