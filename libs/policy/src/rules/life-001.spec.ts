import { expectCompliant, expectViolation, res } from '../test-support';
import { life001 } from './life-001';

const cbd = { lifecycle: { create_before_destroy: true } };

describe('LIFE-001 no replacement traps', () => {
  it('passes a security group with a name prefix and create_before_destroy', () =>
    expectCompliant(life001, res('aws_security_group', 'tasks', { name_prefix: 'prod-web-tasks-', ...cbd })));
  it('fails a fixed-name security group', () =>
    expectViolation(life001, res('aws_security_group', 'tasks', { name: 'prod-web-tasks', ...cbd }), /fixed name "prod-web-tasks"/));
  it('fails a target group without create_before_destroy', () =>
    expectViolation(life001, res('aws_lb_target_group', 'web', { name: 'prod-web-abc123', port: 8080 }), /no lifecycle.create_before_destroy/));
  it('passes a target group with it', () => expectCompliant(life001, res('aws_lb_target_group', 'web', { name: 'prod-web-abc123', ...cbd })));
  it('fails a task definition that deregisters old revisions', () =>
    expectViolation(life001, res('aws_ecs_task_definition', 'web', { family: 'prod-web', ...cbd }), /skip_destroy is not true/));
  it('passes a task definition that keeps them', () =>
    expectCompliant(life001, res('aws_ecs_task_definition', 'web', { family: 'prod-web', skip_destroy: true, ...cbd })));
});
