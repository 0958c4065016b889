/**
 * IAM documents as synthesized: JSON strings (built in code, docs/design.md decision 3) whose
 * values may hold references such as `${aws_s3_bucket.x.arn}`.
 */
import { type Attributes, blocks, strings } from './attributes';

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principal: unknown;
  readonly condition: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export type ParsedPolicy = { readonly ok: true; readonly statements: readonly Statement[] } | { readonly ok: false; readonly reason: string };

/** Parses a policy document; a document that is not literal JSON cannot be checked. */
export function parsePolicy(document: unknown): ParsedPolicy {
  if (typeof document !== 'string') return { ok: false, reason: 'the policy is not a literal JSON document' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return { ok: false, reason: `the policy is not literal JSON (${document.slice(0, 60)}…); build it in code so rules can read it` };
  }
  const raw = (parsed as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return {
    ok: true,
    statements: list.map((item: Record<string, unknown>) => ({
      sid: typeof item.Sid === 'string' ? item.Sid : undefined,
      effect: item.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(item.Action),
      notActions: strings(item.NotAction),
      resources: strings(item.Resource),
      notResources: strings(item.NotResource),
      principal: item.Principal,
      condition: (item.Condition ?? {}) as Statement['condition'],
    })),
  };
}

/** Names a statement in messages: its Sid, or its position. */
export function statementName(statement: Statement, index: number): string {
  return statement.sid ? `statement "${statement.sid}"` : `statement ${index + 1}`;
}

/** The identity-policy documents a resource carries (not trust, key or bucket policies). */
export function identityPolicies(type: string, config: Attributes): { label: string; document: unknown }[] {
  switch (type) {
    case 'aws_iam_policy':
    case 'aws_iam_role_policy':
    case 'aws_iam_user_policy':
    case 'aws_iam_group_policy':
      return [{ label: 'policy', document: config.policy }];
    case 'aws_iam_role':
      return blocks(config.inline_policy)
        .filter((inline) => inline.policy !== undefined)
        .map((inline, index) => ({ label: `inline_policy ${String(inline.name ?? index + 1)}`, document: inline.policy }));
    default:
      return [];
  }
}

export const IDENTITY_POLICY_TYPES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
] as const;

/** True for an action or resource pattern with a wildcard. */
export function hasWildcard(value: string): boolean {
  return /[*?]/.test(value);
}

/**
 * Whether a resource policy denies every request made without TLS: a Deny statement of `*` or
 * `<service>:*` with the condition Bool aws:SecureTransport false.
 */
export function deniesInsecureTransport(document: unknown, service: string): boolean {
  const parsed = parsePolicy(document);
  return (
    parsed.ok &&
    parsed.statements.some(
      (statement) =>
        statement.effect === 'Deny' &&
        (statement.actions.includes('*') || statement.actions.some((action) => action.toLowerCase() === `${service}:*`)) &&
        [statement.condition.Bool?.['aws:SecureTransport']].flat().some((value) => value === false || value === 'false'),
    )
  );
}
