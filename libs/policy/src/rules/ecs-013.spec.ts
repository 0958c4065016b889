import { expectCompliant, expectViolation, taskDefinition } from '../test-support';
import { ecs013, unpinnedImage } from './ecs-013';

describe('ECS-013 pinned images', () => {
  it('passes a digest', () => expectCompliant(ecs013, taskDefinition([{}])));
  it('passes an explicit tag, also on a registry with a port', () => {
    expectCompliant(ecs013, taskDefinition([{ image: '1.dkr.ecr.eu-west-1.amazonaws.com/app:2026.11.24-5d3e9a1' }]));
    expect(unpinnedImage('registry.local:5000/team/app:1.2.3')).toBeUndefined();
  });
  it('fails latest', () => expectViolation(ecs013, taskDefinition([{ image: 'nginx:latest' }]), /latest tag/));
  it('fails an image without tag or digest', () =>
    expectViolation(ecs013, taskDefinition([{ image: 'registry.local:5000/app' }]), /neither a tag nor a digest/));
});
