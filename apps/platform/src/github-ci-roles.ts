/**
 * GitHub Actions access to one AWS account through OIDC: the identity provider for
 * token.actions.githubusercontent.com and, per stack whose state lives in the account, a plan
 * role (read-only, for pull requests) and a deploy role (for main and the stack's GitHub
 * Environment). The registry's account also gets the image push role. docs/ci-cd.md explains
 * the GitHub side; tools/ci/stack-matrix.js derives the same role names.
 */
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { policyDocument, type Statement } from '@ecs-platform/iam-policy';
import { suppress } from '@ecs-platform/policy';
import { Construct } from 'constructs';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const STS_AUDIENCE = 'sts.amazonaws.com';
/** Read access for `terraform plan` (refresh reads every resource type the stacks use). */
export const READ_ONLY_POLICY_ARN = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
/** Deploy roles create and change anything a stack declares; the boundary below limits them. */
export const ADMINISTRATOR_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** Role names, predictable so that definitions and workflows can name them without lookups. */
export function planRoleName(project: string, stack: string): string {
  return `${project}-plan-${stack}`;
}
export function deployRoleName(project: string, stack: string): string {
  return `${project}-deploy-${stack}`;
}
export function imagePushRoleName(project: string): string {
  return `${project}-image-push`;
}
export function roleArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:role/${name}`;
}

/** `github.com/acme-corp/ecs-platform` (platform.yaml `repository`) -> `acme-corp/ecs-platform`. */
export function githubRepository(repository: string): string {
  const match = /^github\.com\/([^/]+\/[^/]+)$/.exec(repository);
  if (!match) throw new Error(`repository "${repository}" is not github.com/<owner>/<repo>; GitHub OIDC roles need one`);
  return match[1];
}

/** OIDC `sub` claims GitHub sends: a pull request, a branch, or a job in a GitHub Environment. */
export const githubSubject = {
  pullRequest: (repo: string) => `repo:${repo}:pull_request`,
  branch: (repo: string, branch: string) => `repo:${repo}:ref:refs/heads/${branch}`,
  environment: (repo: string, environment: string) => `repo:${repo}:environment:${environment}`,
};

/**
 * Trust policy for GitHub's OIDC tokens: the audience must be STS and the subject one of
 * `subjects`. StringEquals, not StringLike, unless a subject has a wildcard: an exact match
 * cannot be widened by a branch or environment name that happens to fit a pattern.
 */
export function githubTrustPolicy(providerArn: string, subjects: readonly string[]): string {
  if (subjects.length === 0) throw new Error('a GitHub trust policy needs at least one subject');
  const wildcard = subjects.some((subject) => /[*?]/.test(subject));
  return policyDocument([
    {
      Sid: 'TrustGitHubActions',
      Effect: 'Allow',
      Principal: { Federated: providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
          ...(wildcard ? {} : { [`${GITHUB_OIDC_HOST}:sub`]: subjects }),
        },
        ...(wildcard ? { StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: subjects } } : {}),
      },
    },
  ]);
}

/**
 * Who may deploy a stack: its GitHub Environment (where approvals and branch rules apply), and
 * for non-production stacks also any job on main. Production trusts only its Environment:
 * trusting main would let a main-branch job without `environment: prod` skip the required
 * reviewers (DESIGN.md decision 6, production is stricter by construction).
 */
export function deploySubjects(repo: string, stack: string, production: boolean): string[] {
  const environment = githubSubject.environment(repo, stack);
  return production ? [environment] : [environment, githubSubject.branch(repo, 'main')];
}

/** The state objects and lock of one stack, for the plan role. */
export interface StateLocation {
  readonly bucketArn: string;
  readonly lockTableArn: string;
  readonly keyArn: string;
  /** Object key of the stack's state, `<project>/<stack>/terraform.tfstate`. */
  readonly stateKey: string;
}

/**
 * What `terraform plan` needs of the state backend: read the stack's state object, take and
 * release the lock (DynamoDB item, and the `.tflock` object of S3 native locking: the only
 * object the plan role may write or delete), and use the KMS key that encrypts both.
 */
export function stateAccessStatements(state: StateLocation): Statement[] {
  const stateObject = `${state.bucketArn}/${state.stateKey}`;
  return [
    {
      Sid: 'ListStateKey',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: state.bucketArn,
      Condition: { StringLike: { 's3:prefix': [state.stateKey, `${state.stateKey}.tflock`] } },
    },
    { Sid: 'ReadState', Effect: 'Allow', Action: 's3:GetObject', Resource: stateObject },
    {
      Sid: 'S3NativeLock',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: `${stateObject}.tflock`,
    },
    {
      Sid: 'DynamoDbLock',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      Resource: state.lockTableArn,
    },
    {
      Sid: 'StateKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: state.keyArn,
    },
  ];
}

/** ECR actions a `docker push` (and reading the pushed digest back) needs on a repository. */
export const PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:CompleteLayerUpload',
  'ecr:DescribeImages',
  'ecr:InitiateLayerUpload',
  'ecr:PutImage',
  'ecr:UploadLayerPart',
];

/** Push to the named repositories only; the login token cannot be scoped to a resource. */
export function imagePushStatements(repositoryArns: readonly string[]): Statement[] {
  return [
    { Sid: 'RegistryLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    { Sid: 'PushToPlatformRepositories', Effect: 'Allow', Action: PUSH_ACTIONS, Resource: repositoryArns },
  ];
}

/**
 * The deploy roles' permissions boundary: everything, except rewriting the CI access itself
 * (so a deploy cannot widen who may deploy) and destroying the state storage (so a bad apply
 * cannot take the record of every other resource with it).
 */
export function deployBoundaryStatements(props: {
  readonly accountId: string;
  readonly project: string;
  readonly state: Omit<StateLocation, 'stateKey'>;
}): Statement[] {
  const { accountId, project } = props;
  const iam = (resource: string) => `arn:aws:iam::${accountId}:${resource}`;
  return [
    { Sid: 'AllowWhatTheRolePolicyAllows', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'ProtectCiAccess',
      Effect: 'Deny',
      Action: [
        'iam:AttachRolePolicy',
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:DeleteRolePermissionsBoundary',
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:AddClientIDToOpenIDConnectProvider',
        'iam:CreateOpenIDConnectProvider',
        'iam:DeleteOpenIDConnectProvider',
        'iam:RemoveClientIDFromOpenIDConnectProvider',
        'iam:UpdateOpenIDConnectProviderThumbprint',
      ],
      Resource: [
        iam(`role/${project}-plan-*`),
        iam(`role/${project}-deploy-*`),
        iam(`role/${imagePushRoleName(project)}`),
        iam(`policy/${project}-deploy-boundary`),
        iam(`oidc-provider/${GITHUB_OIDC_HOST}`),
      ],
    },
    {
      Sid: 'ProtectStateStorage',
      Effect: 'Deny',
      Action: [
        's3:DeleteBucket',
        's3:DeleteBucketPolicy',
        's3:PutBucketPolicy',
        's3:PutBucketVersioning',
        's3:PutEncryptionConfiguration',
        'dynamodb:DeleteTable',
        'kms:DisableKey',
        'kms:PutKeyPolicy',
        'kms:ScheduleKeyDeletion',
      ],
      Resource: [props.state.bucketArn, props.state.lockTableArn, props.state.keyArn],
    },
  ];
}

/** A stack whose state lives in this account and that CI plans and deploys. */
export interface CiStack {
  readonly name: string;
  /** Production stacks trust only their GitHub Environment for deploys. */
  readonly production: boolean;
  /** `<project>/<stack>/terraform.tfstate` */
  readonly stateKey: string;
}

export interface GithubCiRolesProps {
  readonly accountId: string;
  readonly project: string;
  /** `<owner>/<repo>` */
  readonly repository: string;
  readonly stacks: readonly CiStack[];
  readonly state: Omit<StateLocation, 'stateKey'>;
  /** Only in the registry's account: push access to these repositories. @default no push role */
  readonly imagePush?: { readonly region: string; readonly repositories: readonly string[] };
}

/** The OIDC provider and the CI roles of one account. */
export class GithubCiRoles extends Construct {
  readonly provider: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string, props: GithubCiRolesProps) {
    super(scope, id);
    // No thumbprint_list: optional since provider 5.x, and AWS validates GitHub's certificate
    // against its own trusted CAs for this host, ignoring thumbprints.
    this.provider = new IamOpenidConnectProvider(this, 'github', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [STS_AUDIENCE],
    });
    const boundary = new IamPolicy(this, 'deploy-boundary', {
      name: `${props.project}-deploy-boundary`,
      description: 'Permissions boundary of the CI deploy roles: no changes to CI access or state storage',
      policy: policyDocument(
        deployBoundaryStatements({ accountId: props.accountId, project: props.project, state: props.state }),
      ),
    });
    // A permissions boundary grants nothing: it caps what the deploy roles' own policies allow.
    const capsOnly = 'Permissions boundary, not a grant: it caps the deploy roles at everything except CI access and state storage.';
    for (const rule of ['IAM-001', 'IAM-002', 'IAM-003']) suppress(boundary, rule, capsOnly);
    for (const stack of props.stacks) {
      this.addPlanRole(props, stack);
      this.addDeployRole(props, stack, boundary.arn);
    }
    if (props.imagePush) this.addImagePushRole(props, props.imagePush);
  }

  private addPlanRole(props: GithubCiRolesProps, stack: CiStack): void {
    const role = new IamRole(this, `plan-${stack.name}`, {
      name: planRoleName(props.project, stack.name),
      description: `terraform plan of ${stack.name} from pull requests (read only, state lock)`,
      assumeRolePolicy: githubTrustPolicy(this.provider.arn, [githubSubject.pullRequest(props.repository)]),
      maxSessionDuration: 3600,
    });
    new IamRolePolicyAttachment(this, `plan-${stack.name}-read-only`, { role: role.name, policyArn: READ_ONLY_POLICY_ARN });
    new IamRolePolicy(this, `plan-${stack.name}-state`, {
      name: 'terraform-state',
      role: role.id,
      policy: policyDocument(stateAccessStatements({ ...props.state, stateKey: stack.stateKey })),
    });
  }

  private addDeployRole(props: GithubCiRolesProps, stack: CiStack, boundaryArn: string): void {
    const role = new IamRole(this, `deploy-${stack.name}`, {
      name: deployRoleName(props.project, stack.name),
      description: `terraform apply of ${stack.name} from its GitHub Environment`,
      assumeRolePolicy: githubTrustPolicy(this.provider.arn, deploySubjects(props.repository, stack.name, stack.production)),
      permissionsBoundary: boundaryArn,
      maxSessionDuration: 3600,
    });
    const admin = new IamRolePolicyAttachment(this, `deploy-${stack.name}-admin`, { role: role.name, policyArn: ADMINISTRATOR_POLICY_ARN });
    suppress(
      admin,
      'IAM-003',
      'terraform apply creates and changes any resource type the stack declares; the deploy boundary denies changes to CI access and state storage, and only the stack\'s GitHub Environment (plus main outside production) can assume the role.',
    );
  }

  private addImagePushRole(props: GithubCiRolesProps, push: NonNullable<GithubCiRolesProps['imagePush']>): void {
    const role = new IamRole(this, 'image-push', {
      name: imagePushRoleName(props.project),
      description: 'docker push of images built on main',
      assumeRolePolicy: githubTrustPolicy(this.provider.arn, [githubSubject.branch(props.repository, 'main')]),
      maxSessionDuration: 3600,
    });
    const repositoryArns = push.repositories.map((name) => `arn:aws:ecr:${push.region}:${props.accountId}:repository/${name}`);
    new IamRolePolicy(this, 'image-push-ecr', { name: 'ecr-push', role: role.id, policy: policyDocument(imagePushStatements(repositoryArns)) });
  }
}
