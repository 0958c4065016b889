/**
 * Every IAM role of an environment stack carries the account's workload boundary
 * (`<project>-workload-boundary`, created by the bootstrap stack): the cap that keeps a role,
 * whatever its own policy says, from changing IAM, assuming CI roles or touching Terraform
 * state. Set here as an aspect, so roles that environment apps add in code get it as well;
 * the deploy role's boundary refuses to create a role without it, and the policy rule IAM-005
 * checks every role of the stack before anything is applied.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Aspects, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { policyArn, workloadBoundaryName } from './github-ci-roles';

export class WorkloadBoundary implements IAspect {
  constructor(private readonly boundaryArn: string) {}

  visit(node: IConstruct): void {
    // The *Input getter is the configured value; the plain getter is always a reference token.
    if (node instanceof IamRole && node.permissionsBoundaryInput === undefined) node.permissionsBoundary = this.boundaryArn;
  }
}

/** The workload boundary's ARN in an account. */
export function workloadBoundaryArn(accountId: string, project: string): string {
  return policyArn(accountId, workloadBoundaryName(project));
}

/** Gives every role under `scope` the workload boundary of `accountId`. */
export function applyWorkloadBoundary(scope: IConstruct, accountId: string, project: string): void {
  Aspects.of(scope).add(new WorkloadBoundary(workloadBoundaryArn(accountId, project)));
}
