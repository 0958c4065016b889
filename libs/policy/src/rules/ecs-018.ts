/**
 * ECS-018: an ECS service that uses Service Connect logs its proxy, and every server entry names
 * a port mapping of the service's task definition. The proxy ECS adds to each task carries all
 * of the service's Service Connect traffic; without a log configuration its access and error
 * logs go nowhere. A `port_name` that no port mapping has is accepted by `terraform plan` and
 * refused by ECS only at apply, when the deployment starts (docs/design.md decision 11).
 * Equivalents: none known.
 */
import { block, blocks, isTrue, referencedAddresses } from '../support/attributes';
import { portMappingsOf } from '../support/containers';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const ecs018: PolicyRule = {
  id: 'ECS-018',
  description: "ECS services with Service Connect log the proxy, and each server entry names a port mapping of the service's task definition",
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_service'],
  equivalents: ['none (ECS refuses an unknown port name only at apply)'],
  check: (service, context) => {
    const connect = block(service.config.service_connect_configuration);
    if (!connect || !isTrue(connect.enabled)) return notApplicable();
    const problems: string[] = [];
    const logs = block(connect.log_configuration);
    if (!logs || typeof logs.log_driver !== 'string') problems.push("the Service Connect proxy has no log_configuration: its access and error logs are lost");
    const servers = blocks(connect.service);
    if (servers.length > 0) {
      const [address] = referencedAddresses(service.config.task_definition, 'aws_ecs_task_definition');
      const taskDefinition = address ? context.get(address) : undefined;
      const mappings = taskDefinition ? portMappingsOf(taskDefinition) : undefined;
      if (mappings) {
        const names = new Set(mappings.flatMap((mapping) => (mapping.name ? [mapping.name] : [])));
        for (const server of servers) {
          const portName = String(server.port_name ?? '');
          if (!names.has(portName)) {
            problems.push(`server port_name "${portName}" is no port mapping of ${address} (named: ${[...names].sort().join(', ') || 'none'}); ECS would refuse the deployment at apply`);
          }
        }
      }
    }
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
