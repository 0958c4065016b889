import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { containerImages, type RegistryDefinition } from '@ecs-platform/environment-definition';
import { imageUri } from '@ecs-platform/image-registry';
import type { NetworkOutputs } from '@ecs-platform/network';
import { type ITerraformDependable, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { Cluster, computeKey } from './cluster';
import { LoadBalancer } from './load-balancer';
import { Service } from './service';
import { type ComputeSource, resolveCompute, resolveService, type ResolvedCompute } from './settings';

export interface ComputeProps {
  /** The environment definition (or the part of it compute needs); already validated. */
  readonly definition: ComputeSource;
  /** The network the load balancer and the tasks are placed in (`Network.outputs`). */
  readonly network: NetworkOutputs;
  /**
   * Image URI of each service by name (`EnvironmentStack.serviceImages`). @default resolved
   * from `registry`
   */
  readonly images?: Readonly<Record<string, string>>;
  /**
   * The shared registry; sidecars' images (and services' missing from `images`) are resolved
   * from it. @default ECR in the environment's own account and region
   */
  readonly registry?: Pick<RegistryDefinition, 'accountId' | 'region' | 'replicationRegions'>;
  /**
   * What the tasks need to reach AWS and the internet (NAT routes, VPC endpoints); every service
   * waits for it (`Network.egressDependencies`). @default none
   */
  readonly egressDependencies?: readonly ITerraformDependable[];
  /** Tags for what EC2 Auto Scaling launches (instances, volumes): default_tags do not reach them. @default {} */
  readonly launchTags?: Readonly<Record<string, string>>;
  /** Emit the Terraform outputs `cluster_name`, `service_names` and `alb_dns_name`. @default true */
  readonly outputs?: boolean;
}

/** What the scaling and monitoring layer needs of one service. Values may be Terraform tokens. */
export interface ServiceOutputs {
  readonly serviceName: string;
  readonly clusterName: string;
  /** `targetgroup/<name>/<id>`, for ALBRequestCountPerTarget; web services only. */
  readonly targetGroupArnSuffix?: string;
  /** `app/<name>/<id>`; web services only. */
  readonly loadBalancerArnSuffix?: string;
  /** Whether Application Auto Scaling owns the desired count (Terraform ignores it then). */
  readonly autoScaled: boolean;
  readonly kind: 'web' | 'worker';
}

export interface ComputeOutputs {
  readonly clusterName: string;
  readonly clusterArn: string;
  /** Undefined when the environment runs no web service (and so has no load balancer). */
  readonly loadBalancerArn?: string;
  readonly loadBalancerArnSuffix?: string;
  readonly loadBalancerDnsName?: string;
  /** By service name, in definition order. */
  readonly services: Readonly<Record<string, ServiceOutputs>>;
}

/**
 * Layers 1 and 3 of an environment: the ECS cluster and its capacity, one ECS service per
 * service of the definition (task definition, roles, logs, security group), and the HTTPS load
 * balancer in front of the web services. Construct ids: `cluster/...`, `load-balancer/...`,
 * `services/<service name>/...`, so adding or reordering services never moves another one.
 */
export class Compute extends Construct {
  readonly settings: ResolvedCompute;
  readonly key: KmsKey;
  readonly cluster: Cluster;
  readonly loadBalancer?: LoadBalancer;
  readonly services: Readonly<Record<string, Service>>;
  readonly outputs: ComputeOutputs;

  constructor(scope: Construct, id: string, props: ComputeProps) {
    super(scope, id);
    const { definition, network } = props;
    const env = definition.name;
    const settings = resolveCompute(definition);
    this.settings = settings;
    const services = definition.services.map((svc, i) => resolveService(definition, svc, i));
    const images = this.resolveImages(props);

    this.key = computeKey(this, { name: env, accountId: definition.accountId, region: definition.region });
    this.cluster = new Cluster(this, 'cluster', {
      name: env,
      accountId: definition.accountId,
      region: definition.region,
      containerInsights: settings.containerInsights,
      defaultStrategy: settings.capacity,
      logRetentionDays: settings.logRetentionDays,
      ecsExec: settings.ecsExec,
      key: this.key,
      ec2: settings.ec2,
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      launchTags: props.launchTags,
    });

    if (services.some((svc) => svc.kind === 'web')) {
      const lb = settings.loadBalancer;
      this.loadBalancer = new LoadBalancer(this, 'load-balancer', {
        name: env,
        accountId: definition.accountId,
        region: definition.region,
        vpcId: network.vpcId,
        subnetIds: lb.internal ? network.privateSubnetIds : network.publicSubnetIds,
        internal: lb.internal,
        ingressCidrs: lb.ingressCidrs,
        deletionProtection: lb.deletionProtection,
        accessLogs: lb.accessLogs,
        accessLogRetentionDays: lb.accessLogRetentionDays,
        idleTimeout: lb.idleTimeout,
        domainName: definition.dns.domainName,
        hostedZoneId: definition.dns.hostedZoneId,
        certificateArn: definition.dns.certificateArn,
      });
    }

    const exec = this.cluster.execLogGroup && { logGroupArn: this.cluster.execLogGroup.arn, kmsKeyArn: this.key.arn };
    const servicesScope = new Construct(this, 'services');
    const built: Record<string, Service> = {};
    for (const svc of services) {
      built[svc.name] = new Service(servicesScope, svc.name, {
        env,
        accountId: definition.accountId,
        region: definition.region,
        service: svc,
        images: images[svc.name],
        clusterArn: this.cluster.cluster.arn,
        clusterName: this.cluster.cluster.name,
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        endpointSecurityGroupId: network.endpointSecurityGroupId,
        logRetentionDays: settings.logRetentionDays,
        logKeyArn: this.key.arn,
        ecsExec: exec,
        loadBalancer: this.loadBalancer,
        dependsOn: [this.cluster.capacityProviders],
        egressDependencies: props.egressDependencies,
      });
    }
    this.services = built;

    const alb = this.loadBalancer?.loadBalancer;
    this.outputs = {
      clusterName: this.cluster.cluster.name,
      clusterArn: this.cluster.cluster.arn,
      ...(alb ? { loadBalancerArn: alb.arn, loadBalancerArnSuffix: alb.arnSuffix, loadBalancerDnsName: alb.dnsName } : {}),
      services: Object.fromEntries(
        services.map((svc) => {
          const construct = built[svc.name];
          return [
            svc.name,
            {
              serviceName: construct.service.name,
              clusterName: this.cluster.cluster.name,
              ...(construct.targetGroup && alb
                ? { targetGroupArnSuffix: construct.targetGroup.arnSuffix, loadBalancerArnSuffix: alb.arnSuffix }
                : {}),
              autoScaled: svc.autoScaled,
              kind: svc.kind,
            },
          ];
        }),
      ),
    };
    if (props.outputs ?? true) this.addTerraformOutputs();
  }

  /**
   * Image URI per container per service: services' from `images` when given, everything else
   * from the registry. A workspace without a shared registry pulls from ECR in the
   * environment's own account and region.
   */
  private resolveImages(props: ComputeProps): Record<string, Record<string, string>> {
    const { definition } = props;
    const registry = props.registry ?? { accountId: definition.accountId, region: definition.region, replicationRegions: [] };
    const resolve = (image: Parameters<typeof imageUri>[1]): string => imageUri(registry, image, definition.region);
    const result: Record<string, Record<string, string>> = {};
    for (const svc of definition.services) {
      const images: Record<string, string> = { [svc.name]: props.images?.[svc.name] ?? resolve(svc.image) };
      for (const sidecar of svc.sidecars ?? []) images[sidecar.name] = resolve(sidecar.image);
      result[svc.name] = images;
    }
    // Every image of the definition is accounted for (the registry derives pulls from the same list).
    const expected = containerImages(definition).length;
    const resolved = Object.values(result).reduce((sum, images) => sum + Object.keys(images).length, 0);
    if (expected !== resolved) throw new Error(`resolved ${resolved} images for ${expected} containers`);
    return result;
  }

  private addTerraformOutputs(): void {
    const output = (name: string, value: unknown, description: string): void => {
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    };
    output('cluster_name', this.outputs.clusterName, 'ECS cluster name');
    output(
      'service_names',
      Object.values(this.outputs.services).map((svc) => svc.serviceName),
      'ECS service names, in definition order',
    );
    if (this.outputs.loadBalancerDnsName) output('alb_dns_name', this.outputs.loadBalancerDnsName, 'DNS name of the load balancer');
  }
}
