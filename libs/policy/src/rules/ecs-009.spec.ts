import { expectCompliant, expectViolation, taskDefinition } from '../test-support';
import { ecs009 } from './ecs-009';

describe('ECS-009 no host pid or ipc namespace', () => {
  it('passes a task definition with its own namespaces', () => expectCompliant(ecs009, taskDefinition([{}], { pid_mode: 'task' })));
  it('fails host pid mode', () => expectViolation(ecs009, taskDefinition([{}], { pid_mode: 'host' }), /pid_mode/));
  it('fails host ipc mode', () => expectViolation(ecs009, taskDefinition([{}], { ipc_mode: 'host' }), /ipc_mode/));
});
