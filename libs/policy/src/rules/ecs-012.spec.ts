import { expectCompliant, expectViolation, taskDefinition } from '../test-support';
import { ecs012 } from './ecs-012';

describe('ECS-012 distinct execution and task roles', () => {
  it('passes two roles', () => expectCompliant(ecs012, taskDefinition([{}])));
  it('fails the same role twice', () =>
    expectViolation(ecs012, taskDefinition([{}], { task_role_arn: '${aws_iam_role.execution.arn}' }), /same role/));
  it('fails a missing task role', () => expectViolation(ecs012, taskDefinition([{}], { task_role_arn: undefined }), /task_role_arn is not set/));
});
