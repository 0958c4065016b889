import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { type SynthesizedStack } from '@ecs-platform/policy';
import { Testing, TerraformStack } from 'cdktf';
import * as path from 'node:path';
import { addressesOf, checkAddresses, diffAddresses, formatAddressCheck, isClean } from './addresses';

const repositoryRoot = path.resolve(__dirname, '../../..');

describe('pinned Terraform addresses (docs/addresses/<stack>.txt)', () => {
  it('match every freshly synthesized stack exactly', () => {
    const check = checkAddresses(repositoryRoot);
    // The message lists every removed, renamed or added address and how to record it.
    if (!isClean(check)) throw new Error(formatAddressCheck(check));
  });
});

describe('diffAddresses', () => {
  it('reports a removed (renamed) address as a destroy, and an added one', () => {
    const diff = diffAddresses('dev', ['aws_s3_bucket.old_1', 'aws_vpc.vpc_2'], {
      addresses: ['aws_s3_bucket.new_3', 'aws_vpc.vpc_2'],
      moved: [],
    });
    expect(diff).toEqual({ stack: 'dev', removed: ['aws_s3_bucket.old_1'], moved: [], added: ['aws_s3_bucket.new_3'] });
    const message = formatAddressCheck({ diffs: [diff], missingStacks: [], unpinnedStacks: [], problems: [] });
    expect(message).toContain('- aws_s3_bucket.old_1   REMOVED or RENAMED: Terraform would destroy it');
    expect(message).toContain('+ aws_s3_bucket.new_3');
    expect(message).toContain('npm run addresses:update');
  });

  it('says that a stack no longer synthesized leaves its resources behind, and how to retire it', () => {
    const message = formatAddressCheck({ diffs: [], missingStacks: ['qa'], unpinnedStacks: [], problems: [] });
    expect(message).toContain('qa: pinned but no longer synthesized. Nothing destroys its resources: they stay in AWS and in its state');
    expect(message).toContain('destroy it first from a commit that still synthesizes it (npx cdktf destroy qa)');
    expect(message).not.toMatch(/would be destroyed/);
  });

  it('recognises a rename carried by a moved block (CDKTF moveFromId), which still needs the file updated', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'dev');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const renamed = new S3Bucket(stack, 'logs', { bucket: 'logs' });
    renamed.moveFromId('aws_s3_bucket.old_logs');
    const actual = addressesOf(stack.toTerraform() as SynthesizedStack);
    expect(actual.moved).toEqual([{ from: 'aws_s3_bucket.old_logs', to: 'aws_s3_bucket.logs' }]);
    const diff = diffAddresses('dev', ['aws_s3_bucket.old_logs'], actual);
    expect(diff.removed).toEqual([]);
    expect(diff.moved).toEqual([{ from: 'aws_s3_bucket.old_logs', to: 'aws_s3_bucket.logs' }]);
    expect(diff.added).toEqual(['aws_s3_bucket.logs']);
  });
});
