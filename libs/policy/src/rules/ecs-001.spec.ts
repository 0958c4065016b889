import { expectCompliant, expectViolation, res } from '../test-support';
import { ecs001 } from './ecs-001';

describe('ECS-001 Container Insights', () => {
  it('passes a cluster with Container Insights', () =>
    expectCompliant(ecs001, res('aws_ecs_cluster', 'c', { setting: [{ name: 'containerInsights', value: 'enabled' }] })));
  it('passes enhanced observability', () =>
    expectCompliant(ecs001, res('aws_ecs_cluster', 'c', { setting: [{ name: 'containerInsights', value: 'enhanced' }] })));
  it('fails a cluster without it', () => expectViolation(ecs001, res('aws_ecs_cluster', 'c', {}), /not set/));
  it('fails a disabled setting', () =>
    expectViolation(ecs001, res('aws_ecs_cluster', 'c', { setting: [{ name: 'containerInsights', value: 'disabled' }] }), /"disabled"/));
});
