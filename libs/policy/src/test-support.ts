/** Helpers for the rule specs: synthetic resources as they appear in cdk.tf.json. */
import { ruleContext } from './stack-view';
import { appliesTo, type PolicyRule, type ResourceView, type RuleResult, type Tier } from './types';

/** A resource `type.name` with the given synthesized attributes. */
export function res(type: string, name: string, config: Record<string, unknown> = {}): ResourceView {
  return { type, name, address: `${type}.${name}`, path: `test/${name}`, config };
}

/** `${type.name.attribute}`, as CDKTF writes a reference. */
export function ref(resource: ResourceView, attribute = 'id'): string {
  return `\${${resource.address}.${attribute}}`;
}

export function run(
  rule: PolicyRule,
  target: ResourceView,
  others: readonly ResourceView[] = [],
  tier: Tier = 'production',
  defaultTags: Readonly<Record<string, string>> = {},
): RuleResult {
  if (!appliesTo(rule, target.type)) throw new Error(`${rule.id} does not look at ${target.type}`);
  return rule.check(target, ruleContext('test', tier, [target, ...others], defaultTags));
}

export function expectCompliant(rule: PolicyRule, target: ResourceView, others: readonly ResourceView[] = [], tier: Tier = 'production'): void {
  expect(run(rule, target, others, tier)).toEqual({ status: 'compliant' });
}

export function expectNotApplicable(rule: PolicyRule, target: ResourceView, others: readonly ResourceView[] = [], tier: Tier = 'production'): void {
  expect(run(rule, target, others, tier)).toEqual({ status: 'not-applicable' });
}

export function expectViolation(
  rule: PolicyRule,
  target: ResourceView,
  reason: RegExp,
  others: readonly ResourceView[] = [],
  tier: Tier = 'production',
): void {
  const result = run(rule, target, others, tier);
  expect(result.status).toBe('non-compliant');
  if (result.status === 'non-compliant') expect(result.reason).toMatch(reason);
}

/** A task definition with the given containers (merged over a compliant container). */
export function taskDefinition(containers: Record<string, unknown>[], config: Record<string, unknown> = {}): ResourceView {
  return res('aws_ecs_task_definition', 'task', {
    family: 'svc',
    execution_role_arn: '${aws_iam_role.execution.arn}',
    task_role_arn: '${aws_iam_role.task.arn}',
    container_definitions: JSON.stringify(containers.map((c) => ({ ...GOOD_CONTAINER, ...c }))),
    ...config,
  });
}

export const GOOD_CONTAINER = {
  name: 'app',
  image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:' + 'a'.repeat(64),
  user: '1000:1000',
  readonlyRootFilesystem: true,
  privileged: false,
  logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/app', 'awslogs-region': 'eu-west-1' } },
  environment: [{ name: 'PORT', value: '8080' }],
  secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db' }],
};

/** An identity policy document. */
export function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
