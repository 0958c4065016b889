import { expectCompliant, expectViolation, res } from '../test-support';
import { ec2004 } from './ec2-004';

describe('EC2-004 encrypted volumes', () => {
  it('passes encrypted block devices', () =>
    expectCompliant(ec2004, res('aws_launch_template', 'lt', { block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_size: 30 } }] })));
  it('passes an instance with an encrypted root volume', () => expectCompliant(ec2004, res('aws_instance', 'i', { root_block_device: { encrypted: true } })));
  it('fails an unencrypted block device', () =>
    expectViolation(ec2004, res('aws_launch_template', 'lt', { block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: false }] }] }), /\/dev\/xvda not encrypted/));
  it('fails a launch template that does not declare its root volume', () =>
    expectViolation(ec2004, res('aws_launch_template', 'lt', {}), /no block_device_mappings/));
});
