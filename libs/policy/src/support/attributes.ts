/**
 * Reading synthesized attributes. CDKTF writes a nested block either as an object or as a
 * list of objects (`image_scanning_configuration: {...}`, `encryption_configuration: [{...}]`),
 * and references as strings such as `${aws_kms_key.state_key_84A4E4B8.arn}`.
 */
import type { ResourceView, RuleContext } from '../types';

export type Attributes = Readonly<Record<string, unknown>>;

/** A nested block as a list of objects, whatever shape CDKTF wrote it in. */
export function blocks(value: unknown): Attributes[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is Attributes => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** The first nested block, if any. */
export function block(value: unknown): Attributes | undefined {
  return blocks(value)[0];
}

/** A list attribute as strings (a single string counts as a list of one). */
export function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

/** True for `true` and `"true"` (Terraform accepts both). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A number attribute, also when written as a numeric string; undefined otherwise. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** True when `value` (any attribute, however nested) references the resource at `address`. */
export function references(value: unknown, address: string): boolean {
  if (value === undefined || value === null) return false;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_-])${escaped}\\.`).test(text);
}

/** The addresses of resources of `type` referenced anywhere in `value`. */
export function referencedAddresses(value: unknown, type: string): string[] {
  if (value === undefined || value === null) return [];
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const pattern = new RegExp(`(?:^|[^A-Za-z0-9_-])(${type}\\.[A-Za-z0-9_-]+)\\.`, 'g');
  return [...new Set([...text.matchAll(pattern)].map((match) => match[1]))];
}

/** The resources of `type` that reference `resource` in the attribute `attribute`. */
export function referencing(context: RuleContext, type: string, attribute: string, resource: ResourceView): ResourceView[] {
  return context.ofType(type).filter((other) => references(other.config[attribute], resource.address));
}
