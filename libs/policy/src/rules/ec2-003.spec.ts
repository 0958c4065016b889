import { expectCompliant, expectViolation, res } from '../test-support';
import { ec2003 } from './ec2-003';

describe('EC2-003 metadata hop limit 1', () => {
  it('passes hop limit 1', () =>
    expectCompliant(ec2003, res('aws_launch_template', 'lt', { metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 } })));
  it('fails hop limit 2', () =>
    expectViolation(ec2003, res('aws_launch_template', 'lt', { metadata_options: { http_put_response_hop_limit: 2 } }), /is 2/));
});
