/**
 * ALB-003: HTTPS and TLS listeners use a TLS 1.3 security policy (ELBSecurityPolicy-TLS13-*)
 * and a certificate.
 * Equivalents: Checkov CKV_AWS_103 (at least TLS 1.2; this rule is stricter), cdk-nag
 * NIST.800.53.R5 ELBv2ACMCertificateRequired, Security Hub ELB.17 (predefined policy).
 */
import { LISTENER_TYPES } from '../support/load-balancers';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const alb003: PolicyRule = {
  id: 'ALB-003',
  description: 'HTTPS/TLS listeners use an ELBSecurityPolicy-TLS13-* policy and a certificate',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [...LISTENER_TYPES],
  equivalents: ['Checkov CKV_AWS_103', 'cdk-nag NIST.800.53.R5 ELBv2ACMCertificateRequired', 'Security Hub ELB.17'],
  check: (listener) => {
    const { protocol, ssl_policy: policy, certificate_arn: certificate } = listener.config;
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return notApplicable();
    if (typeof policy !== 'string' || !policy.startsWith('ELBSecurityPolicy-TLS13-')) {
      return nonCompliant(`ssl_policy is ${policy === undefined ? 'not set (the default allows TLS 1.0)' : `"${String(policy)}"`}, not ELBSecurityPolicy-TLS13-*`);
    }
    return certificate ? compliant() : nonCompliant('certificate_arn is not set');
  },
};
