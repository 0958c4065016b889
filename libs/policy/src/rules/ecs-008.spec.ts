import { expectCompliant, expectViolation, taskDefinition } from '../test-support';
import { ecs008 } from './ecs-008';

describe('ECS-008 no privileged containers', () => {
  it('passes unprivileged containers', () => expectCompliant(ecs008, taskDefinition([{ privileged: undefined }])));
  it('fails a privileged container', () => expectViolation(ecs008, taskDefinition([{ privileged: true }]), /privileged is true/));
});
