import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Match, Template, testStack } from '@ecs-platform/testing';
import { applyPermissionsBoundary } from './permissions-boundary';

describe('applyPermissionsBoundary', () => {
  it('bounds every role without a boundary, including roles added after it, and keeps a role its own', () => {
    const stack = testStack();
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    new IamRole(stack, 'task', { name: 'task', assumeRolePolicy: trust });
    applyPermissionsBoundary(stack, 'arn:aws:iam::123456789012:policy/workload-boundary');
    new IamRole(stack, 'added-later', { name: 'later', assumeRolePolicy: trust });
    new IamRole(stack, 'own', { name: 'own', assumeRolePolicy: trust, permissionsBoundary: 'arn:aws:iam::123456789012:policy/other' });
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_iam_role', 'task', { permissions_boundary: 'arn:aws:iam::123456789012:policy/workload-boundary' });
    template.resourceMatches('aws_iam_role', 'added-later', { permissions_boundary: 'arn:aws:iam::123456789012:policy/workload-boundary' });
    template.resourceMatches('aws_iam_role', 'own', { permissions_boundary: 'arn:aws:iam::123456789012:policy/other' });
    expect(Object.keys(template.findResources('aws_iam_role', { permissions_boundary: Match.absent() }))).toEqual([]);
  });
});
