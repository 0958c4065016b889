import { expectCompliant, expectViolation, res } from '../test-support';
import { net003 } from './net-003';

describe('NET-003 no public IP on launch', () => {
  it('passes a subnet that does not map public IPs', () => expectCompliant(net003, res('aws_subnet', 's', { map_public_ip_on_launch: false })));
  it('fails a subnet that maps public IPs', () =>
    expectViolation(net003, res('aws_subnet', 's', { map_public_ip_on_launch: true }), /map_public_ip_on_launch/));
});
