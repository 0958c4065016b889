/**
 * ALB-001: plain HTTP on an application load balancer only redirects to HTTPS: every HTTP
 * listener's default action, and every rule on an HTTP listener, is a redirect with protocol
 * HTTPS. Production tier: "HTTPS only" is a production preset (docs/design.md decision 6).
 * Equivalents: Checkov CKV2_AWS_20 (ALB redirects HTTP to HTTPS), CKV_AWS_2 (listener
 * protocol HTTPS), cdk-nag NIST.800.53.R5 ALBHttpToHttpsRedirection, Security Hub ELB.1.
 */
import { references } from '../support/attributes';
import { LISTENER_TYPES, redirectsToHttps } from '../support/load-balancers';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const alb001: PolicyRule = {
  id: 'ALB-001',
  description: 'HTTP listeners (and their rules) only redirect to HTTPS',
  severity: 'high',
  tiers: ['production'],
  resourceTypes: [...LISTENER_TYPES, 'aws_lb_listener_rule', 'aws_alb_listener_rule'],
  equivalents: ['Checkov CKV2_AWS_20, CKV_AWS_2', 'cdk-nag NIST.800.53.R5 ALBHttpToHttpsRedirection', 'Security Hub ELB.1'],
  check: (resource, context) => {
    if (resource.type.endsWith('_listener_rule')) {
      const listener = LISTENER_TYPES.flatMap((type) => context.ofType(type)).find((l) => references(resource.config.listener_arn, l.address));
      if (!listener || listener.config.protocol !== 'HTTP') return notApplicable();
      return redirectsToHttps(resource.config.action) ? compliant() : nonCompliant(`a rule on HTTP listener ${listener.address} serves plain HTTP`);
    }
    if (resource.config.protocol !== 'HTTP') return notApplicable();
    return redirectsToHttps(resource.config.default_action)
      ? compliant()
      : nonCompliant('HTTP listener does not redirect to HTTPS (default_action is not a redirect with protocol HTTPS)');
  },
};
