/**
 * EC2-004: the volumes of EC2 capacity are encrypted: launch templates declare their block
 * devices with ebs.encrypted = true (the root volume included), instances encrypt root and
 * data volumes.
 * Equivalents: Checkov CKV_AWS_8 (launch configuration EBS encrypted), CKV_AWS_3 (EBS
 * encrypted), cdk-nag AwsSolutions-EC26, Security Hub EC2.3.
 */
import { block, blocks, isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ec2004: PolicyRule = {
  id: 'EC2-004',
  description: 'Launch templates and instances encrypt every EBS volume they declare (and declare at least one)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_launch_template', 'aws_instance', 'aws_launch_configuration'],
  equivalents: ['Checkov CKV_AWS_8, CKV_AWS_3', 'cdk-nag AwsSolutions-EC26', 'Security Hub EC2.3'],
  check: (resource) => {
    const c = resource.config;
    if (resource.type === 'aws_launch_template') {
      const devices = blocks(c.block_device_mappings);
      if (devices.length === 0) return nonCompliant('no block_device_mappings: the root volume is not declared encrypted');
      const plain = devices.filter((device) => !isTrue(block(device.ebs)?.encrypted));
      return plain.length > 0 ? nonCompliant(`block device ${plain.map((d) => String(d.device_name ?? '?')).join(', ')} not encrypted`) : compliant();
    }
    const volumes = [...blocks(c.root_block_device), ...blocks(c.ebs_block_device)];
    if (volumes.length === 0) return nonCompliant('no root_block_device with encrypted = true');
    return volumes.every((volume) => isTrue(volume.encrypted)) ? compliant() : nonCompliant('a block device is not encrypted');
  },
};
