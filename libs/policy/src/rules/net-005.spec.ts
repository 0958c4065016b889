import { expectCompliant, expectNotApplicable, expectViolation, ref, res, taskDefinition } from '../test-support';
import { net005 } from './net-005';

describe('NET-005 task ingress only from the load balancer or other services', () => {
  const albSg = res('aws_security_group', 'alb');
  const lb = res('aws_lb', 'alb', { security_groups: [ref(albSg)] });
  const taskSg = res('aws_security_group', 'tasks', { ingress: [] });
  const service = res('aws_ecs_service', 'svc', { network_configuration: { subnets: [], security_groups: [ref(taskSg)] } });
  const context = [albSg, lb, taskSg, service];

  it("passes ingress from the load balancer's group", () =>
    expectCompliant(
      net005,
      res('aws_vpc_security_group_ingress_rule', 'from-alb', { security_group_id: ref(taskSg), referenced_security_group_id: ref(albSg), ip_protocol: 'tcp', from_port: 8080, to_port: 8080 }),
      context,
    ));
  it('passes a task group with inline ingress from the load balancer', () =>
    expectCompliant(
      net005,
      res('aws_security_group', 'tasks', { ingress: [{ protocol: 'tcp', from_port: 8080, to_port: 8080, security_groups: [ref(albSg)], cidr_blocks: [] }] }),
      [albSg, lb, service],
    ));
  it("passes ingress from another service's task group (a caller named one by one)", () => {
    const callerSg = res('aws_security_group', 'caller-tasks', { ingress: [] });
    const caller = res('aws_ecs_service', 'caller', { network_configuration: { subnets: [], security_groups: [ref(callerSg)] } });
    expectCompliant(
      net005,
      res('aws_vpc_security_group_ingress_rule', 'from-caller', { security_group_id: ref(taskSg), referenced_security_group_id: ref(callerSg), ip_protocol: 'tcp', from_port: 8080, to_port: 8080 }),
      [...context, callerSg, caller],
    );
  });
  describe("another service's tasks reach one port the called containers listen on", () => {
    const task = taskDefinition([{ name: 'catalog', portMappings: [{ containerPort: 8080, protocol: 'tcp', name: 'catalog' }] }]);
    const calledSg = res('aws_security_group', 'catalog-tasks', { ingress: [] });
    const called = res('aws_ecs_service', 'catalog', { task_definition: ref(task, 'arn'), network_configuration: { subnets: [], security_groups: [ref(calledSg)] } });
    const callerSg = res('aws_security_group', 'caller-tasks', { ingress: [] });
    const caller = res('aws_ecs_service', 'caller', { network_configuration: { subnets: [], security_groups: [ref(callerSg)] } });
    const others = [task, calledSg, called, callerSg, caller];
    const from = (ports: Record<string, unknown>) =>
      res('aws_vpc_security_group_ingress_rule', 'from-caller', { security_group_id: ref(calledSg), referenced_security_group_id: ref(callerSg), ...ports });

    it('passes the container port', () => expectCompliant(net005, from({ ip_protocol: 'tcp', from_port: 8080, to_port: 8080 }), others));
    it('fails another port', () =>
      expectViolation(
        net005,
        from({ ip_protocol: 'tcp', from_port: 22, to_port: 22 }),
        /tcp 22 from aws_security_group\.caller-tasks \(another service's tasks may reach one TCP port its containers listen on: 8080\)/,
        others,
      ));
    it('fails a range around it', () => expectViolation(net005, from({ ip_protocol: 'tcp', from_port: 8000, to_port: 9000 }), /tcp 8000-9000 from/, others));
    it('fails all traffic', () => expectViolation(net005, from({ ip_protocol: '-1' }), /all traffic from/, others));
  });

  it('does not look at groups that are not attached to services', () =>
    expectNotApplicable(net005, res('aws_security_group_rule', 'x', { type: 'ingress', security_group_id: ref(albSg), protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }), context));

  it('fails a CIDR source on a task group', () =>
    expectViolation(
      net005,
      res('aws_security_group_rule', 'vpc', { type: 'ingress', security_group_id: ref(taskSg), protocol: 'tcp', from_port: 8080, to_port: 8080, cidr_blocks: ['10.0.0.0/16'] }),
      /CIDR 10\.0\.0\.0\/16/,
      context,
    ));
  it('fails a source group that is not a load balancer', () => {
    const other = res('aws_security_group', 'bastion');
    expectViolation(
      net005,
      res('aws_vpc_security_group_ingress_rule', 'bastion', { security_group_id: ref(taskSg), referenced_security_group_id: ref(other), ip_protocol: 'tcp', from_port: 22, to_port: 22 }),
      /aws_security_group\.bastion \(neither a load balancer's nor another service's tasks'\)/,
      [...context, other],
    );
  });
});
