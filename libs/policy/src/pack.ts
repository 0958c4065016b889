/** The platform's rule pack: every rule, in id order. docs/policy.md lists them. */
import { alb001 } from './rules/alb-001';
import { alb002 } from './rules/alb-002';
import { alb003 } from './rules/alb-003';
import { alb004 } from './rules/alb-004';
import { alb005 } from './rules/alb-005';
import { alb006 } from './rules/alb-006';
import { alb007 } from './rules/alb-007';
import { alb008 } from './rules/alb-008';
import { cache001 } from './rules/cache-001';
import { ci001 } from './rules/ci-001';
import { ci002 } from './rules/ci-002';
import { cw001 } from './rules/cw-001';
import { ddb001 } from './rules/ddb-001';
import { ddb002 } from './rules/ddb-002';
import { ddb003 } from './rules/ddb-003';
import { ec2001 } from './rules/ec2-001';
import { ec2002 } from './rules/ec2-002';
import { ec2003 } from './rules/ec2-003';
import { ec2004 } from './rules/ec2-004';
import { ec2005 } from './rules/ec2-005';
import { ec2006 } from './rules/ec2-006';
import { ecr001 } from './rules/ecr-001';
import { ecr002 } from './rules/ecr-002';
import { ecr003 } from './rules/ecr-003';
import { ecr004 } from './rules/ecr-004';
import { ecs001 } from './rules/ecs-001';
import { ecs002 } from './rules/ecs-002';
import { ecs003 } from './rules/ecs-003';
import { ecs004 } from './rules/ecs-004';
import { ecs005 } from './rules/ecs-005';
import { ecs006 } from './rules/ecs-006';
import { ecs007 } from './rules/ecs-007';
import { ecs008 } from './rules/ecs-008';
import { ecs009 } from './rules/ecs-009';
import { ecs010 } from './rules/ecs-010';
import { ecs011 } from './rules/ecs-011';
import { ecs012 } from './rules/ecs-012';
import { ecs013 } from './rules/ecs-013';
import { ecs014 } from './rules/ecs-014';
import { ecs015 } from './rules/ecs-015';
import { ecs016 } from './rules/ecs-016';
import { ecs017 } from './rules/ecs-017';
import { ecs018 } from './rules/ecs-018';
import { ecs019 } from './rules/ecs-019';
import { iam001 } from './rules/iam-001';
import { iam002 } from './rules/iam-002';
import { iam003 } from './rules/iam-003';
import { iam004 } from './rules/iam-004';
import { iam005 } from './rules/iam-005';
import { iam006 } from './rules/iam-006';
import { kms001 } from './rules/kms-001';
import { life001 } from './rules/life-001';
import { log001 } from './rules/log-001';
import { log002 } from './rules/log-002';
import { net001 } from './rules/net-001';
import { net002 } from './rules/net-002';
import { net003 } from './rules/net-003';
import { net004 } from './rules/net-004';
import { net005 } from './rules/net-005';
import { rds001 } from './rules/rds-001';
import { rds002 } from './rules/rds-002';
import { rds003 } from './rules/rds-003';
import { rds004 } from './rules/rds-004';
import { rds005 } from './rules/rds-005';
import { rds006 } from './rules/rds-006';
import { rds007 } from './rules/rds-007';
import { rds008 } from './rules/rds-008';
import { s3001 } from './rules/s3-001';
import { s3002 } from './rules/s3-002';
import { s3003 } from './rules/s3-003';
import { s3004 } from './rules/s3-004';
import { s3005 } from './rules/s3-005';
import { sched001 } from './rules/sched-001';
import { sched002 } from './rules/sched-002';
import { secret001 } from './rules/secret-001';
import { sm001 } from './rules/sm-001';
import { sns001 } from './rules/sns-001';
import { sns002 } from './rules/sns-002';
import { sqs001 } from './rules/sqs-001';
import { sqs002 } from './rules/sqs-002';
import { sqs003 } from './rules/sqs-003';
import { state001 } from './rules/state-001';
import type { PolicyRule } from './types';

export const ECS_PLATFORM_RULES: readonly PolicyRule[] = [
  alb001,
  alb002,
  alb003,
  alb004,
  alb005,
  alb006,
  alb007,
  alb008,
  cache001,
  ci001,
  ci002,
  cw001,
  ddb001,
  ddb002,
  ddb003,
  ec2001,
  ec2002,
  ec2003,
  ec2004,
  ec2005,
  ec2006,
  ecr001,
  ecr002,
  ecr003,
  ecr004,
  ecs001,
  ecs002,
  ecs003,
  ecs004,
  ecs005,
  ecs006,
  ecs007,
  ecs008,
  ecs009,
  ecs010,
  ecs011,
  ecs012,
  ecs013,
  ecs014,
  ecs015,
  ecs016,
  ecs017,
  ecs018,
  ecs019,
  iam001,
  iam002,
  iam003,
  iam004,
  iam005,
  iam006,
  kms001,
  life001,
  log001,
  log002,
  net001,
  net002,
  net003,
  net004,
  net005,
  rds001,
  rds002,
  rds003,
  rds004,
  rds005,
  rds006,
  rds007,
  rds008,
  s3001,
  s3002,
  s3003,
  s3004,
  s3005,
  sched001,
  sched002,
  secret001,
  sm001,
  sns001,
  sns002,
  sqs001,
  sqs002,
  sqs003,
  state001,
];

/** The rule with this id, or undefined. */
export function findRule(id: string, rules: readonly PolicyRule[] = ECS_PLATFORM_RULES): PolicyRule | undefined {
  return rules.find((rule) => rule.id === id);
}
