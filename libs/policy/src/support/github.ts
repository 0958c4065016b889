/**
 * Roles GitHub Actions assumes through OIDC, and what they may do: shared by the CI rules.
 */
import { actionAccessLevel, expandActionPattern } from '@ecs-platform/iam-policy';
import type { ResourceView, RuleContext } from '../types';
import { referencedAddresses, strings } from './attributes';
import { parsePolicy, type Statement } from './iam';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** True when the statement's Federated principal is GitHub's OIDC provider (by URL or by the stack's provider resource). */
export function federatedByGithub(statement: Statement, context: RuleContext): boolean {
  const principal = statement.principal as { Federated?: unknown } | undefined;
  return strings(principal?.Federated).some((federated) => {
    if (federated.includes(GITHUB_OIDC_HOST)) return true;
    const ref = /aws_iam_openid_connect_provider\.([A-Za-z0-9_-]+)\./.exec(federated);
    const provider = ref ? context.get(`aws_iam_openid_connect_provider.${ref[1]}`) : undefined;
    return typeof provider?.config.url === 'string' && provider.config.url.includes(GITHUB_OIDC_HOST);
  });
}

/** The `sub` values a role's GitHub trust statements allow; undefined when GitHub does not assume it. */
export function githubSubjects(role: ResourceView, context: RuleContext): string[] | undefined {
  const parsed = parsePolicy(role.config.assume_role_policy);
  if (!parsed.ok) return undefined;
  const github = parsed.statements.filter((statement) => statement.effect === 'Allow' && federatedByGithub(statement, context));
  if (github.length === 0) return undefined;
  return github.flatMap((statement) =>
    ['StringEquals', 'StringLike'].flatMap((operator) => strings(statement.condition[operator]?.[`${GITHUB_OIDC_HOST}:sub`])),
  );
}

/** A subject of a job in a GitHub Environment (where reviewers and branch rules apply). */
export function isEnvironmentSubject(subject: string): boolean {
  return /^repo:[^:]+:environment:[^*?]+$/.test(subject);
}

/** The identity-policy documents and managed policy ARNs attached to a role in this stack. */
export function policiesOfRole(role: ResourceView, context: RuleContext): { documents: { label: string; document: unknown }[]; managed: string[] } {
  const attachedTo = (value: unknown) => referencedAddresses(value, 'aws_iam_role').includes(role.address);
  const documents = context
    .ofType('aws_iam_role_policy')
    .filter((policy) => attachedTo(policy.config.role))
    .map((policy) => ({ label: policy.address, document: policy.config.policy }));
  const managed: string[] = [];
  for (const attachment of context.ofType('aws_iam_role_policy_attachment').filter((a) => attachedTo(a.config.role))) {
    const arn = attachment.config.policy_arn;
    const local = referencedAddresses(arn, 'aws_iam_policy')[0];
    const policy = local ? context.get(local) : undefined;
    if (policy) documents.push({ label: policy.address, document: policy.config.policy });
    else managed.push(...strings(arn));
  }
  managed.push(...strings(role.config.managed_policy_arns));
  return { documents, managed };
}

/** The Allow statements of a role's policies (unparseable documents are reported as problems). */
export function allowStatementsOfRole(role: ResourceView, context: RuleContext): { statements: Statement[]; problems: string[] } {
  const statements: Statement[] = [];
  const problems: string[] = [];
  for (const { label, document } of policiesOfRole(role, context).documents) {
    const parsed = parsePolicy(document);
    if (!parsed.ok) problems.push(`${label}: ${parsed.reason}`);
    else statements.push(...parsed.statements.filter((statement) => statement.effect === 'Allow'));
  }
  return { statements, problems };
}

/** The access levels (the AWS action dataset's) an action or pattern reaches, all of them for a pattern. */
export function accessLevelsOf(action: string): string[] {
  const actions = /[*?]/.test(action) ? expandActionPattern(action) : [action];
  return [...new Set(actions.flatMap((name) => {
    try {
      return actionAccessLevel(name);
    } catch {
      return ['Unknown'];
    }
  }))];
}
