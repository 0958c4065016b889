import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  deployRoleName,
  deploySubjects,
  githubRepository,
  githubTrustPolicy,
  imagePushStatements,
  planRoleName,
  roleArn,
  stateAccessStatements,
} from './github-ci-roles';
import { synthesize } from './synthesize';
import { loadWorkspace } from './workspace';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

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
  it('trusts main and the GitHub Environment outside production', () => {
    expect(deploySubjects(REPO, 'dev', false)).toEqual([`repo:${REPO}:environment:dev`, `repo:${REPO}:ref:refs/heads/main`]);
  });
  it('trusts only the GitHub Environment (and its required reviewers) in production', () => {
    expect(deploySubjects(REPO, 'prod', true)).toEqual([`repo:${REPO}:environment:prod`]);
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
  const actionsOn = (resource: string) =>
    statements.filter((s) => [s.Resource].flat().includes(resource)).flatMap((s) => [s.Action].flat());

  it('reads the state object but never writes it', () => {
    expect(actionsOn('arn:aws:s3:::state/ecs-platform/dev/terraform.tfstate')).toEqual(['s3:GetObject']);
  });
  it('writes and deletes only the .tflock object of S3 native locking', () => {
    const writers = statements.filter((s) => [s.Action].flat().some((a) => a === 's3:PutObject' || a === 's3:DeleteObject'));
    expect(writers.map((s) => s.Resource)).toEqual(['arn:aws:s3:::state/ecs-platform/dev/terraform.tfstate.tflock']);
  });
  it('locks through the DynamoDB table and uses the state key', () => {
    expect(actionsOn('arn:aws:dynamodb:eu-west-1:111111111111:table/lock')).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']),
    );
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
  const definitionOf = (env: string) => {
    const found = workspace.environments.get(env);
    if (!found) throw new Error(`environment ${env} is not valid`);
    return found.definition;
  };
  const registryDefinition = () => {
    if (!workspace.registry) throw new Error('the registry definition is not valid');
    return workspace.registry.definition;
  };
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

  const roles = (stack: Json): Json[] => Object.values(stack.resource.aws_iam_role ?? {});
  const role = (name: string): Json => {
    for (const stack of stacks.values()) {
      const found = roles(stack).find((r) => r.name === name);
      if (found) return found;
    }
    throw new Error(`no role ${name}`);
  };
  const subjects = (r: Json): string[] => JSON.parse(r.assume_role_policy).Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub'];

  it('gives every account one GitHub OIDC provider for STS', () => {
    expect(stacks.size).toBeGreaterThanOrEqual(4);
    for (const stack of stacks.values()) {
      expect(Object.values(stack.resource.aws_iam_openid_connect_provider)).toEqual([
        expect.objectContaining({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] }),
      ]);
    }
  });

  it('constrains aud and sub on token.actions.githubusercontent.com in every trust policy', () => {
    for (const stack of stacks.values()) {
      for (const r of roles(stack)) {
        const [statement, ...rest] = JSON.parse(r.assume_role_policy).Statement;
        expect(rest).toEqual([]);
        expect(statement.Action).toBe('sts:AssumeRoleWithWebIdentity');
        expect(statement.Principal.Federated).toMatch(/aws_iam_openid_connect_provider\..*\.arn/);
        expect(statement.Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
        expect(subjects(r).length).toBeGreaterThan(0);
        for (const subject of subjects(r)) expect(subject.startsWith(`repo:${REPO}:`)).toBe(true);
      }
    }
  });

  it.each(['dev', 'staging', 'prod'])('%s: a plan role for pull requests and a bounded deploy role', (env) => {
    expect(subjects(role(planRoleName(project, env)))).toEqual([`repo:${REPO}:pull_request`]);
    const deploy = role(deployRoleName(project, env));
    expect(deploy.permissions_boundary).toMatch(/aws_iam_policy\..*deploy-boundary.*\.arn/);
    const production = definitionOf(env).tier === 'production';
    expect(subjects(deploy)).toEqual(deploySubjects(REPO, env, production));
  });

  it('prod deploys only from its GitHub Environment, dev also from main', () => {
    expect(subjects(role(deployRoleName(project, 'prod')))).toEqual([`repo:${REPO}:environment:prod`]);
    expect(subjects(role(deployRoleName(project, 'dev')))).toContain(`repo:${REPO}:ref:refs/heads/main`);
  });

  it('has an image push role in the registry account only, usable only from main', () => {
    const registryAccount = registryDefinition().accountId;
    const pushRoles = [...stacks].filter(([, stack]) => roles(stack).some((r) => r.name === `${project}-image-push`)).map(([name]) => name);
    expect(pushRoles).toEqual([`bootstrap-${registryAccount}`]);
    expect(subjects(role(`${project}-image-push`))).toEqual([`repo:${REPO}:ref:refs/heads/main`]);
  });

  it('names the deploy role every definition assumes', () => {
    for (const { definition } of workspace.environments.values()) {
      expect(definition.deployRoleArn).toBe(roleArn(definition.accountId, deployRoleName(project, definition.name)));
    }
    const registry = registryDefinition();
    expect(registry.deployRoleArn).toBe(roleArn(registry.accountId, deployRoleName(project, 'registry')));
  });
});
