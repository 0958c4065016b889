import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { sched001 } from './sched-001';

const schedule = (network: Record<string, unknown> | undefined) =>
  res('aws_scheduler_schedule', 'job', {
    target: { arn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod', ecs_parameters: { task_definition_arn: 'td', ...(network ? { network_configuration: network } : {}) } },
  });

describe('SCHED-001 scheduled ECS tasks are placed like services', () => {
  it('passes tasks in private subnets with their own security group and no public IP', () =>
    expectCompliant(sched001, schedule({ subnets: ['subnet-a'], security_groups: ['${aws_security_group.job.id}'], assign_public_ip: false })));
  it('does not look at schedules of other targets', () =>
    expectNotApplicable(sched001, res('aws_scheduler_schedule', 'lambda', { target: { arn: 'arn:aws:lambda:eu-west-1:123456789012:function:f' } })));
  it('fails a public IP, a missing network configuration and missing security groups', () => {
    expectViolation(sched001, schedule({ subnets: ['subnet-a'], security_groups: ['sg-1'], assign_public_ip: true }), /assign_public_ip is true/);
    expectViolation(sched001, schedule(undefined), /no network_configuration/);
    expectViolation(sched001, schedule({ subnets: ['subnet-a'] }), /no security_groups/);
  });
});
