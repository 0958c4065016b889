/**
 * staging's environment app (docs/extending.md): the storefront's uploads bucket and
 * database, as in prod, so that what prod runs has run here first.
 */
import { PostgresDatabase, PrivateBucket } from '@ecs-platform/data';
import { defineEnvironmentApp } from '@ecs-platform/environment-app';

export default defineEnvironmentApp((environment) => {
  const { accountId, region, tier, name } = environment;
  const storefront = environment.service('storefront');

  const uploads = new PrivateBucket(environment.stack, 'storefront-uploads', { environmentName: name, name: 'storefront-uploads', accountId, region, tier });
  uploads.grantReadWrite(storefront);

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
});
