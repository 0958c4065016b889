import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { ec2006 } from './ec2-006';

const template = res('aws_launch_template', 'ecs', { image_id: 'resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id' });
const refresh = (preferences: Record<string, unknown> = { scale_in_protected_instances: 'Refresh' }) => ({ strategy: 'Rolling', preferences });
const group = (config: Record<string, unknown>) =>
  res('aws_autoscaling_group', 'ecs', { launch_template: { name: ref(template, 'name'), version: ref(template, 'latest_version') }, protect_from_scale_in: true, instance_refresh: refresh(), ...config });

describe("EC2-006 Auto Scaling groups follow their template's version and roll their instances", () => {
  it('passes a group that names latest_version and refreshes protected instances', () => {
    expectCompliant(ec2006, group({}), [template]);
    // Written as a list of blocks, as CDKTF may write nested blocks.
    expectCompliant(ec2006, group({ launch_template: [{ id: ref(template), version: '3' }], instance_refresh: [refresh()] }), [template]);
  });

  it('fails $Latest, $Default and an unset version', () => {
    expectViolation(ec2006, group({ launch_template: { name: ref(template, 'name'), version: '$Latest' } }), /launch_template\.version is \$Latest: a new template version does not change the group/, [template]);
    expectViolation(ec2006, group({ launch_template: { name: ref(template, 'name'), version: '$Default' } }), /version is \$Default/, [template]);
    expectViolation(ec2006, group({ launch_template: { name: ref(template, 'name') } }), /version is unset \(\$Default\)/, [template]);
  });

  it('fails a group without an instance refresh, and one that would wait on its protected instances', () => {
    expectViolation(ec2006, group({ instance_refresh: undefined }), /no instance_refresh/, [template]);
    expectViolation(ec2006, group({ instance_refresh: refresh({}) }), /scale_in_protected_instances is not "Refresh" on a group with protect_from_scale_in/, [template]);
    // Without scale-in protection there is nothing to wait on.
    expectCompliant(ec2006, group({ protect_from_scale_in: false, instance_refresh: refresh({}) }), [template]);
  });

  it('fails auto_rollback with an image from an SSM parameter, which the refresh refuses at apply time', () => {
    const rollback = refresh({ scale_in_protected_instances: 'Refresh', auto_rollback: true });
    expectViolation(ec2006, group({ instance_refresh: rollback }), /auto_rollback with aws_launch_template\.ecs, whose image_id is resolve:ssm:/, [template]);
    const withAmi = res('aws_launch_template', 'ecs', { image_id: 'ami-0123456789abcdef0' });
    expectCompliant(ec2006, group({ instance_refresh: rollback }), [withAmi]);
  });

  it('lists every problem at once', () =>
    expectViolation(ec2006, group({ launch_template: { name: ref(template, 'name'), version: '$Latest' }, instance_refresh: refresh({ auto_rollback: 'true' }) }), /version is \$Latest.*; .*scale_in_protected_instances.*; .*auto_rollback/, [template]));

  it('is not applicable to a group without a launch template', () => expectNotApplicable(ec2006, res('aws_autoscaling_group', 'mixed', { mixed_instances_policy: {} })));
});
