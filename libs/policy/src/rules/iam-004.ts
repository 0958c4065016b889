/**
 * IAM-004: roles trusted by GitHub Actions OIDC constrain the token: the audience
 * (`token.actions.githubusercontent.com:aud` = sts.amazonaws.com, StringEquals) and the
 * subject (`token.actions.githubusercontent.com:sub`, StringEquals or StringLike, every value
 * `repo:<owner>/<repo>:<something>` with a literal owner and repository and not just `:*`).
 * Equivalents: Checkov CKV_AWS_358 (GitHub Actions OIDC trust policies only allow safe
 * claims from a known organisation).
 */
import { strings } from '../support/attributes';
import { federatedByGithub, GITHUB_OIDC_HOST } from '../support/github';
import { parsePolicy, type Statement, statementName } from '../support/iam';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

const HOST = GITHUB_OIDC_HOST;
const SUBJECT = /^repo:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:(.+)$/;

function conditionValues(statement: Statement, operators: readonly string[], key: string): string[] | undefined {
  const found = operators.map((operator) => statement.condition[operator]?.[key]).filter((value) => value !== undefined);
  return found.length > 0 ? found.flatMap((value) => strings(value)) : undefined;
}

function subjectProblem(subject: string): string | undefined {
  const match = SUBJECT.exec(subject);
  if (!match) return `subject "${subject}" does not name one owner/repository`;
  return match[1] === '*' ? `subject "${subject}" allows any ref of the repository` : undefined;
}

export const iam004: PolicyRule = {
  id: 'IAM-004',
  description: 'GitHub OIDC trust policies constrain aud (sts.amazonaws.com) and sub (one repository, specific refs)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_iam_role'],
  equivalents: ['Checkov CKV_AWS_358'],
  check: (role, context) => {
    const parsed = parsePolicy(role.config.assume_role_policy);
    if (!parsed.ok) return nonCompliant(`assume_role_policy: ${parsed.reason}`);
    const github = parsed.statements
      .map((statement, index) => ({ statement, index }))
      .filter(({ statement }) => statement.effect === 'Allow' && federatedByGithub(statement, context));
    if (github.length === 0) return notApplicable();
    const problems = github.flatMap(({ statement, index }) => {
      const name = statementName(statement, index);
      const audiences = conditionValues(statement, ['StringEquals'], `${HOST}:aud`);
      const subjects = conditionValues(statement, ['StringEquals', 'StringLike'], `${HOST}:sub`);
      const found: string[] = [];
      if (!audiences || audiences.length === 0 || audiences.some((aud) => aud !== 'sts.amazonaws.com')) {
        found.push(`${name}: aud is not constrained to sts.amazonaws.com with StringEquals`);
      }
      if (!subjects || subjects.length === 0) found.push(`${name}: sub is not constrained`);
      else found.push(...subjects.flatMap((subject) => subjectProblem(subject) ?? []).map((p) => `${name}: ${p}`));
      return found;
    });
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
