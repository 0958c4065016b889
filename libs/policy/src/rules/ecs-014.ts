/**
 * ECS-014: EFS volumes of task definitions encrypt traffic in transit.
 * Equivalents: Checkov CKV_AWS_97 (ECSTaskDefinitionEFSVolumeEncryption).
 */
import { block, blocks } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const ecs014: PolicyRule = {
  id: 'ECS-014',
  description: 'EFS volumes of task definitions have transit_encryption ENABLED',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['Checkov CKV_AWS_97'],
  check: (task) => {
    const efs = blocks(task.config.volume).flatMap((volume) => {
      const config = block(volume.efs_volume_configuration);
      return config ? [{ name: String(volume.name ?? '?'), config }] : [];
    });
    if (efs.length === 0) return notApplicable();
    const plain = efs.filter((volume) => volume.config.transit_encryption !== 'ENABLED');
    return plain.length > 0 ? nonCompliant(`EFS volume ${plain.map((v) => v.name).join(', ')} without transit_encryption ENABLED`) : compliant();
  },
};
