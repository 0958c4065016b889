import type { PlatformSettings } from '@ecs-platform/environment-definition';

/**
 * Tags every resource carries through the provider's default_tags. The platform owns these
 * keys; definitions add their own (validation rejects overriding these).
 */
export function standardTags(
  settings: PlatformSettings,
  environment: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ...extra,
    Project: settings.project,
    Environment: environment,
    ManagedBy: 'cdktf',
    Repository: settings.repository,
  };
}
