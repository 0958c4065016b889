import { expectCompliant, expectViolation, res, run } from '../test-support';
import { ec2005 } from './ec2-005';

const defaults = { Project: 'acme', Environment: 'prod' };
const template = (specs: Array<{ resource_type: string; tags: Record<string, string> }>) => res('aws_launch_template', 'ecs', { tag_specifications: specs });

describe('EC2-005 launched instances carry the default tags', () => {
  it('passes instance and volume tags that repeat the defaults', () => {
    const ok = template([
      { resource_type: 'instance', tags: { ...defaults, Name: 'x' } },
      { resource_type: 'volume', tags: { ...defaults, Name: 'x' } },
    ]);
    expect(run(ec2005, ok, [], 'production', defaults)).toEqual({ status: 'compliant' });
    expectCompliant(ec2005, ok);
  });
  it('fails tags that miss a default key', () => {
    const missing = template([
      { resource_type: 'instance', tags: { Name: 'x' } },
      { resource_type: 'volume', tags: { ...defaults } },
    ]);
    expect(run(ec2005, missing, [], 'production', defaults)).toEqual({ status: 'non-compliant', reason: expect.stringMatching(/instance lacks Project, Environment/) });
    expectViolation(ec2005, template([{ resource_type: 'instance', tags: {} }]), /no tag_specifications for volume/);
  });
});
