import { expectCompliant, expectViolation, res } from '../test-support';
import { ec2001 } from './ec2-001';

describe('EC2-001 no public IPs on EC2 capacity', () => {
  it('passes a launch template without public IPs', () =>
    expectCompliant(ec2001, res('aws_launch_template', 'lt', { network_interfaces: [{ associate_public_ip_address: 'false' }] })));
  it('fails a launch template that associates public IPs', () =>
    expectViolation(ec2001, res('aws_launch_template', 'lt', { network_interfaces: [{ associate_public_ip_address: true }] }), /associate_public_ip_address/));
  it('fails an instance with a public IP', () =>
    expectViolation(ec2001, res('aws_instance', 'i', { associate_public_ip_address: true }), /associate_public_ip_address/));
});
