/**
 * The example, synthesized as `npx cdktf synth` does (policy pack enforced): what it promises
 * in its README holds, and what production refuses is refused in code too.
 */
import { Network } from '@ecs-platform/network';
import { Match, Template, testStack } from '@ecs-platform/testing';
import { App, Testing } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PaymentsEnvironment, type PaymentsEnvironmentProps } from './environment';

const PROPS: PaymentsEnvironmentProps = {
  name: 'payments',
  accountId: '456789012345',
  region: 'eu-central-1',
  availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
  vpcCidr: '10.60.0.0/16',
  domainName: 'payments.example.com',
  hostedZoneId: 'Z0PAYMENTS',
  stateBucket: 'state-456789012345',
  lockTable: 'locks',
  workloadBoundaryArn: 'arn:aws:iam::456789012345:policy/ecs-platform-workload-boundary',
  image: '567890123456.dkr.ecr.eu-central-1.amazonaws.com/sample-service@sha256:9f2c4e1b7a8d3f60e5c1b2a4d7e8f9012a3b4c5d6e7f80912a3b4c5d6e7f8091',
  alarmEmails: ['oncall@example.com'],
};

describe('examples/environment-in-code', () => {
  const stack = new PaymentsEnvironment(Testing.app(), PROPS);
  const template = Template.fromStack(stack);

  it('is a production network over three zones with a NAT gateway in each', () => {
    template.resourceCountIs('aws_nat_gateway', 3);
    template.resourceCountIs('aws_vpc_endpoint', 7);
  });

  it('runs three services; the API and the admin behind the HTTPS load balancer on their paths', () => {
    template.resourceCountIs('aws_ecs_service', 3);
    template.resourceMatches('aws_lb_listener_rule', 'api/listener-rule', {
      priority: 100,
      condition: Match.arrayWith([{ path_pattern: { values: ['/v1/*'] } }]),
    });
    template.resourceMatches('aws_lb_listener_rule', 'admin/listener-rule', { priority: 200 });
  });

  it('scales the worker on its own metric and the API on CPU and requests; auto scaling owns their counts', () => {
    template.hasResourceProperties('aws_appautoscaling_policy', {
      target_tracking_scaling_policy_configuration: {
        target_value: 50,
        customized_metric_specification: { namespace: 'Payments/Ledger', metric_name: 'PendingEntriesPerTask' },
      },
    });
    expect(Object.keys(template.findResources('aws_appautoscaling_policy'))).toHaveLength(3);
    template.resourceMatches('aws_ecs_service', 'ledger-worker/service', { lifecycle: { ignore_changes: ['desired_count'] } });
    template.resourceMatches('aws_ecs_service', 'admin/service', { lifecycle: Match.not(Match.objectLike({ ignore_changes: Match.anyValue() })) });
  });

  it('rolls each web service back on its deployment alarms, which it waits for', () => {
    for (const service of ['api', 'admin']) {
      template.resourceMatches('aws_ecs_service', `${service}/service`, {
        // By reference: Terraform creates the alarms first.
        alarms: {
          alarm_names: [Match.stringLikeRegexp(/^\$\{aws_cloudwatch_metric_alarm\./), Match.stringLikeRegexp(/^\$\{aws_cloudwatch_metric_alarm\./)],
          enable: true,
          rollback: true,
        },
      });
    }
  });

  it('lets the worker reach the API port, and nothing else reach the tasks but the load balancer', () => {
    template.hasResourceProperties('aws_vpc_security_group_ingress_rule', {
      security_group_id: template.ref('aws_security_group', 'api/security-group'),
      referenced_security_group_id: template.ref('aws_security_group', 'ledger-worker/security-group'),
      from_port: 8080,
    });
  });

  it('bounds every role and puts a WAF with AWS managed rules in front of the public load balancer', () => {
    expect(Object.keys(template.findResources('aws_iam_role', { permissions_boundary: Match.absent() }))).toEqual([]);
    template.resourceMatches('aws_wafv2_web_acl_association', 'web-acl/load-balancer', {
      resource_arn: template.ref('aws_lb', 'load-balancer/load-balancer', 'arn'),
    });
  });

  it('passes the policy pack as App.synth runs it', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'example-')) });
    new PaymentsEnvironment(app, PROPS);
    expect(() => app.synth()).not.toThrow();
  });

  it('refuses in code what production refuses in a definition: one NAT gateway for three zones', () => {
    const { name, accountId, region, availabilityZones, vpcCidr } = PROPS;
    expect(() => new Network(testStack(), 'network', { name, accountId, region, availabilityZones, vpcCidr, natGateways: 'single' })).toThrow(
      'natGateways: production tier needs "one-per-az" so that losing one availability zone does not cut the others off; got "single"',
    );
  });
});
