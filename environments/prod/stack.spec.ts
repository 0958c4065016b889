import { testEnvironment } from '@ecs-platform/environment-app';
import { Match, Template } from '@ecs-platform/testing';
import app from './stack';

describe("prod's environment app", () => {
  const environment = testEnvironment({ name: 'prod', services: { web: ['storefront'], workers: ['order-worker'] } });
  app(environment);
  const template = Template.fromStack(environment.stack);

  it('puts a web ACL of AWS managed rule groups in front of the public load balancer', () => {
    template.resourceMatches('aws_wafv2_web_acl', 'web-acl/web-acl', { name: 'prod-public', scope: 'REGIONAL' });
    template.resourceMatches('aws_wafv2_web_acl_association', 'web-acl/load-balancer', {
      resource_arn: template.ref('aws_lb', 'load-balancer/load-balancer', 'arn'),
    });
  });

  it("lets only the storefront's task role read and write the uploads bucket", () => {
    template.resourceMatches('aws_iam_role_policy', 'storefront/task-role-policy', {
      policy: Match.serializedJson({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['s3:GetObject', 's3:PutObject']), Resource: [Match.stringLikeRegexp(/^arn:aws:s3:::prod-storefront-uploads-.*\/\*$/)] }),
        ]),
      }),
    });
    expect(Object.keys(template.findResources('aws_iam_role_policy', { policy: Match.stringLikeRegexp(/storefront-uploads/) }))).toEqual(['storefront/task-role-policy']);
  });

  it("runs the database in the isolated subnets, reachable from the storefront's tasks only, its password kept by RDS", () => {
    template.resourceMatches('aws_db_instance', 'storefront-database/instance', {
      manage_master_user_password: true,
      storage_encrypted: true,
      publicly_accessible: false,
      multi_az: true,
      deletion_protection: true,
      password: Match.absent(),
    });
    template.resourceMatches('aws_db_subnet_group', 'storefront-database/subnet-group', {
      subnet_ids: [template.ref('aws_subnet', 'network/eu-central-1a/isolated-subnet'), template.ref('aws_subnet', 'network/eu-central-1b/isolated-subnet')],
    });
    const ingress = template.findResources('aws_vpc_security_group_ingress_rule', {
      security_group_id: template.ref('aws_security_group', 'storefront-database/security-group'),
    });
    expect(Object.values(ingress).map((rule) => rule.referenced_security_group_id)).toEqual([template.ref('aws_security_group', 'storefront/security-group')]);
    template.resourceMatches('aws_ecs_task_definition', 'storefront/task-definition', {
      container_definitions: Match.serializedJson([
        Match.objectLike({ secrets: Match.arrayWith([Match.objectLike({ name: 'DATABASE_PASSWORD', valueFrom: Match.stringLikeRegexp(/master_user_secret\[0\]\.secret_arn\}:password::$/) })]) }),
      ]),
    });
  });

  it('refuses an environment without a load balancer, saying why', () => {
    expect(() => app(testEnvironment({ name: 'prod', services: { web: [], workers: ['storefront'] } }))).toThrow(/the WAF has nothing to protect/);
  });
});
