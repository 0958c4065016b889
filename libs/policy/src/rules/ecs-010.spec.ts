import { expectCompliant, expectViolation, taskDefinition } from '../test-support';
import { ecs010 } from './ecs-010';

describe('ECS-010 container logging', () => {
  it('passes awslogs with a log group', () => expectCompliant(ecs010, taskDefinition([{}])));
  it('passes another driver', () => expectCompliant(ecs010, taskDefinition([{ logConfiguration: { logDriver: 'awsfirelens' } }])));
  it('fails a container without logConfiguration', () => expectViolation(ecs010, taskDefinition([{ logConfiguration: undefined }]), /logDriver is not set/));
  it('fails awslogs without a group', () =>
    expectViolation(ecs010, taskDefinition([{ logConfiguration: { logDriver: 'awslogs', options: {} } }]), /awslogs-group/));
});
