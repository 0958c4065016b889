/**
 * EC2-001: EC2 capacity (launch templates, instances) gets no public IP.
 * Equivalents: Checkov CKV_AWS_88 (EC2PublicIP: aws_instance, aws_launch_template),
 * cdk-nag NIST.800.53.R5 EC2InstanceNoPublicIp / AutoscalingLaunchConfigPublicIpDisabled,
 * Security Hub EC2.9, Autoscaling.5.
 */
import { blocks, isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ec2001: PolicyRule = {
  id: 'EC2-001',
  description: 'Launch templates and instances do not associate public IP addresses',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_launch_template', 'aws_instance', 'aws_launch_configuration'],
  equivalents: ['Checkov CKV_AWS_88', 'cdk-nag NIST.800.53.R5 EC2InstanceNoPublicIp', 'Security Hub EC2.9, Autoscaling.5'],
  check: (resource) => {
    const publicIp =
      resource.type === 'aws_launch_template'
        ? blocks(resource.config.network_interfaces).some((eni) => isTrue(eni.associate_public_ip_address))
        : isTrue(resource.config.associate_public_ip_address);
    return publicIp ? nonCompliant('associate_public_ip_address is true') : compliant();
  },
};
