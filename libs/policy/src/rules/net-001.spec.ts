import { expectCompliant, expectViolation, ref, res } from '../test-support';
import { net001 } from './net-001';

describe('NET-001 VPC flow logs', () => {
  const vpc = res('aws_vpc', 'vpc', { cidr_block: '10.0.0.0/16' });
  it('passes a VPC with a flow log', () => expectCompliant(net001, vpc, [res('aws_flow_log', 'log', { vpc_id: ref(vpc) })]));
  it('fails a VPC without one', () =>
    expectViolation(net001, vpc, /no aws_flow_log/, [res('aws_flow_log', 'other', { vpc_id: '${aws_vpc.other.id}' })]));
});
