/**
 * EC2-006: a change to an Auto Scaling group's launch template reaches the running instances.
 * A group that launches `$Latest` or `$Default` does not change when the template gets a new
 * version, so Terraform starts no instance refresh and the instances keep the old instance
 * type or volume until something else replaces them. Naming the template's `latest_version`
 * makes the change a change of the group, and `instance_refresh` then rolls the instances.
 * Two settings EC2 Auto Scaling takes but cannot honour are refused as well: a group with
 * scale-in protection (which ECS managed termination protection needs) whose refresh does not
 * refresh protected instances waits on exactly the instances it has to replace, and
 * `auto_rollback` is refused by the StartInstanceRefresh call at apply time when the
 * template's image comes from an SSM parameter (`resolve:ssm:`).
 * Equivalents: none known.
 */
import { block, isTrue, referencedAddresses } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

const MOVING_VERSIONS = new Set(['$Latest', '$Default']);

export const ec2006: PolicyRule = {
  id: 'EC2-006',
  description: "Auto Scaling groups launch their template's version number and roll their instances with an instance_refresh",
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_autoscaling_group'],
  equivalents: ['none (what the apply does with the group)'],
  check: (group, context) => {
    const launchTemplate = block(group.config.launch_template);
    if (!launchTemplate) return notApplicable();
    const problems: string[] = [];
    const version = launchTemplate.version;
    if (version === undefined || (typeof version === 'string' && MOVING_VERSIONS.has(version))) {
      problems.push(
        `launch_template.version is ${version === undefined ? 'unset ($Default)' : version}: a new template version does not change the group, so no instance refresh starts; name the template's latest_version`,
      );
    }
    const refresh = block(group.config.instance_refresh);
    const preferences = block(refresh?.preferences);
    if (!refresh) {
      problems.push('no instance_refresh: a change of template version leaves the running instances as they are');
    } else {
      if (isTrue(group.config.protect_from_scale_in) && preferences?.scale_in_protected_instances !== 'Refresh') {
        problems.push('instance_refresh.preferences.scale_in_protected_instances is not "Refresh" on a group with protect_from_scale_in: the refresh waits on the protected instances it has to replace');
      }
      if (isTrue(preferences?.auto_rollback)) {
        const templates = referencedAddresses(launchTemplate, 'aws_launch_template');
        const fromSsm = context
          .ofType('aws_launch_template')
          .find((template) => templates.includes(template.address) && typeof template.config.image_id === 'string' && template.config.image_id.startsWith('resolve:ssm:'));
        if (fromSsm) {
          problems.push(`instance_refresh.preferences.auto_rollback with ${fromSsm.address}, whose image_id is resolve:ssm:: EC2 Auto Scaling refuses the refresh at apply time`);
        }
      }
    }
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
