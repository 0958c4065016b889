/**
 * A permissions boundary on every IAM role under a scope, as an aspect: roles added later, by
 * any code, get it too. The platform gives every role of an environment stack the account's
 * workload boundary (`<project>-workload-boundary`, made by the bootstrap stack), which caps a
 * role, whatever its own policy says: no IAM changes, no CI roles, no Terraform state.
 * A role that sets its own boundary keeps it.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Aspects, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

export class PermissionsBoundary implements IAspect {
  constructor(private readonly boundaryArn: string) {}

  visit(node: IConstruct): void {
    // The *Input getter is the configured value; the plain getter is always a reference token.
    if (node instanceof IamRole && node.permissionsBoundaryInput === undefined) node.permissionsBoundary = this.boundaryArn;
  }
}

/** Gives every IAM role under `scope` that has none the permissions boundary `boundaryArn`. */
export function applyPermissionsBoundary(scope: IConstruct, boundaryArn: string): void {
  Aspects.of(scope).add(new PermissionsBoundary(boundaryArn));
}
