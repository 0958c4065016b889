/**
 * prod's environment app: what its definition cannot say, added in TypeScript to the same
 * stack (docs/extending.md). It receives the typed handles of what the definition built.
 */
import { WebAcl } from '@ecs-platform/compute';
import { PostgresDatabase, PrivateBucket } from '@ecs-platform/data';
import { defineEnvironmentApp } from '@ecs-platform/environment-app';

export default defineEnvironmentApp((environment) => {
  const { accountId, region, tier, name } = environment;
  const storefront = environment.service('storefront');

  // Customers' uploads: private, encrypted with a key of their own; only the storefront's task
  // role may read and write them.
  const uploads = new PrivateBucket(environment.stack, 'storefront-uploads', { environmentName: name, name: 'storefront-uploads', accountId, region, tier });
  uploads.grantReadWrite(storefront);

  // The storefront's PostgreSQL database in the isolated subnets, reachable from the storefront's
  // tasks only; RDS keeps the master password in Secrets Manager and the task reads it at start.
  const database = new PostgresDatabase(environment.stack, 'storefront-database', {
    environmentName: name,
    name: 'storefront',
    accountId,
    region,
    tier,
    vpcId: environment.network.outputs.vpcId,
    subnetIds: environment.network.outputs.isolatedSubnetIds,
    databaseName: 'storefront',
  });
  database.connect(storefront);

  // AWS managed rule groups in front of the public load balancer: the OWASP-style common rule
  // set, known bad inputs (Log4Shell probes and the like), IP addresses with a bad reputation.
  const { loadBalancer } = environment;
  if (!loadBalancer) throw new Error('prod runs web services behind its load balancer; the WAF has nothing to protect without one');
  new WebAcl(environment.stack, 'web-acl', { name: `${name}-public` }).protect('load-balancer', loadBalancer.loadBalancer.arn);
});
