/**
 * The platform CLI's cache of parsed definitions (ParsedYamlCache of
 * @ecs-platform/environment-definition): one JSON file per definition text, in
 * `parsed-yaml/` beside the bundle that runs. The bundle holds the YAML parser, so a cache
 * never outlives the parser that wrote it: another `yaml` version is another bundle, in
 * another folder. Outside a bundle (Jest, ts-node) there is no cache, and
 * PLATFORM_YAML_CACHE=0 turns it off. Files are written to a temporary name and renamed, so
 * parallel runs never read half a file; one that cannot be read is parsed again and rewritten.
 */
import type { ParsedYamlCache } from '@ecs-platform/environment-definition';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const YAML_CACHE_VARIABLE = 'PLATFORM_YAML_CACHE';

/** A cache in `dir` (created on first write). */
export function diskYamlCache(dir: string): ParsedYamlCache {
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
 * __filename is the bundle), or none.
 */
export function bundleYamlCache(env: NodeJS.ProcessEnv = process.env, script: string = __filename): ParsedYamlCache | undefined {
  if (env[YAML_CACHE_VARIABLE] === '0' || !script.endsWith('.js')) return undefined;
  return diskYamlCache(path.join(path.dirname(script), 'parsed-yaml'));
}
