import { actionProblem, dataPlaneReadsIn, RESOURCE_ACCESS } from '@ecs-platform/iam-policy';
import type { Json } from '@ecs-platform/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  deployBoundaryName,
  deployRoleName,
  deploySubjects,
  githubRepository,
  githubTrustPolicy,
  imagePushStatements,
  planRoleName,
  roleArn,
  stateAccessStatements,
  workloadBoundaryName,
  workloadBoundaryStatements,
} from './github-ci-roles';
import { readPinned } from './pinned-addresses';
import { synthesize } from './synthesize';
import { loadWorkspace } from './workspace';

const repositoryRoot = path.resolve(__dirname, '../../..');
const REPO = 'acme-corp/ecs-platform';
const PROVIDER = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';

describe('githubTrustPolicy', () => {
  it('requires the STS audience and an exact subject', () => {
    const policy = JSON.parse(githubTrustPolicy(PROVIDER, [`repo:${REPO}:pull_request`]));
    expect(policy.Statement).toEqual([
      {
        Sid: 'TrustGitHubActions',
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': [`repo:${REPO}:pull_request`],
          },
        },
      },
    ]);
  });

  it('matches wildcard subjects with StringLike, and still requires the audience', () => {
    const condition = JSON.parse(githubTrustPolicy(PROVIDER, [`repo:${REPO}:environment:*`])).Statement[0].Condition;
    expect(condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': [`repo:${REPO}:environment:*`] },
    });
  });

  it('refuses a policy without subjects: that would trust every repository on GitHub', () => {
    expect(() => githubTrustPolicy(PROVIDER, [])).toThrow('at least one subject');
  });
});

describe('deploySubjects', () => {
  it('trusts only the GitHub Environment of the stack, in every tier: a job on main without it gets nothing', () => {
    expect(deploySubjects(REPO, 'dev')).toEqual([`repo:${REPO}:environment:dev`]);
    expect(deploySubjects(REPO, 'prod')).toEqual([`repo:${REPO}:environment:prod`]);
  });
});

describe('githubRepository', () => {
  it('reads owner/repo from the platform repository setting', () => {
    expect(githubRepository('github.com/acme-corp/ecs-platform')).toBe(REPO);
    expect(() => githubRepository('gitlab.com/acme-corp/ecs-platform')).toThrow('is not github.com/<owner>/<repo>');
  });
});

describe('plan role state access', () => {
  const statements = stateAccessStatements({
    bucketArn: 'arn:aws:s3:::state',
    lockTableArn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/lock',
    keyArn: 'arn:aws:kms:eu-west-1:111111111111:key/k',
    stateKey: 'ecs-platform/dev/terraform.tfstate',
  });
  const actionsOn = (resource: string) => statements.filter((s) => [s.Resource].flat().includes(resource)).flatMap((s) => [s.Action].flat());

  it('reads the state object but never writes it', () => {
    expect(actionsOn('arn:aws:s3:::state/ecs-platform/dev/terraform.tfstate')).toEqual(['s3:GetObject']);
  });
  it('writes and deletes only the .tflock object of S3 native locking', () => {
    const writers = statements.filter((s) => [s.Action].flat().some((a) => a === 's3:PutObject' || a === 's3:DeleteObject'));
    expect(writers.map((s) => s.Resource)).toEqual(['arn:aws:s3:::state/ecs-platform/dev/terraform.tfstate.tflock']);
  });
  it('locks through its own items of the DynamoDB table and uses the state key', () => {
    const lock = statements.find((s) => s.Sid === 'DynamoDbLock');
    expect(lock?.Action).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']));
    expect(lock?.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['state/ecs-platform/dev/terraform.tfstate', 'state/ecs-platform/dev/terraform.tfstate-md5'] },
    });
    expect(actionsOn('arn:aws:kms:eu-west-1:111111111111:key/k')).toEqual(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']);
  });
});

describe('image push statements', () => {
  it('push to the named repositories only; only the login token is account-wide', () => {
    const statements = imagePushStatements(['arn:aws:ecr:eu-central-1:1:repository/sample-service']);
    const wide = statements.filter((s) => s.Resource === '*');
    expect(wide.map((s) => s.Action)).toEqual(['ecr:GetAuthorizationToken']);
    expect(statements.find((s) => s.Action.includes('ecr:PutImage'))?.Resource).toEqual(['arn:aws:ecr:eu-central-1:1:repository/sample-service']);
  });
});

describe('bootstrap stacks of the real workspace', () => {
  const workspace = loadWorkspace(repositoryRoot);
  const project = workspace.settings?.project ?? 'missing-settings';
  const registryDefinition = () => {
    if (!workspace.registry) throw new Error('the registry definition is not valid');
    return workspace.registry.definition;
  };
  /** Every CI stack with its account: the environments, and the registry. */
  const ciStacks = (): Array<{ name: string; accountId: string; operators: readonly string[] }> => [
    ...[...workspace.environments.values()].map(({ definition }) => ({ name: definition.name, accountId: definition.accountId, operators: definition.operators ?? [] })),
    { name: 'registry', accountId: registryDefinition().accountId, operators: registryDefinition().operators ?? [] },
  ];
  let outdir: string;
  const stacks = new Map<string, Json>();

  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-ci-roles-'));
    const result = synthesize({ root: repositoryRoot, outdir });
    for (const name of result.synthesized.filter((stack) => stack.startsWith('bootstrap-'))) {
      stacks.set(name, JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')));
    }
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const values = (stack: Json, type: string): Json[] => Object.values(stack.resource[type] ?? {});
  const role = (name: string): Json => {
    for (const stack of stacks.values()) {
      const found = values(stack, 'aws_iam_role').find((r) => r.name === name);
      if (found) return found;
    }
    throw new Error(`no role ${name}`);
  };
  const inlinePolicies = (roleName: string): Json[] => {
    for (const stack of stacks.values()) {
      const found = values(stack, 'aws_iam_role').find((r) => r.name === roleName);
      if (!found) continue;
      const id = Object.entries<Json>(stack.resource.aws_iam_role).find(([, r]) => r === found)?.[0];
      return values(stack, 'aws_iam_role_policy').filter((p) => p.role === `\${aws_iam_role.${id}.id}`).map((p) => JSON.parse(p.policy));
    }
    throw new Error(`no role ${roleName}`);
  };
  const trust = (r: Json): Json[] => JSON.parse(r.assume_role_policy).Statement;
  const githubSubjects = (r: Json): string[] =>
    trust(r).filter((s) => s.Principal.Federated).flatMap((s) => s.Condition.StringEquals['token.actions.githubusercontent.com:sub']);

  it('gives every account one GitHub OIDC provider for STS (or trusts the one it has)', () => {
    expect(stacks.size).toBe(new Set(ciStacks().map((s) => s.accountId)).size);
    for (const [name, stack] of stacks) {
      const existing = workspace.settings?.bootstrap.existingGithubOidcProviderAccounts.includes(name.replace('bootstrap-', ''));
      expect(values(stack, 'aws_iam_openid_connect_provider')).toEqual(
        existing ? [] : [expect.objectContaining({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] })],
      );
    }
  });

  it('constrains aud and sub on token.actions.githubusercontent.com in every GitHub trust statement', () => {
    for (const stack of stacks.values()) {
      for (const r of values(stack, 'aws_iam_role')) {
        const statements = trust(r).filter((s) => s.Principal.Federated);
        expect(statements).toHaveLength(1);
        expect(statements[0].Action).toBe('sts:AssumeRoleWithWebIdentity');
        expect(statements[0].Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
        for (const subject of githubSubjects(r)) expect(subject.startsWith(`repo:${REPO}:`)).toBe(true);
      }
    }
  });

  it.each(ciStacks().map((s) => [s.name, s]))('%s: a plan role for pull requests without ReadOnlyAccess, covering every resource type of the stack', (name) => {
    const plan = role(planRoleName(project, name));
    expect(githubSubjects(plan)).toEqual([`repo:${REPO}:pull_request`]);
    for (const stack of stacks.values()) {
      expect(values(stack, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).not.toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
    }
    const granted = inlinePolicies(planRoleName(project, name)).flatMap((policy) => policy.Statement).flatMap((s: Json) => [s.Action].flat());
    // Every refresh read of every resource type the stack holds (its pinned addresses).
    const types = [...new Set((readPinned(repositoryRoot, name) ?? []).map((address) => address.split('.')[0]))];
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) {
      expect([type, RESOURCE_ACCESS[type] !== undefined]).toEqual([type, true]);
      for (const action of RESOURCE_ACCESS[type].refreshReads) expect([type, granted.includes(action)]).toEqual([type, true]);
    }
    for (const action of granted) expect([action, actionProblem(action)]).toEqual([action, undefined]);
  });

  it.each(ciStacks().map((s) => [s.name, s]))('%s: the plan role reads no data but its own state, lock and buckets', (name) => {
    const statements: Json[] = inlinePolicies(planRoleName(project, name)).flatMap((policy) => policy.Statement);
    for (const statement of statements) {
      const dataReads = dataPlaneReadsIn([statement.Action].flat());
      if (dataReads.length === 0) continue;
      const resources = [statement.Resource].flat() as string[];
      expect([statement.Sid, resources.includes('*')]).toEqual([statement.Sid, false]);
      if (statement.Sid === 'ListStateKey') {
        // Listing the state bucket only under its own key: no other stack's names.
        expect(statement.Condition).toEqual({
          StringLike: { 's3:prefix': [`${project}/${name}/terraform.tfstate`, `${project}/${name}/terraform.tfstate.tflock`] },
        });
        continue;
      }
      if (statement.Sid === 'DynamoDbLock') {
        // The lock table only for its own lock items.
        expect(statement.Condition['ForAllValues:StringEquals']['dynamodb:LeadingKeys']).toEqual([
          expect.stringMatching(new RegExp(`/${project}/${name}/terraform\\.tfstate$`)),
          expect.stringMatching(new RegExp(`/${project}/${name}/terraform\\.tfstate-md5$`)),
        ]);
        continue;
      }
      for (const resource of resources) {
        expect([statement.Sid, resource]).toEqual([
          statement.Sid,
          expect.stringMatching(new RegExp(`(/${project}/${name}/terraform\\.tfstate(\\.tflock)?$)|(^arn:aws:s3:::${name}-\\*$)|(^\\$\\{aws_kms_key\\.)|(^arn:aws:ssm:\\*:\\d{12}:parameter/${name}/\\*$)`)),
        ]);
      }
    }
  });

  it.each(ciStacks().map((s) => [s.name, s]))('%s: a deploy role without AdministratorAccess, trusted by its GitHub Environment and the operators, inside its own boundary', (name, stack) => {
    const deploy = role(deployRoleName(project, name));
    expect(githubSubjects(deploy)).toEqual([`repo:${REPO}:environment:${name}`]);
    expect(trust(deploy).find((s) => s.Sid === 'TrustOperators')).toEqual({
      Sid: 'TrustOperators',
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${stack.accountId}:root`, ...stack.operators] },
      Action: 'sts:AssumeRole',
    });
    expect(deploy.permissions_boundary).toMatch(new RegExp(`aws_iam_policy\\..*deploy-boundary-${name}_.*\\.arn`));
    for (const s of stacks.values()) {
      expect(values(s, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).not.toContain('arn:aws:iam::aws:policy/AdministratorAccess');
    }
    const statements: Json[] = inlinePolicies(deployRoleName(project, name)).flatMap((policy) => policy.Statement);
    // IAM only on the stack's own names; PassRole only to its own roles.
    for (const statement of statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('iam:') && a !== 'iam:CreateServiceLinkedRole'))) {
      for (const resource of [statement.Resource].flat()) expect(resource).toMatch(new RegExp(`^arn:aws:iam::${stack.accountId}:(role|policy|instance-profile)/${name}-\\*$`));
    }
  });

  it('bounds every deploy role: no role without the workload boundary, no other stack\'s state', () => {
    for (const stack of stacks.values()) {
      for (const boundary of values(stack, 'aws_iam_policy').filter((p) => p.name.startsWith(`${project}-deploy-boundary-`))) {
        const statements: Json[] = JSON.parse(boundary.policy).Statement;
        expect(statements.find((s) => s.Sid === 'RolesOnlyWithTheWorkloadBoundary')?.Condition).toEqual({
          StringNotEquals: { 'iam:PermissionsBoundary': expect.stringMatching(new RegExp(`:policy/${workloadBoundaryName(project)}$`)) },
        });
        expect(statements.find((s) => s.Sid === 'KeepBoundaries')).toMatchObject({ Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary' });
        expect(statements.find((s) => s.Sid === 'OtherStacksLocks')).toMatchObject({ Effect: 'Deny' });
        const stackName = boundary.name.replace(`${project}-deploy-boundary-`, '');
        expect(boundary.name).toBe(deployBoundaryName(project, stackName));
      }
    }
  });

  it('has an image push role in the registry account only, usable only from main', () => {
    const registryAccount = registryDefinition().accountId;
    const pushRoles = [...stacks].filter(([, stack]) => values(stack, 'aws_iam_role').some((r) => r.name === `${project}-image-push`)).map(([name]) => name);
    expect(pushRoles).toEqual([`bootstrap-${registryAccount}`]);
    expect(githubSubjects(role(`${project}-image-push`))).toEqual([`repo:${REPO}:ref:refs/heads/main`]);
  });

  it('names the deploy role every definition assumes', () => {
    for (const { definition } of workspace.environments.values()) {
      expect(definition.deployRoleArn).toBe(roleArn(definition.accountId, deployRoleName(project, definition.name)));
    }
    const registry = registryDefinition();
    expect(registry.deployRoleArn).toBe(roleArn(registry.accountId, deployRoleName(project, 'registry')));
  });
});

describe('workloadBoundaryStatements', () => {
  const statements = workloadBoundaryStatements({
    accountId: '456789012345',
    project: 'ecs-platform',
    state: {
      bucketArn: 'arn:aws:s3:::acme-tfstate',
      lockTableArn: 'arn:aws:dynamodb:eu-central-1:456789012345:table/acme-tflock',
      keyArn: 'arn:aws:kms:eu-central-1:456789012345:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    },
  });
  const bySid = (sid: string) => statements.find((statement) => statement.Sid === sid);

  it('lets a role pass roles to ECS tasks only (a job\'s scheduler role), never a CI role, and change no IAM', () => {
    expect(bySid('PassRolesOnlyToEcsTasks')).toEqual({
      Sid: 'PassRolesOnlyToEcsTasks',
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringNotEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
    expect(bySid('NoPassingCiRoles')).toEqual({ Sid: 'NoPassingCiRoles', Effect: 'Deny', Action: 'iam:PassRole', Resource: 'arn:aws:iam::456789012345:role/ecs-platform-*' });
    expect(bySid('NoIamChanges')?.Action).toEqual(expect.arrayContaining(['iam:Create*', 'iam:Put*', 'iam:Attach*', 'iam:Update*']));
    expect(bySid('NoIamChanges')?.Action).not.toContain('iam:PassRole');
  });
});
