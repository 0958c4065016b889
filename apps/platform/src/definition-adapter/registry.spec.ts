import type { EnvironmentDefinition, RegistryDefinition } from '@ecs-platform/environment-definition';
import { deriveRepositories, registryLocation } from './registry';

const lifecycle = { untaggedExpiryDays: 14, keepReleaseImages: 30, protectedTagPrefixes: [] };

/** Only the fields the adapter reads; the rest of a definition does not matter here. */
const registry = {
  accountId: '567890123456',
  region: 'eu-central-1',
  replicationRegions: [],
  repositories: [
    { name: 'sample-service', lifecycle },
    { name: 'unused', lifecycle },
  ],
} as unknown as RegistryDefinition;

const env = (accountId: string, images: Array<{ repository: string; tag?: string; digest?: string }>): EnvironmentDefinition =>
  ({ accountId, services: images.map((image, i) => ({ name: `svc${i}`, image })) }) as unknown as EnvironmentDefinition;

describe('deriveRepositories', () => {
  it('derives pull accounts and pinned tags from the environments using each repository', () => {
    const repos = deriveRepositories(registry, [
      env('456789012345', [{ repository: 'sample-service', digest: 'sha256:00' }]),
      env('210987654321', [{ repository: 'sample-service', tag: 'b' }, { repository: 'sample-service', tag: 'a' }]),
      env('567890123456', [{ repository: 'sample-service', tag: 'b' }]),
    ]);
    expect(repos).toEqual([
      // The registry's own account needs no repository policy; it is left out.
      { name: 'sample-service', lifecycle, pullAccounts: ['210987654321', '456789012345'], pinnedTags: ['a', 'b'] },
      { name: 'unused', lifecycle, pullAccounts: [], pinnedTags: [] },
    ]);
  });

  it('locates the registry for image URIs', () => {
    expect(registryLocation(registry)).toEqual({ accountId: '567890123456', region: 'eu-central-1', replicationRegions: [] });
  });
});
