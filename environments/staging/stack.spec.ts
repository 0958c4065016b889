import { testEnvironment } from '@ecs-platform/environment-app';
import { Match, Template } from '@ecs-platform/testing';
import app from './stack';

describe("staging's environment app", () => {
  const environment = testEnvironment({ name: 'staging', tier: 'non-production' });
  app(environment);
  const template = Template.fromStack(environment.stack);

  it('gives the storefront its uploads bucket and its database, as in prod', () => {
    template.resourceCountIs('aws_s3_bucket', 1);
    template.resourceMatches('aws_db_instance', 'storefront-database/instance', { manage_master_user_password: true, multi_az: false, storage_encrypted: true });
    template.resourceMatches('aws_ecs_task_definition', 'storefront/task-definition', {
      container_definitions: Match.serializedJson([Match.objectLike({ environment: Match.arrayWith([Match.objectLike({ name: 'DATABASE_HOST' })]) })]),
    });
  });
});
