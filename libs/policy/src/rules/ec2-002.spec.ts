import { expectCompliant, expectViolation, res } from '../test-support';
import { ec2002 } from './ec2-002';

describe('EC2-002 IMDSv2', () => {
  it('passes required tokens', () =>
    expectCompliant(ec2002, res('aws_launch_template', 'lt', { metadata_options: { http_endpoint: 'enabled', http_tokens: 'required' } })));
  it('fails optional tokens', () =>
    expectViolation(ec2002, res('aws_launch_template', 'lt', { metadata_options: [{ http_tokens: 'optional' }] }), /"optional"/));
  it('fails unset metadata options', () => expectViolation(ec2002, res('aws_instance', 'i', {}), /IMDSv1 allowed/));
});
