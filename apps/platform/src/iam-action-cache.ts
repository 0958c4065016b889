/**
 * The platform CLI's cache of IAM action lists (IamActionListCache of @ecs-platform/iam-policy):
 * one compact JSON file per dataset version and service, in `iam-actions/` beside the bundle
 * that runs, as parsed-yaml-cache.ts keeps parsed definitions. The dataset's own files hold
 * every action's resource types and condition keys as well; the policy needs only each
 * action's name and access level, about a tenth of the bytes. Only the bundles
 * tools/synth/build.js writes keep it (never the source tree), and PLATFORM_IAM_CACHE=0 turns
 * it off.
 */
import type { IamActionListCache } from '@ecs-platform/iam-policy';
import { bundleJsonCache, inSynthBundle } from './parsed-yaml-cache';

export const IAM_CACHE_VARIABLE = 'PLATFORM_IAM_CACHE';

/** The cache of this run: beside the bundle this code is part of, or none. */
export function bundleIamActionCache(
  env: NodeJS.ProcessEnv = process.env,
  script: string = __filename,
  synthBundle: boolean = inSynthBundle(),
): IamActionListCache | undefined {
  return bundleJsonCache('iam-actions', IAM_CACHE_VARIABLE, env, script, synthBundle);
}
