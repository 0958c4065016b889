/**
 * SECRET-001: no literal secret in any resource (docs/design.md decision 8). An attribute, at
 * any depth of any resource (the backend block included), whose name says password or secret
 * (password, master_password, secret, secret_string, client_secret, auth_token, api_key,
 * private_key, passphrase, ...) may not hold a literal string: a value written in code is in
 * git, in the synthesized JSON and in the state. Use a reference (`${...}`: a managed
 * password, a Secrets Manager secret, a generated value) or an attribute AWS fills itself.
 * Also an `aws_ssm_parameter` of type SecureString with a literal value.
 *
 * Not findings, by design (tested): names that say what the value points at rather than the
 * secret itself (`secret_arn`, `*_secret_arn`, `secret_id`, `secret_name`, `*_kms_key_id`,
 * `*_version`, `*_length`, ...), booleans and numbers (`manage_master_user_password`,
 * `generate_secret`, `password_reset_required`), ARNs, empty strings, `tags`, the
 * `lifecycle`/`depends_on` meta-arguments, and JSON documents held in a string (container
 * definitions with `secrets[].valueFrom` ARNs, IAM policies naming secrets): those are read
 * by their own rules (ECS-011, IAM-*).
 * Equivalents: Checkov CKV_SECRET_10 (secret keyword), CKV_AWS_45 (Lambda environment),
 * CKV_AWS_46 (EC2 user data).
 */
import { ANY_RESOURCE_TYPE, compliant, nonCompliant, notApplicable, type PolicyRule, type ResourceView } from '../types';

/** Words that, as one segment of an attribute name, say it holds a secret. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'secrets']);
/** Two-word names that say so. */
const SECRET_PAIRS = new Set(['auth_token', 'access_token', 'refresh_token', 'api_key', 'private_key', 'secret_key', 'client_secret']);
/** Last segments that say the value names, sizes or versions a secret instead of being one. */
const REFERENCE_SUFFIXES = new Set([
  'arn',
  'arns',
  'id',
  'ids',
  'name',
  'names',
  'prefix',
  'path',
  'paths',
  'version',
  'versions',
  'stage',
  'stages',
  'length',
  'count',
  'days',
  'hours',
  'seconds',
  'enabled',
  'type',
  'mode',
  'strategy',
  'policy',
  'required',
  'rotation',
  'schedule',
  'location',
  'url',
  'uri',
]);
/** Attributes never read: resource metadata and meta-arguments. */
const SKIPPED = new Set(['tags', 'tags_all', 'lifecycle', 'depends_on', 'provider', 'count', 'for_each', '//']);
/** Values of token validity units (`token_validity_units.access_token = "hours"`), not tokens. */
const TIME_UNITS = /^(seconds|minutes|hours|days)$/;

/** `masterUserPassword`, `master-user.password` to `['master', 'user', 'password']`. */
function segments(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part !== '');
}

/** Whether an attribute named `name` holds a secret itself (not a reference to one). */
export function namesSecret(name: string): boolean {
  const parts = segments(name);
  if (parts.length === 0) return false;
  const last = parts[parts.length - 1];
  if (REFERENCE_SUFFIXES.has(last) || (parts.length > 1 && parts.slice(-2).join('_') === 'key_id')) return false;
  if (parts.some((part) => SECRET_WORDS.has(part))) return true;
  return parts.some((part, index) => index > 0 && SECRET_PAIRS.has(`${parts[index - 1]}_${part}`)) || (parts.length === 1 && parts[0] === 'token');
}

/** A string written in code: not a `${...}` reference or expression, not empty, not a boolean, not an ARN. */
function isLiteralSecret(value: string): boolean {
  const text = value.trim();
  return text !== '' && !text.includes('${') && text !== 'true' && text !== 'false' && !text.startsWith('arn:') && !TIME_UNITS.test(text);
}

/**
 * The string attributes under secret names, at any depth, as dotted paths (`user[0].password`),
 * and those of them that hold a literal.
 */
export function secretAttributes(config: Readonly<Record<string, unknown>>): { readonly named: string[]; readonly literal: string[] } {
  const named: string[] = [];
  const literal: string[] = [];
  const visit = (value: unknown, path: string, name: string): void => {
    if (typeof value === 'string') {
      if (!namesSecret(name)) return;
      named.push(path);
      if (isLiteralSecret(value)) literal.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`, name));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        if (!SKIPPED.has(key)) visit(child, path === '' ? key : `${path}.${key}`, key);
      }
    }
  };
  visit(config, '', '');
  return { named, literal };
}

function secureStringLiteral(resource: ResourceView): string[] {
  if (resource.type !== 'aws_ssm_parameter' || resource.config.type !== 'SecureString') return [];
  return ['value', 'value_wo', 'insecure_value'].filter((field) => typeof resource.config[field] === 'string' && isLiteralSecret(resource.config[field] as string));
}

export const secret001: PolicyRule = {
  id: 'SECRET-001',
  description: 'No resource attribute whose name says password or secret holds a literal string (nor a SecureString parameter a literal value)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [ANY_RESOURCE_TYPE],
  equivalents: ['Checkov CKV_SECRET_10 (secret keyword)', 'Checkov CKV_AWS_45, CKV_AWS_46'],
  check: (resource) => {
    const { named, literal } = secretAttributes(resource.config);
    const secure = resource.type === 'aws_ssm_parameter' && resource.config.type === 'SecureString';
    const found = [...literal, ...secureStringLiteral(resource)];
    if (found.length > 0) {
      return nonCompliant(`literal secret in ${found.join(', ')}: it is in git, the synthesized JSON and the state; use a reference (a managed password, a Secrets Manager secret)`);
    }
    return named.length > 0 || secure ? compliant() : notApplicable();
  },
};
