import { expectCompliant, expectViolation, taskDefinition } from '../test-support';
import { ecs007 } from './ecs-007';

describe('ECS-007 read-only root filesystem', () => {
  it('passes read-only containers', () => expectCompliant(ecs007, taskDefinition([{}])));
  it('fails a writable root filesystem', () =>
    expectViolation(ecs007, taskDefinition([{}, { name: 'sidecar', readonlyRootFilesystem: false }]), /container "sidecar": readonlyRootFilesystem/));
});
