import type { EnvironmentDefinition, PlatformSettings, RegistryDefinition } from '@ecs-platform/environment-definition';
import { Network } from '@ecs-platform/network';
import { imageUri } from '@ecs-platform/image-registry';
import { stateKey, useRemoteState } from '@ecs-platform/state-backend';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { addAwsProvider } from './aws-provider';
import { ComputeFromDefinition } from './definition-adapter/compute';
import { networkProps } from './definition-adapter/network';
import { ScalingFromDefinition } from './definition-adapter/scaling';
import { standardTags } from './tags';
import { applyWorkloadBoundary } from './workload-boundary';

export interface EnvironmentStackProps {
  readonly settings: PlatformSettings;
  readonly definition: EnvironmentDefinition;
  /** The shared registry the services' images come from. @default none: images are not resolved */
  readonly registry?: RegistryDefinition;
}

/** One environment: its provider, its remote state and the layers built from its definition. */
export class EnvironmentStack extends TerraformStack {
  /** Layer 2; compute places its load balancer and tasks in it. */
  readonly network: Network;
  /** Image URI of each service by name, resolved from the registry (for the compute layer). */
  readonly serviceImages: Readonly<Record<string, string>>;
  /** Layers 1 and 3: cluster, services, load balancer. `compute.outputs` is what scaling builds on. */
  readonly compute: ComputeFromDefinition;
  /** Layer 4: auto scaling, alarms (their topic) and the dashboard. */
  readonly scaling: ScalingFromDefinition;

  constructor(scope: Construct, props: EnvironmentStackProps) {
    const { settings, definition } = props;
    super(scope, definition.name);
    const tags = standardTags(settings, definition.name, definition.tags);
    addAwsProvider(this, {
      region: definition.region,
      accountId: definition.accountId,
      roleArn: definition.deployRoleArn,
      sessionName: `${settings.project}-${definition.name}`,
      tags,
    });
    applyWorkloadBoundary(this, definition.accountId, settings.project);
    useRemoteState(this, {
      ...definition.stateBackend,
      key: stateKey(settings.project, definition.name),
      accountId: definition.accountId,
      roleArn: definition.deployRoleArn,
    });
    this.network = new Network(this, 'network', networkProps(definition));
    const { registry } = props;
    this.serviceImages = registry
      ? Object.fromEntries(definition.services.map((svc) => [svc.name, imageUri(registry, svc.image, definition.region)]))
      : {};
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
      launchTags: tags,
    });
    // Layer 4 (libs/scaling): auto scaling, alarm topic, alarms and dashboard on compute's services.
    this.scaling = new ScalingFromDefinition(this, 'scaling', { definition, services: this.compute.services });
    // The alarms watch the service's target group; the service names them and waits for them.
    for (const [name, service] of Object.entries(this.compute.services)) {
      service.addDeploymentAlarms(this.scaling.services[name]?.deploymentAlarms ?? []);
    }
  }
}
