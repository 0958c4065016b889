/**
 * prod's environment app: what its definition cannot say, added in TypeScript to the same
 * stack (docs/extending.md). It receives the typed handles of what the definition built.
 */
import { WebAcl } from '@ecs-platform/compute';
import { defineEnvironmentApp } from '@ecs-platform/environment-app';

export default defineEnvironmentApp((environment) => {
  // AWS managed rule groups in front of the public load balancer: the OWASP-style common rule
  // set, known bad inputs (Log4Shell probes and the like), IP addresses with a bad reputation.
  const { loadBalancer } = environment;
  if (!loadBalancer) throw new Error('prod runs web services behind its load balancer; the WAF has nothing to protect without one');
  new WebAcl(environment.stack, 'web-acl', { name: `${environment.name}-public` }).protect('load-balancer', loadBalancer.loadBalancer.arn);
});
