/**
 * EC2-005: what EC2 Auto Scaling launches from a launch template (instances, their volumes)
 * carries the stack's standard tags. The provider's default_tags tag the launch template
 * itself, not what is launched from it, so cost and ownership reports would miss the
 * instances unless tag_specifications repeat them.
 * Equivalents: AWS Config rule required-tags (for the launched resources).
 */
import { blocks } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ec2005: PolicyRule = {
  id: 'EC2-005',
  description: "Launch templates tag instances and volumes with every default tag of the stack's provider",
  severity: 'low',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_launch_template'],
  equivalents: ['AWS Config required-tags'],
  check: (template, context) => {
    const keys = Object.keys(context.defaultTags);
    const specs = blocks(template.config.tag_specifications);
    const problems = ['instance', 'volume'].flatMap((resourceType) => {
      const spec = specs.find((candidate) => candidate.resource_type === resourceType);
      const tags = (spec?.tags ?? {}) as Record<string, unknown>;
      const missing = keys.filter((key) => tags[key] === undefined);
      if (!spec) return [`no tag_specifications for ${resourceType}`];
      return missing.length > 0 ? [`${resourceType} lacks ${missing.join(', ')}`] : [];
    });
    return problems.length > 0 ? nonCompliant(`${problems.join('; ')}: default_tags do not reach what Auto Scaling launches`) : compliant();
  },
};
