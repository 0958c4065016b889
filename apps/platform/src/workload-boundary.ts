/**
 * Every IAM role of an environment stack carries the account's workload boundary
 * (`<project>-workload-boundary`, created by the bootstrap stack): the cap that keeps a role,
 * whatever its own policy says, from changing IAM, assuming CI roles or touching Terraform
 * state. Set as an aspect (libs/iam-policy), so roles that environment apps add in code get it
 * as well; the deploy role's boundary refuses to create a role without it, and the policy rule
 * IAM-005 checks every role of the stack before anything is applied.
 */
import { applyPermissionsBoundary } from '@ecs-platform/iam-policy';
import type { IConstruct } from 'constructs';
import { policyArn, workloadBoundaryName } from './github-ci-roles';

/** The workload boundary's ARN in an account. */
export function workloadBoundaryArn(accountId: string, project: string): string {
  return policyArn(accountId, workloadBoundaryName(project));
}

/** Gives every role under `scope` the workload boundary of `accountId`. */
export function applyWorkloadBoundary(scope: IConstruct, accountId: string, project: string): void {
  applyPermissionsBoundary(scope, workloadBoundaryArn(accountId, project));
}
