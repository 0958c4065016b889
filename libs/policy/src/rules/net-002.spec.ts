import { expectCompliant, expectViolation, ref, res } from '../test-support';
import { net002 } from './net-002';

describe('NET-002 closed default security group', () => {
  const vpc = res('aws_vpc', 'vpc');
  it('passes a VPC whose default security group is managed and empty', () =>
    expectCompliant(net002, vpc, [res('aws_default_security_group', 'default', { vpc_id: ref(vpc), ingress: [], egress: [] })]));
  it('fails an unmanaged default security group', () => expectViolation(net002, vpc, /not managed/));
  it('fails a default security group with rules', () =>
    expectViolation(net002, vpc, /has ingress or egress/, [
      res('aws_default_security_group', 'default', { vpc_id: ref(vpc), egress: [{ protocol: '-1', cidr_blocks: ['0.0.0.0/0'] }] }),
    ]));
});
