import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { net004 } from './net-004';

describe('NET-004 internet ingress only on the load balancer 80/443', () => {
  const albSg = res('aws_security_group', 'alb', {
    ingress: [
      { protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['::/0'] },
      { protocol: 'tcp', from_port: 80, to_port: 80, cidr_blocks: ['0.0.0.0/0'] },
    ],
  });
  const lb = res('aws_lb', 'alb', { security_groups: [ref(albSg)] });

  it("passes 80/443 from the internet on the load balancer's group", () => expectCompliant(net004, albSg, [lb]));
  it('passes a separate ingress rule resource on the load balancer group', () =>
    expectCompliant(
      net004,
      res('aws_vpc_security_group_ingress_rule', 'https', { security_group_id: ref(albSg), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }),
      [albSg, lb],
    ));
  it('passes a group with only internal ingress', () =>
    expectCompliant(net004, res('aws_security_group', 'internal', { ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] }] })));
  it('ignores egress rules', () =>
    expectNotApplicable(net004, res('aws_security_group_rule', 'egress', { type: 'egress', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] })));

  it('fails internet ingress on another port of the load balancer', () =>
    expectViolation(
      net004,
      res('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref(albSg), protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }),
      /tcp 22 open to the internet/,
      [albSg, lb],
    ));
  it('fails internet ingress on a group that is not a load balancer', () =>
    expectViolation(
      net004,
      res('aws_security_group', 'tasks', { ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, ipv6_cidr_blocks: ['::/0'] }] }),
      /not a load balancer's/,
      [lb],
    ));
  it('fails all traffic from the internet', () =>
    expectViolation(
      net004,
      res('aws_vpc_security_group_ingress_rule', 'all', { security_group_id: ref(albSg), ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' }),
      /all traffic/,
      [albSg, lb],
    ));
});
