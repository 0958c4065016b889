import { expectCompliant, expectViolation, res, taskDefinition } from '../test-support';
import { ecs006 } from './ecs-006';

describe('ECS-006 non-root containers', () => {
  it('passes a numeric non-root user', () => expectCompliant(ecs006, taskDefinition([{ user: '1000:1000' }])));
  it('passes a named user', () => expectCompliant(ecs006, taskDefinition([{ user: 'app' }])));
  it('fails a container without user', () => expectViolation(ecs006, taskDefinition([{ user: undefined }]), /user is not set/));
  it('fails root', () => expectViolation(ecs006, taskDefinition([{ user: 'root' }]), /"root"/));
  it('fails uid 0 with a group', () => expectViolation(ecs006, taskDefinition([{ user: '0:1000' }]), /"0:1000"/));
  it('fails container definitions it cannot read', () =>
    expectViolation(ecs006, res('aws_ecs_task_definition', 't', { container_definitions: '${jsonencode(local.containers)}' }), /not literal JSON/));
});
