import { expectCompliant, expectNotApplicable, expectViolation, taskDefinition } from '../test-support';
import { ecs014 } from './ecs-014';

describe('ECS-014 EFS transit encryption', () => {
  it('passes encrypted EFS volumes', () =>
    expectCompliant(ecs014, taskDefinition([{}], { volume: [{ name: 'data', efs_volume_configuration: { file_system_id: 'fs-1', transit_encryption: 'ENABLED' } }] })));
  it('is not applicable without EFS volumes', () => expectNotApplicable(ecs014, taskDefinition([{}], { volume: [{ name: 'tmp' }] })));
  it('fails an EFS volume without transit encryption', () =>
    expectViolation(ecs014, taskDefinition([{}], { volume: [{ name: 'data', efs_volume_configuration: [{ file_system_id: 'fs-1' }] }] }), /EFS volume data/));
});
