import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { ecs017 } from './ecs-017';

const executionRole = res('aws_iam_role', 'execution', {});
const taskRole = res('aws_iam_role', 'task', {});
const executionPolicy = res('aws_iam_role_policy', 'execution', { role: '${aws_iam_role.execution.name}' });
const taskPolicy = res('aws_iam_role_policy_attachment', 'task_s3', { role: '${aws_iam_role.task.name}' });
const otherPolicy = res('aws_iam_role_policy', 'other', { role: '${aws_iam_role.other.name}' });
const taskDefinition = (dependsOn: string[]) =>
  res('aws_ecs_task_definition', 'web', {
    execution_role_arn: '${aws_iam_role.execution.arn}',
    task_role_arn: '${aws_iam_role.task.arn}',
    depends_on: dependsOn,
  });
const stack = [executionRole, taskRole, executionPolicy, taskPolicy, otherPolicy];

describe('ECS-017 task definitions depend on their roles policies', () => {
  it('passes when it depends on every policy of both roles', () =>
    expectCompliant(ecs017, taskDefinition([executionPolicy.address, taskPolicy.address]), stack));
  it('fails naming each policy it does not depend on', () =>
    expectViolation(ecs017, taskDefinition([executionPolicy.address]), /does not depend on aws_iam_role_policy_attachment\.task_s3:/, stack));
  it('ignores policies of other roles', () =>
    expectCompliant(ecs017, taskDefinition([executionPolicy.address, taskPolicy.address]), [...stack, otherPolicy]));
  it('is not applicable without roles in the stack', () =>
    expectNotApplicable(ecs017, res('aws_ecs_task_definition', 'imported', { execution_role_arn: 'arn:aws:iam::123456789012:role/x' })));
});
