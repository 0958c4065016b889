/**
 * An environment written wholly in TypeScript against the libraries' public API: no YAML, no
 * definition adapter. It is the reference to copy when an environment does not fit the
 * definition, and `npm test` synthesizes it and runs it through the offline Terraform gate and
 * the policy pack like every other stack (docs/extending.md).
 *
 * Layers, as in docs/design.md: the network (2), the HTTPS load balancer with a WAF (1) and
 * the cluster with three services (3), scaling, alarms and a dashboard (4).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Cluster, ecsLogKey, HttpsLoadBalancer, Service, type ServiceNetworkProps, WebAcl } from '@ecs-platform/compute';
import { applyPermissionsBoundary } from '@ecs-platform/iam-policy';
import { Network } from '@ecs-platform/network';
import { applyPolicy } from '@ecs-platform/policy';
import { AlarmTopic, ServiceAlarms, ServicesDashboard } from '@ecs-platform/scaling';
import { stateKey, useRemoteState } from '@ecs-platform/state-backend';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

export interface PaymentsEnvironmentProps {
  /** Stack and environment name; every resource name starts with it. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly availabilityZones: readonly string[];
  readonly vpcCidr: string;
  readonly domainName: string;
  /** Route 53 zone of `domainName`: the load balancer's certificate is validated through it. */
  readonly hostedZoneId: string;
  /** Where Terraform state lives: the account's state bucket and lock table (a bootstrap stack makes them). */
  readonly stateBucket: string;
  readonly lockTable: string;
  /** The permissions boundary of every role (the account's workload boundary). */
  readonly workloadBoundaryArn: string;
  /** The image the services run, pinned by digest. */
  readonly image: string;
  readonly alarmEmails: readonly string[];
}

export class PaymentsEnvironment extends TerraformStack {
  readonly network: Network;
  readonly cluster: Cluster;
  readonly loadBalancer: HttpsLoadBalancer;
  readonly services: { readonly api: Service; readonly admin: Service; readonly ledgerWorker: Service };
  readonly alarmTopic: AlarmTopic;

  constructor(scope: Construct, props: PaymentsEnvironmentProps) {
    super(scope, props.name);
    const { name, accountId, region } = props;
    const where = { accountId, region };

    new AwsProvider(this, 'aws', {
      region,
      allowedAccountIds: [accountId],
      defaultTags: [{ tags: { Project: 'payments', Environment: name, ManagedBy: 'cdktf' } }],
    });
    useRemoteState(this, { bucket: props.stateBucket, lockTable: props.lockTable, region, accountId, key: stateKey('payments', name) });
    // Every role below (and any added later) gets the boundary; the policy pack checks it (IAM-005).
    applyPermissionsBoundary(this, props.workloadBoundaryArn);

    // Layer 2. The tier is left at its default, production: a NAT gateway per zone, endpoints,
    // a year of flow logs; `ecsExec` adds the endpoint ECS Exec sessions use.
    this.network = new Network(this, 'network', {
      name,
      ...where,
      availabilityZones: props.availabilityZones,
      vpcCidr: props.vpcCidr,
      ecsExec: true,
    });
    const taskNetwork: ServiceNetworkProps = {
      vpcId: this.network.outputs.vpcId,
      subnetIds: this.network.outputs.privateSubnetIds,
      endpointSecurityGroupId: this.network.outputs.endpointSecurityGroupId,
      egressDependencies: this.network.egressDependencies,
    };

    // Layers 1 and 3.
    const { key } = ecsLogKey(this, { name, ...where });
    this.cluster = new Cluster(this, 'cluster', { clusterName: name, ...where, executeCommand: { kmsKeyArn: key.arn } });
    this.loadBalancer = new HttpsLoadBalancer(this, 'load-balancer', {
      name,
      ...where,
      vpcId: this.network.outputs.vpcId,
      subnetIds: this.network.outputs.publicSubnetIds,
      domainName: props.domainName,
      hostedZoneId: props.hostedZoneId,
    });
    const common = { environmentName: name, ...where, cluster: this.cluster, network: taskNetwork, logKmsKeyArn: key.arn, image: props.image };

    const api = new Service(this, 'api', {
      ...common,
      name: 'api',
      cpu: 512,
      memory: 1024,
      containerPort: 8080,
      healthCheckPath: '/healthz',
      loadBalancer: this.loadBalancer,
      routing: { priority: 100, paths: ['/v1/*'] },
      desiredCount: 3,
    });
    const apiScaling = api.autoScaleTaskCount({ minCapacity: 3, maxCapacity: 12 });
    apiScaling.scaleOnCpuUtilization({ targetUtilizationPercent: 60 });
    apiScaling.scaleOnRequestCount({ requestsPerTarget: 800 });

    // The extra service: the back office, on its own path, two tasks, no scaling.
    const admin = new Service(this, 'admin', {
      ...common,
      name: 'admin',
      cpu: 256,
      memory: 512,
      containerPort: 8080,
      healthCheckPath: '/healthz',
      loadBalancer: this.loadBalancer,
      routing: { priority: 200, paths: ['/admin/*'] },
      desiredCount: 2,
    });

    // A worker that scales on a metric it publishes itself: ledger entries waiting per task.
    const ledgerWorker = new Service(this, 'ledger-worker', {
      ...common,
      name: 'ledger-worker',
      command: ['node', 'src/worker.js'],
      cpu: 256,
      memory: 512,
      desiredCount: 2,
      containerHealthCheck: { command: ['CMD-SHELL', 'find /tmp/heartbeat -mmin -1 | grep -q .'] },
    });
    ledgerWorker
      .autoScaleTaskCount({ minCapacity: 2, maxCapacity: 20 })
      .scaleOnMetric('backlog', {
        metric: { namespace: 'Payments/Ledger', metricName: 'PendingEntriesPerTask', dimensions: { Environment: name } },
        targetValue: 50,
      });
    // The worker reads the API's internal port directly, nothing else.
    api.allowFrom(ledgerWorker.securityGroup.id, 8080, 'The ledger worker calls the API');
    this.services = { api, admin, ledgerWorker };

    // Layer 4: one topic, alarms per service; a production web service must roll back on its
    // deployment alarms, and synthesis refuses one that has none.
    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', { environment: name, ...where, alarmEmails: props.alarmEmails });
    for (const [service, lowestTaskCount] of [
      [api, 3],
      [admin, 2],
      [ledgerWorker, 2],
    ] as const) {
      const alarms = new ServiceAlarms(this, `${service.serviceName}-alarms`, {
        service: service.serviceRef,
        environment: name,
        name: service.node.id,
        topicArn: this.alarmTopic.topic.arn,
        lowestTaskCount,
        loadBalancerTarget: service.loadBalancerTarget,
      });
      service.addDeploymentAlarms(alarms.deploymentAlarms);
    }
    new ServicesDashboard(this, 'dashboard', {
      environment: name,
      region,
      services: [api, admin, ledgerWorker].map((service) => ({
        name: service.node.id,
        service: service.serviceRef,
        loadBalancerTarget: service.loadBalancerTarget,
      })),
    });

    // AWS managed rule groups in front of the public load balancer (the policy pack's ALB-008
    // requires a WAF on a public production load balancer).
    new WebAcl(this, 'web-acl', { name: `${name}-public` }).protect('load-balancer', this.loadBalancer.loadBalancer.arn);

    applyPolicy(this, { tier: 'production' });
  }
}
