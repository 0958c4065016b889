import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { ScalingAndMonitoring, type ScalingAndMonitoringProps, type ServiceComputeOutputs } from './scaling-and-monitoring';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Plausible compute outputs: what `libs/compute` will hand over, as plain strings. */
export const LOAD_BALANCER_SUFFIX = 'app/prod-public/50dc6c495c0c9188';
export const TARGET_GROUP_SUFFIX = 'targetgroup/prod-storefront/73e2d6bc24d8a067';

export function webOutputs(service: string, autoScaled = true): ServiceComputeOutputs {
  return {
    clusterName: 'prod',
    serviceName: `prod-${service}`,
    loadBalancerArnSuffix: LOAD_BALANCER_SUFFIX,
    targetGroupArnSuffix: TARGET_GROUP_SUFFIX.replace('storefront', service),
    autoScaled,
  };
}

export function workerOutputs(service: string, autoScaled = true): ServiceComputeOutputs {
  return { clusterName: 'prod', serviceName: `prod-${service}`, autoScaled };
}

/** A production environment like environments/prod: a scaled web service and a scaled worker. */
export function prodProps(): ScalingAndMonitoringProps {
  return {
    definition: {
      name: 'prod',
      accountId: '456789012345',
      region: 'eu-central-1',
      monitoring: {
        alarmEmails: ['platform-oncall@acme-corp.com'],
        alarmSubscriptions: [{ protocol: 'https', endpoint: 'https://events.example.com/hooks/alarms' }],
      },
      services: [
        {
          name: 'storefront',
          minCount: 3,
          maxCount: 12,
          scaling: { cpuTarget: 55, memoryTarget: 70, requestsPerTarget: 800, disableScaleIn: ['memory'] },
        },
        {
          name: 'mailer',
          kind: 'worker',
          minCount: 1,
          maxCount: 4,
          scaling: {
            cpuTarget: 60,
            scaleOutCooldown: 30,
            scaleInCooldown: 900,
            schedules: [
              { name: 'night', cron: 'cron(0 22 ? * * *)', timezone: 'Europe/Berlin', minCount: 1, maxCount: 2 },
              { name: 'morning', cron: 'cron(0 6 ? * * *)', timezone: 'Europe/Berlin', minCount: 1, maxCount: 4 },
            ],
          },
        },
      ],
    },
    services: { storefront: webOutputs('storefront'), mailer: workerOutputs('mailer') },
  };
}

export interface Synthesized {
  readonly construct: ScalingAndMonitoring;
  /** The output of `Testing.synth`, for the CDKTF Jest matchers. */
  readonly synthesized: string;
  readonly json: Json;
  /** Resources of one type, by construct path below the stack (`scaling/storefront/scaling/cpu-policy`). */
  resources(type: string): Record<string, Json>;
}

/** Synthesizes a stack holding only the construct and indexes its resources by construct path. */
export function synthScaling(props: ScalingAndMonitoringProps = prodProps()): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'test');
  const construct = new ScalingAndMonitoring(stack, 'scaling', props);
  const synthesized = Testing.synth(stack);
  // Testing.synth strips the `//` metadata that carries construct paths; toTerraform keeps it.
  const json = JSON.parse(JSON.stringify(stack.toTerraform())) as Json;
  return {
    construct,
    synthesized,
    json,
    resources(type) {
      const byPath: Record<string, Json> = {};
      for (const resource of Object.values<Json>(json.resource?.[type] ?? {})) {
        byPath[(resource['//'].metadata.path as string).replace(/^test\//, '')] = resource;
      }
      return byPath;
    },
  };
}

/** `${<type>.<logical id>.<attribute>}` of the resource at a construct path. */
export function ref(synthesized: Synthesized, type: string, path: string, attribute: string): string {
  const resource = synthesized.resources(type)[path];
  if (!resource) throw new Error(`no ${type} at ${path}`);
  return `\${${type}.${resource['//'].metadata.uniqueId}.${attribute}}`;
}

/**
 * Writes a stack with an AWS provider and the construct to `<outDir>/stacks/<name>/cdk.tf.json`,
 * the layout the offline Terraform gate reads (tools/terraform-gate).
 */
export function writeExampleStack(outDir: string, name = 'scaling-example', props: ScalingAndMonitoringProps = prodProps()): void {
  const app = new App({ outdir: outDir, skipValidation: false });
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, 'aws', { region: props.definition.region, allowedAccountIds: [props.definition.accountId] });
  new ScalingAndMonitoring(stack, 'scaling', props);
  app.synth();
}
