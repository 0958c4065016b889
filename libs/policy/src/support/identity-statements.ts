/** Runs a check over every Allow statement of every identity policy a resource carries. */
import type { ResourceView, RuleResult } from '../types';
import { compliant, nonCompliant, notApplicable } from '../types';
import { identityPolicies, parsePolicy, type Statement, statementName } from './iam';

export function checkAllowStatements(resource: ResourceView, problem: (statement: Statement) => string | undefined): RuleResult {
  const documents = identityPolicies(resource.type, resource.config);
  if (documents.length === 0) return notApplicable();
  const problems: string[] = [];
  for (const { label, document } of documents) {
    const parsed = parsePolicy(document);
    if (!parsed.ok) {
      problems.push(`${label}: ${parsed.reason}`);
      continue;
    }
    parsed.statements.forEach((statement, index) => {
      if (statement.effect !== 'Allow') return;
      const found = problem(statement);
      if (found) problems.push(`${label} ${statementName(statement, index)}: ${found}`);
    });
  }
  return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
}
