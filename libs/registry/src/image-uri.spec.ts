import { checkImageReference } from './checks';
import { imageUri, pullRegion, registryHost } from './image-uri';

const registry = { accountId: '567890123456', region: 'eu-central-1', replicationRegions: ['eu-west-1'] };
const digest = 'sha256:9f2c4e1b7a8d3f60e5c1b2a4d7e8f9012a3b4c5d6e7f80912a3b4c5d6e7f8091';

describe('imageUri', () => {
  it('resolves a tag pin', () => {
    expect(imageUri(registry, { repository: 'sample-service', tag: '2026.11.24-5d3e9a1' }, 'eu-central-1')).toBe(
      '567890123456.dkr.ecr.eu-central-1.amazonaws.com/sample-service:2026.11.24-5d3e9a1',
    );
  });

  it('resolves a digest pin', () => {
    expect(imageUri(registry, { repository: 'team/api', digest })).toBe(
      `567890123456.dkr.ecr.eu-central-1.amazonaws.com/team/api@${digest}`,
    );
  });

  it('pulls from the replica in the workload region when the registry replicates there', () => {
    expect(imageUri(registry, { repository: 'sample-service', digest }, 'eu-west-1')).toBe(
      `567890123456.dkr.ecr.eu-west-1.amazonaws.com/sample-service@${digest}`,
    );
  });

  it('pulls across regions from the home region when there is no replica', () => {
    expect(pullRegion(registry, 'us-east-1')).toBe('eu-central-1');
    expect(imageUri(registry, { repository: 'sample-service', tag: 'v1' }, 'us-east-1')).toBe(
      '567890123456.dkr.ecr.eu-central-1.amazonaws.com/sample-service:v1',
    );
  });

  it('refuses an unpinned image', () => {
    expect(() => imageUri(registry, { repository: 'sample-service' })).toThrow('is not pinned');
  });

  it('names the registry host', () => {
    expect(registryHost('111122223333', 'us-west-2')).toBe('111122223333.dkr.ecr.us-west-2.amazonaws.com');
  });
});

describe('checkImageReference', () => {
  it('accepts one pin and a repository name', () => {
    expect(checkImageReference({ repository: 'team/api', digest })).toEqual([]);
    expect(checkImageReference({ repository: 'sample-service', tag: '2026.11.24-5d3e9a1' })).toEqual([]);
  });

  it('refuses an unpinned, doubly pinned or moving image, and malformed parts', () => {
    expect(checkImageReference({ repository: 'sample-service' })).toEqual([{ path: [], message: 'is not pinned: give an immutable "tag" or a "digest"' }]);
    expect(checkImageReference({ repository: 'sample-service', tag: 'v1', digest })).toEqual([
      { path: [], message: 'gives both "tag" and "digest"; pin by exactly one' },
    ]);
    expect(checkImageReference({ repository: 'Sample', tag: 'latest', digest: 'sha256:abc' })).toEqual([
      { path: ['repository'], message: '"Sample" must be an ECR repository name (lowercase letters, digits, . _ - and /)' },
      { path: ['digest'], message: '"sha256:abc" must be "sha256:" followed by 64 lowercase hex digits' },
      { path: [], message: 'gives both "tag" and "digest"; pin by exactly one' },
      { path: ['tag'], message: '"latest" is not a pin: it moves with every push; use an immutable release tag or a digest' },
    ]);
  });
});

describe('a registry location without replication regions', () => {
  it('pulls from the home region', () => {
    expect(imageUri({ accountId: '567890123456', region: 'eu-central-1' }, { repository: 'sample-service', tag: 'v1' }, 'eu-west-1')).toBe(
      '567890123456.dkr.ecr.eu-central-1.amazonaws.com/sample-service:v1',
    );
  });
});
