/**
 * The platform CLI's cache of parsed definitions (ParsedYamlCache of
 * @ecs-platform/environment-definition): one JSON file per definition text, in
 * `parsed-yaml/` beside the bundle that runs. The bundle holds the YAML parser, so a cache
 * never outlives the parser that wrote it: another `yaml` version is another bundle, in
 * another folder. Only the bundles tools/synth/build.js writes keep one (they live in the
 * ignored dist/, and the build defines PLATFORM_SYNTH_BUNDLE): other code that bundles this
 * module, such as the Nx plugin's in-memory bundle named inside tools/, would otherwise write
 * the cache into the source tree. Outside a bundle (Jest, ts-node) there is no cache, and
 * PLATFORM_YAML_CACHE=0 turns it off. Files are written to a temporary name and renamed, so
 * parallel runs never read half a file; one that cannot be read is parsed again and rewritten.
 */
import type { ParsedYamlCache } from '@ecs-platform/environment-definition';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const YAML_CACHE_VARIABLE = 'PLATFORM_YAML_CACHE';

/** `true` in the bundles tools/synth/build.js writes (esbuild `define`); undeclared anywhere else. */
declare const PLATFORM_SYNTH_BUNDLE: true;

/** Whether this code runs from a bundle tools/synth/build.js wrote. */
export function inSynthBundle(): boolean {
  return typeof PLATFORM_SYNTH_BUNDLE !== 'undefined';
}

/** A cache of JSON files in `dir` (created on first write), one file per key. */
export function diskJsonCache(dir: string): ParsedYamlCache {
  const fileOf = (key: string): string => path.join(dir, `${key}.json`);
  return {
    read(key) {
      try {
        return JSON.parse(fs.readFileSync(fileOf(key), 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
    write(key, data) {
      const temporary = `${fileOf(key)}.${process.pid}.tmp`;
      try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(temporary, JSON.stringify(data));
        fs.renameSync(temporary, fileOf(key));
      } catch {
        try {
          fs.rmSync(temporary, { force: true });
        } catch {
          // The folder itself could not be made: there is no temporary file either.
        }
      }
    },
  };
}

/**
 * The cache of this run: beside the bundle this code is part of (in a bundle every module's
 * __filename is the bundle) when tools/synth/build.js built it, or none.
 */
export function bundleYamlCache(
  env: NodeJS.ProcessEnv = process.env,
  script: string = __filename,
  synthBundle: boolean = inSynthBundle(),
): ParsedYamlCache | undefined {
  return bundleJsonCache('parsed-yaml', YAML_CACHE_VARIABLE, env, script, synthBundle);
}

/**
 * A cache of JSON files in `<folder>` beside the bundle `script`, or none: outside a bundle
 * tools/synth/build.js wrote, or with `<variable>=0`.
 */
export function bundleJsonCache(folder: string, variable: string, env: NodeJS.ProcessEnv, script: string, synthBundle: boolean): ParsedYamlCache | undefined {
  if (env[variable] === '0' || !synthBundle || !script.endsWith('.js')) return undefined;
  return diskJsonCache(path.join(path.dirname(script), folder));
}
