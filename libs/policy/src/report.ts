/** Human-readable policy reports: the synthesis error and `npm run policy`. */
import { describeTarget, type StackReport, violations } from './evaluate';

/** The error message of a stack with violations: stack, rule, address, construct path, why. */
export function formatViolations(report: StackReport): string {
  const found = violations(report);
  const lines = [
    `Policy: ${found.length} violation${found.length === 1 ? '' : 's'} in stack "${report.stack}" (tier ${report.tier}):`,
    ...found.map(
      (v) => `  ${v.rule.id} [${v.rule.severity}] ${v.address} (${v.path}): ${v.reason}\n      rule: ${v.rule.description}`,
    ),
    `Fix the resource, or accept the exception where it is built: suppress(resourceOrConstruct, '<rule>' or ['<rule>', ...], '<reason>') (docs/policy.md).`,
  ];
  return lines.join('\n');
}

export interface ReportTotals {
  readonly stacks: number;
  readonly passed: number;
  readonly failed: number;
  readonly suppressed: number;
  readonly notApplicable: number;
  /** Resource types no rule covers (accepted ones excluded), across the stacks, sorted. */
  readonly uncoveredTypes: readonly string[];
}

export function totals(reports: readonly StackReport[]): ReportTotals {
  const sum = (pick: (r: StackReport['rules'][number]) => number) =>
    reports.reduce((acc, report) => acc + report.rules.reduce((inner, rule) => inner + pick(rule), 0), 0);
  return {
    stacks: reports.length,
    passed: sum((r) => r.passed.length),
    failed: sum((r) => r.failed.length),
    suppressed: sum((r) => r.suppressed.length),
    notApplicable: sum((r) => r.notApplicable),
    uncoveredTypes: [...new Set(reports.flatMap((report) => report.uncoveredTypes.filter((u) => u.accepted === undefined).map((u) => u.type)))].sort(),
  };
}

/**
 * One stack: a line per rule with something to check, then the rules with nothing to check,
 * the resource types no rule covers, and unused suppressions.
 */
export function formatStackReport(report: StackReport): string {
  const lines = [`${report.stack} (tier ${report.tier})`];
  const idle: string[] = [];
  const notEnforced: string[] = [];
  for (const rule of report.rules) {
    const checked = rule.passed.length + rule.failed.length + rule.suppressed.length;
    if (!rule.enforced) {
      notEnforced.push(rule.rule.id);
      continue;
    }
    if (checked === 0) {
      idle.push(rule.notApplicable > 0 ? `${rule.rule.id} (${rule.notApplicable})` : rule.rule.id);
      continue;
    }
    const status = rule.failed.length > 0 ? 'FAIL' : rule.suppressed.length > 0 ? 'ok*' : 'ok';
    lines.push(
      `  ${status.padEnd(4)} ${rule.rule.id.padEnd(8)} passed ${String(rule.passed.length).padStart(3)}  failed ${String(rule.failed.length).padStart(2)}  suppressed ${String(rule.suppressed.length).padStart(2)}  n/a ${String(rule.notApplicable).padStart(2)}  ${rule.rule.description}`,
    );
    for (const failure of rule.failed) lines.push(`         x ${failure.address} (${failure.path}): ${failure.reason}`);
    for (const s of rule.suppressed) {
      const via = s.suppressedBy === s.address ? '' : ` [by ${s.suppressedBy}]`;
      lines.push(`         ~ ${s.address} (${s.path}) suppressed${via}: ${s.justification}`);
    }
  }
  if (idle.length > 0) lines.push(`  n/a  no resource to check: ${idle.join(', ')}`);
  if (notEnforced.length > 0) lines.push(`  --   not enforced in tier ${report.tier}: ${notEnforced.join(', ')}`);
  const uncovered = report.uncoveredTypes.filter((u) => u.accepted === undefined);
  const accepted = report.uncoveredTypes.filter((u) => u.accepted !== undefined);
  if (uncovered.length > 0) {
    const marker = report.uncoveredTypesMode === 'fail' ? 'FAIL' : '??';
    lines.push(`  ${marker.padEnd(4)} no rule covers ${uncovered.length} resource type${uncovered.length === 1 ? '' : 's'}: ${uncovered.map((u) => `${u.type} (${u.addresses.length})`).join(', ')}`);
  }
  if (accepted.length > 0) lines.push(`  --   accepted without a rule: ${accepted.map((u) => `${u.type} (${u.addresses.length})`).join(', ')}`);
  for (const unused of report.unusedSuppressions) {
    lines.push(`  note unused suppression ${unused.rule} on ${describeTarget(unused.target)}: ${unused.reason}`);
  }
  return lines.join('\n');
}

/** The closing lines of `npm run policy`: the types no rule covers, then the totals. */
export function formatTotals(reports: readonly StackReport[]): string {
  const t = totals(reports);
  const lines: string[] = [];
  if (t.uncoveredTypes.length > 0) lines.push(`Resource types no rule covers (${t.uncoveredTypes.length}): ${t.uncoveredTypes.join(', ')}`);
  lines.push(`Total: ${t.stacks} stacks, ${t.passed} passed, ${t.failed} failed, ${t.suppressed} suppressed, ${t.notApplicable} not applicable`);
  return lines.join('\n');
}
