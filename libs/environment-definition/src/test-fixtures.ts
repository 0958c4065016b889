import { stringify } from 'yaml';
import { environmentSchema } from './environment-schema';
import { parseDefinition } from './load';
import { formatPath } from './schema';

/** A valid production definition; tests copy it and break one thing at a time. */
export function validDefinition(): Record<string, unknown> {
  return {
    name: 'prod',
    tier: 'production',
    accountId: '456789012345',
    region: 'eu-central-1',
    availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
    network: { vpcCidr: '10.40.0.0/16', natGateways: 'one-per-az' },
    stateBackend: { bucket: 'acme-tfstate-456789012345', lockTable: 'acme-tflock', region: 'eu-central-1' },
    deployRoleArn: 'arn:aws:iam::456789012345:role/deploy-prod',
    tags: { CostCenter: 'cc-1' },
    dns: { domainName: 'shop.example.com', hostedZoneId: 'Z0123456789ABC' },
    monitoring: { alarmEmails: ['ops@example.com'] },
    services: [
      {
        name: 'web',
        image: { repository: 'sample-service', tag: '1.2.3' },
        cpu: 512,
        memory: 1024,
        containerPort: 8080,
        healthCheckPath: '/healthz',
        desiredCount: 2,
        minCount: 2,
        maxCount: 4,
        scaling: { cpuTarget: 60 },
      },
    ],
  };
}

export function toYaml(value: unknown): string {
  return stringify(value);
}

/** The file name problems are reported against in these tests. */
export const FIXTURE_FILE = 'environments/prod/environment.yaml';

/** A definition as tests edit it: plain YAML data. */
export type Definition = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Validates a changed copy of the valid definition. */
export function validateChanged(change: (definition: Definition) => void) {
  const definition = validDefinition() as Definition;
  change(definition);
  return parseDefinition(toYaml(definition), FIXTURE_FILE, environmentSchema);
}

/** The problems of a changed copy of the valid definition, as "field.path: message" lines. */
export function problemsAfter(change: (definition: Definition) => void): string[] {
  const result = validateChanged(change);
  return result.ok ? [] : result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
}
