/**
 * LOG-001: log groups set their retention: at least 365 days in production (audit trail),
 * any explicit period elsewhere (never "never expire" by omission).
 * Equivalents: Checkov CKV_AWS_66 (retention specified), CKV_AWS_338 (at least one year),
 * cdk-nag NIST.800.53.R5 CloudWatchLogGroupRetentionPeriod.
 */
import { numberOf } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const PRODUCTION_LOG_RETENTION_DAYS = 365;

export const log001: PolicyRule = {
  id: 'LOG-001',
  description: `Log groups set retention_in_days (at least ${PRODUCTION_LOG_RETENTION_DAYS} in production)`,
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_cloudwatch_log_group'],
  equivalents: ['Checkov CKV_AWS_66, CKV_AWS_338', 'cdk-nag NIST.800.53.R5 CloudWatchLogGroupRetentionPeriod'],
  check: (group, context) => {
    const days = numberOf(group.config.retention_in_days);
    if (days === undefined || days <= 0) return nonCompliant('retention_in_days is not set (logs never expire)');
    if (context.tier === 'production' && days < PRODUCTION_LOG_RETENTION_DAYS) {
      return nonCompliant(`retention_in_days is ${days}; production keeps at least ${PRODUCTION_LOG_RETENTION_DAYS}`);
    }
    return compliant();
  },
};
