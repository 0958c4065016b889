import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { ecs019 } from './ecs-019';

const logGroup = res('aws_cloudwatch_log_group', 'web', { name: '/ecs/dev/web' });
const otherGroup = res('aws_cloudwatch_log_group', 'other', { name: '/ecs/dev/other' });
const containers = (group: string, driver = 'awslogs') =>
  JSON.stringify([{ name: 'web', image: 'x', logConfiguration: { logDriver: driver, options: { 'awslogs-group': group, 'awslogs-region': 'eu-west-1' } } }]);
const taskDefinition = (dependsOn: string[], group = '/ecs/dev/web', driver = 'awslogs') =>
  res('aws_ecs_task_definition', 'web', { container_definitions: containers(group, driver), depends_on: dependsOn });

describe('ECS-019 task definitions depend on the log groups they log to', () => {
  it('passes when it depends on the log group of the stack its container logs to', () =>
    expectCompliant(ecs019, taskDefinition([logGroup.address]), [logGroup, otherGroup]));
  it('passes when the container definitions name the group by a reference to it', () =>
    expectCompliant(ecs019, taskDefinition([], '${aws_cloudwatch_log_group.web.name}'), [logGroup, otherGroup]));
  it('fails naming the log group it does not depend on', () =>
    expectViolation(ecs019, taskDefinition([]), /does not depend on aws_cloudwatch_log_group\.web: its first tasks may start before the log group exists/, [logGroup, otherGroup]));
  it('is not applicable for a group the stack does not create, or another log driver', () => {
    expectNotApplicable(ecs019, taskDefinition([], '/ecs/shared'), [logGroup]);
    expectNotApplicable(ecs019, taskDefinition([], '/ecs/dev/web', 'splunk'), [logGroup]);
  });
});
