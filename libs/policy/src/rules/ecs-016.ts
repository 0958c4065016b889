/**
 * ECS-016: deployment alarms named on an ECS service are alarms of the stack that the service
 * depends on. ECS looks the names up when a deployment starts; an alarm created after the
 * service (Terraform creates both at once when nothing orders them) is not watched, and a
 * misspelt name never goes off, so a bad release is not rolled back.
 * Equivalents: none known.
 */
import { block, strings } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const ecs016: PolicyRule = {
  id: 'ECS-016',
  description: 'Deployment alarms named on an ECS service are alarms of the stack it depends on (by reference or depends_on)',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_service'],
  equivalents: ['none (ordering the graph cannot infer)'],
  check: (service, context) => {
    const names = strings(block(service.config.alarms)?.alarm_names);
    if (names.length === 0) return notApplicable();
    const dependsOn = new Set(strings(service.config.depends_on));
    const alarms = context.ofType('aws_cloudwatch_metric_alarm');
    const problems = names.flatMap((name) => {
      const byReference = /^\$\{(aws_cloudwatch_metric_alarm\.[A-Za-z0-9_-]+)\.alarm_name\}$/.exec(name);
      if (byReference) return context.get(byReference[1]) ? [] : [`"${name}" references an alarm that is not in the stack`];
      const literal = alarms.find((alarm) => alarm.config.alarm_name === name);
      if (!literal) return [`"${name}" is no alarm of the stack: ECS would watch nothing`];
      return dependsOn.has(literal.address) ? [] : [`"${name}" is ${literal.address}, but the service does not depend on it: it may not exist when a deployment starts`];
    });
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
