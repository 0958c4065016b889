/**
 * ECS-011: no secret in plain container environment variables; secrets come through
 * `secrets[].valueFrom` (docs/design.md decision 8). A variable fails when its name looks like a
 * secret (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIAL…) unless its
 * value is a reference (an ARN, or a *_ARN / *_NAME / *_ID / *_PATH name), or when its value
 * looks like a credential (AWS access key id, PEM key).
 * Equivalents: cdk-nag AwsSolutions-ECS2 (wider: any plain variable), Security Hub ECS.8,
 * Checkov secrets scanning (CKV_SECRET_*).
 */
import { checkContainers } from '../support/containers';
import { type PolicyRule } from '../types';

const SECRET_NAME = /(PASSW(OR)?D|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH_?DATA|CONNECTION_?STRING|DSN)/i;
const REFERENCE_NAME = /_(ARN|NAME|ID|PATH|PARAMETER|FILE)$/i;
const SECRET_VALUE = /((AKIA|ASIA)[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|:\/\/[^/\s:@]+:[^/\s@]+@)/;

export const ecs011: PolicyRule = {
  id: 'ECS-011',
  description: 'No secret-looking plain environment variables in containers (use secrets[].valueFrom)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['cdk-nag AwsSolutions-ECS2', 'Security Hub ECS.8', 'Checkov CKV_SECRET_*'],
  check: (task) =>
    checkContainers(task, (c) => {
      const suspicious = (c.environment ?? []).filter((variable) => {
        const name = String(variable.name ?? '');
        const value = String(variable.value ?? '');
        if (SECRET_VALUE.test(value)) return true;
        return SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) && !value.startsWith('arn:') && value !== '';
      });
      return suspicious.length > 0
        ? `environment ${suspicious.map((v) => String(v.name)).join(', ')} look like secrets; pass them as secrets[].valueFrom`
        : undefined;
    }),
};
