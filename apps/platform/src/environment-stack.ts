import type { EnvironmentDefinition, PlatformSettings, RegistryDefinition } from '@ecs-platform/environment-definition';
import { Network } from '@ecs-platform/network';
import { stateKey, useRemoteState } from '@ecs-platform/state-backend';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { addAwsProvider } from './aws-provider';
import { ComputeFromDefinition, networkProps, ScalingFromDefinition, serviceImages } from './definition-adapter';
import { type EnvironmentAppSource, runEnvironmentApp } from './run-environment-app';
import { standardTags } from './tags';
import { applyWorkloadBoundary } from './workload-boundary';

export interface EnvironmentStackProps {
  readonly settings: PlatformSettings;
  readonly definition: EnvironmentDefinition;
  /** The shared registry the services' images come from. @default none: images are pulled from the environment's own account */
  readonly registry?: RegistryDefinition;
  /**
   * The environment app (`environments/<env>/stack.ts`) that adds its own constructs once the
   * layers are built. @default none: the environment is its definition alone
   */
  readonly environmentApp?: EnvironmentAppSource;
}

/**
 * One environment: its provider and remote state, then the five layers of the architecture,
 * each built by its library from the props the definition adapter maps, then its environment
 * app, when it has one.
 */
export class EnvironmentStack extends TerraformStack {
  readonly definition: EnvironmentDefinition;
  /** The default tags of every resource (Project, Environment, ManagedBy, Repository and the definition's). */
  readonly tags: Readonly<Record<string, string>>;
  /** Layer 2: the VPC, its subnets, gateways, endpoints and flow logs. */
  readonly network: Network;
  /** Layer 5 (delivery): the image each service runs, by name, pinned in the definition. */
  readonly serviceImages: Readonly<Record<string, string>>;
  /** Layers 1 and 3: the HTTPS load balancer, the cluster and the services. */
  readonly compute: ComputeFromDefinition;
  /** Layer 4: auto scaling, the alarm topic, the alarms and the dashboard. */
  readonly scaling: ScalingFromDefinition;

  constructor(scope: Construct, props: EnvironmentStackProps) {
    const { settings, definition, registry } = props;
    super(scope, definition.name);
    this.definition = definition;
    this.tags = standardTags(settings, definition.name, definition.tags);
    addAwsProvider(this, {
      region: definition.region,
      accountId: definition.accountId,
      roleArn: definition.deployRoleArn,
      sessionName: `${settings.project}-${definition.name}`,
      tags: this.tags,
    });
    applyWorkloadBoundary(this, definition.accountId, settings.project);
    useRemoteState(this, {
      ...definition.stateBackend,
      key: stateKey(settings.project, definition.name),
      accountId: definition.accountId,
      roleArn: definition.deployRoleArn,
    });

    this.network = new Network(this, 'network', networkProps(definition));

    this.serviceImages = serviceImages(definition, registry);
    if (Object.keys(this.serviceImages).length > 0) {
      new TerraformOutput(this, 'service_images', {
        description: 'Image each service runs, pinned by digest or immutable tag',
        value: this.serviceImages,
      });
    }

    this.compute = new ComputeFromDefinition(this, 'compute', {
      definition,
      network: this.network.outputs,
      images: this.serviceImages,
      registry,
      egressDependencies: this.network.egressDependencies,
      launchTags: this.tags,
    });

    this.scaling = new ScalingFromDefinition(this, 'scaling', {
      definition,
      services: this.compute.services,
      queues: this.compute.queues,
      ...(this.compute.scheduleGroup ? { jobs: { group: this.compute.scheduleGroup, tasks: this.compute.jobs } } : {}),
    });

    // What the definition cannot say, in TypeScript beside it (docs/extending.md).
    if (props.environmentApp) runEnvironmentApp(this, props.environmentApp);
  }
}
