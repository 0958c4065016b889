/**
 * CI access to one AWS account: GitHub's OIDC identity provider for
 * token.actions.githubusercontent.com and, per stack whose state lives in the account, a plan
 * role (pull requests: reads what `terraform plan` refreshes, no data) and a deploy role (the
 * stack's GitHub Environment, and the account's operators: changes what the stack declares,
 * inside a boundary). The registry's account also gets the image push role. Every permission
 * is derived from the resource types of the stack (libs/iam-policy resource-access.ts); the
 * threat model is in docs/ci-cd.md. tools/ci/definitions.js derives the same role names.
 */
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { deployRoleServices, planRoleStatements, policyDocument, type Statement } from '@ecs-platform/iam-policy';
import { suppress } from '@ecs-platform/policy';
import { Construct } from 'constructs';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const STS_AUDIENCE = 'sts.amazonaws.com';

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
export function deployBoundaryName(project: string, stack: string): string {
  return `${project}-deploy-boundary-${stack}`;
}
/** The boundary every role an environment stack creates carries (apps/platform/src/workload-boundary.ts). */
export function workloadBoundaryName(project: string): string {
  return `${project}-workload-boundary`;
}
export function roleArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:role/${name}`;
}
export function policyArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:policy/${name}`;
}
export function githubOidcProviderArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
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
 * The statement trusting GitHub's OIDC tokens: the audience must be STS and the subject one
 * of `subjects`. StringEquals, not StringLike, unless a subject has a wildcard: an exact match
 * cannot be widened by a branch or environment name that happens to fit a pattern.
 */
export function githubTrustStatement(providerArn: string, subjects: readonly string[]): Statement {
  if (subjects.length === 0) throw new Error('a GitHub trust policy needs at least one subject');
  const wildcard = subjects.some((subject) => /[*?]/.test(subject));
  return {
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
  };
}

/** A trust policy with only the GitHub statement. */
export function githubTrustPolicy(providerArn: string, subjects: readonly string[]): string {
  return policyDocument([githubTrustStatement(providerArn, subjects)]);
}

/**
 * Who may deploy a stack from CI: a job in its GitHub Environment, and nothing else. The
 * Environment is where approvals and the main-only branch rule live; a subject such as
 * `ref:refs/heads/main` would let any job on main (one without `environment:`) skip them.
 */
export function deploySubjects(repo: string, stack: string): string[] {
  return [githubSubject.environment(repo, stack)];
}

/**
 * People who run `cdktf diff/deploy <stack>` (or `nx run <stack>:deploy`) by hand: the
 * stack's provider assumes its deploy role, so the role trusts the account's administrators
 * (the account principal: any identity of the account whose own policy allows it
 * sts:AssumeRole on this role, which administrators' does) and the operators the definition
 * lists by ARN (SSO permission-set roles, break-glass roles, roles of another account).
 */
export function operatorTrustStatement(accountId: string, operators: readonly string[]): Statement {
  return {
    Sid: 'TrustOperators',
    Effect: 'Allow',
    Principal: { AWS: [`arn:aws:iam::${accountId}:root`, ...operators] },
    Action: 'sts:AssumeRole',
  };
}

/** The state objects and lock of one stack. */
export interface StateLocation {
  readonly bucketArn: string;
  readonly lockTableArn: string;
  readonly keyArn: string;
  /** Object key of the stack's state, `<project>/<stack>/terraform.tfstate`. */
  readonly stateKey: string;
}

/** The DynamoDB lock items of a state key: the lock, and the digest Terraform keeps beside it. */
function lockItems(state: StateLocation): string[] {
  const bucket = state.bucketArn.replace(/^arn:aws:s3:::/, '');
  return [`${bucket}/${state.stateKey}`, `${bucket}/${state.stateKey}-md5`];
}

/**
 * What `terraform plan` needs of the state backend: read the stack's state object, take and
 * release the lock (its DynamoDB items, and the `.tflock` object of S3 native locking: the
 * only object the plan role may write or delete), and use the KMS key that encrypts both.
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
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': lockItems(state) } },
    },
    {
      Sid: 'StateKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: state.keyArn,
    },
  ];
}

/** What `terraform apply` needs of the state backend: the plan role's, and writing the state object. */
export function stateWriteStatements(state: StateLocation): Statement[] {
  return [
    ...stateAccessStatements(state),
    { Sid: 'WriteState', Effect: 'Allow', Action: 's3:PutObject', Resource: `${state.bucketArn}/${state.stateKey}` },
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

/** Services whose service-linked roles the stacks' resources create on first use. */
const SERVICE_LINKED_ROLES: Readonly<Record<string, string>> = {
  ecs: 'ecs.amazonaws.com',
  elasticloadbalancing: 'elasticloadbalancing.amazonaws.com',
  autoscaling: 'autoscaling.amazonaws.com',
  'application-autoscaling': 'ecs.application-autoscaling.amazonaws.com',
  rds: 'rds.amazonaws.com',
  elasticache: 'elasticache.amazonaws.com',
};

/**
 * The deploy role's own permissions: every action of the AWS services its stack's resource
 * types belong to (derived from the stack, so a new resource type widens the policy in the
 * bootstrap plan, for a reviewer to see), except IAM, which is scoped to the stack's own roles,
 * policies and instance profiles (named `<stack>-*`), with `iam:PassRole` to those roles only.
 */
export function deployStatements(props: {
  readonly accountId: string;
  readonly stack: string;
  readonly resourceTypes: readonly string[];
  readonly state: StateLocation;
}): Statement[] {
  const { accountId, stack } = props;
  const services = deployRoleServices(props.resourceTypes);
  const iam = (resource: string) => `arn:aws:iam::${accountId}:${resource}`;
  const own = [iam(`role/${stack}-*`), iam(`policy/${stack}-*`), iam(`instance-profile/${stack}-*`)];
  const linked = services.flatMap((service) => (SERVICE_LINKED_ROLES[service] ? [SERVICE_LINKED_ROLES[service]] : []));
  const statements: Statement[] = [];
  const others = services.filter((service) => service !== 'iam');
  if (others.length > 0) {
    statements.push({ Sid: 'ServicesOfTheStack', Effect: 'Allow', Action: others.map((service) => `${service}:*`), Resource: '*' });
  }
  if (services.includes('iam')) {
    statements.push(
      {
        Sid: 'OwnIamResources',
        Effect: 'Allow',
        Action: [
          'iam:AddRoleToInstanceProfile',
          'iam:AttachRolePolicy',
          'iam:CreateInstanceProfile',
          'iam:CreatePolicy',
          'iam:CreatePolicyVersion',
          'iam:CreateRole',
          'iam:DeleteInstanceProfile',
          'iam:DeletePolicy',
          'iam:DeletePolicyVersion',
          'iam:DeleteRole',
          'iam:DeleteRolePolicy',
          'iam:DetachRolePolicy',
          'iam:Get*',
          'iam:List*',
          'iam:PutRolePermissionsBoundary',
          'iam:PutRolePolicy',
          'iam:RemoveRoleFromInstanceProfile',
          'iam:TagInstanceProfile',
          'iam:TagPolicy',
          'iam:TagRole',
          'iam:UntagInstanceProfile',
          'iam:UntagPolicy',
          'iam:UntagRole',
          'iam:UpdateAssumeRolePolicy',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
        ],
        Resource: own,
      },
      { Sid: 'PassOwnRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: iam(`role/${stack}-*`) },
    );
  }
  if (linked.length > 0) {
    statements.push({
      Sid: 'ServiceLinkedRoles',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: iam('role/aws-service-role/*'),
      Condition: { StringEquals: { 'iam:AWSServiceName': linked } },
    });
  }
  return [...statements, ...stateWriteStatements(props.state)];
}

/**
 * The deploy roles' permissions boundary, one per stack: it caps what the role's policy grants
 * and denies the ways out of it. A deploy cannot create a role without the workload boundary
 * (or strip it from one), change any boundary or the CI access, destroy the state storage, or
 * read or write another stack's state or lock.
 */
export function deployBoundaryStatements(props: {
  readonly accountId: string;
  readonly project: string;
  readonly stack: string;
  readonly state: StateLocation;
  /** State keys of the account's other stacks. */
  readonly otherStateKeys: readonly string[];
}): Statement[] {
  const { accountId, project, state } = props;
  const iam = (resource: string) => `arn:aws:iam::${accountId}:${resource}`;
  const workloadBoundary = policyArn(accountId, workloadBoundaryName(project));
  const others = props.otherStateKeys.flatMap((key) => [`${state.bucketArn}/${key}`, `${state.bucketArn}/${key}.tflock`]);
  return [
    { Sid: 'AllowWhatTheRolePolicyAllows', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'RolesOnlyWithTheWorkloadBoundary',
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      Resource: '*',
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': workloadBoundary } },
    },
    { Sid: 'KeepBoundaries', Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
    {
      Sid: 'ProtectBoundariesAndCiAccess',
      Effect: 'Deny',
      Action: [
        'iam:AttachRolePolicy',
        'iam:CreatePolicy',
        'iam:CreatePolicyVersion',
        'iam:CreateRole',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:DeleteRole',
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PutRolePolicy',
        'iam:SetDefaultPolicyVersion',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        'iam:AddClientIDToOpenIDConnectProvider',
        'iam:CreateOpenIDConnectProvider',
        'iam:DeleteOpenIDConnectProvider',
        'iam:RemoveClientIDFromOpenIDConnectProvider',
        'iam:UpdateOpenIDConnectProviderThumbprint',
      ],
      Resource: [
        iam(`role/${project}-*`),
        iam(`policy/${project}-*`),
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
        's3:PutLifecycleConfiguration',
        'dynamodb:DeleteTable',
        'kms:DisableKey',
        'kms:PutKeyPolicy',
        'kms:ScheduleKeyDeletion',
      ],
      Resource: [state.bucketArn, state.lockTableArn, state.keyArn],
    },
    ...(others.length > 0
      ? [{ Sid: 'OtherStacksState', Effect: 'Deny' as const, Action: ['s3:GetObject*', 's3:PutObject*', 's3:DeleteObject*'], Resource: others }]
      : []),
    {
      Sid: 'OtherStacksLocks',
      Effect: 'Deny',
      Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      Resource: state.lockTableArn,
      Condition: { 'ForAnyValue:StringNotEquals': { 'dynamodb:LeadingKeys': lockItems(state) } },
    },
  ];
}

/** A stack whose state lives in this account and that CI plans and deploys. */
export interface CiStack {
  readonly name: string;
  /** `<project>/<stack>/terraform.tfstate` */
  readonly stateKey: string;
  /** The Terraform resource types of the stack: what its plan and deploy roles may touch. */
  readonly resourceTypes: readonly string[];
  /** IAM principals besides the account's administrators that may assume the deploy role. @default [] */
  readonly operators?: readonly string[];
  /** Resources the plan role may read data of, by resource type (see planRoleStatements). @default none */
  readonly dataReadResources?: Readonly<Record<string, readonly string[]>>;
}

export interface GithubCiRolesProps {
  readonly accountId: string;
  readonly project: string;
  /** `<owner>/<repo>` */
  readonly repository: string;
  readonly stacks: readonly CiStack[];
  readonly state: Omit<StateLocation, 'stateKey'>;
  /**
   * `create`: this stack creates GitHub's OIDC provider. `existing`: the account has one
   * already (IAM allows one per URL), and the roles trust it by its ARN. @default 'create'
   */
  readonly oidcProvider?: 'create' | 'existing';
  /** Only in the registry's account: push access to these repositories. @default no push role */
  readonly imagePush?: { readonly region: string; readonly repositories: readonly string[] };
}

/** The OIDC provider (or the account's own), the workload boundary and the CI roles of one account. */
export class GithubCiRoles extends Construct {
  /** The OIDC provider, when this stack creates it. */
  readonly provider?: IamOpenidConnectProvider;
  readonly providerArn: string;
  readonly workloadBoundary: IamPolicy;

  constructor(scope: Construct, id: string, props: GithubCiRolesProps) {
    super(scope, id);
    if ((props.oidcProvider ?? 'create') === 'create') {
      // No thumbprint_list: optional since provider 5.x, and AWS validates GitHub's certificate
      // against its own trusted CAs for this host, ignoring thumbprints.
      this.provider = new IamOpenidConnectProvider(this, 'github', { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: [STS_AUDIENCE] });
      this.providerArn = this.provider.arn;
    } else {
      this.providerArn = githubOidcProviderArn(props.accountId);
    }
    this.workloadBoundary = new IamPolicy(this, 'workload-boundary', {
      name: workloadBoundaryName(props.project),
      description: 'Permissions boundary of every role the environment stacks create: no IAM changes, no CI roles, no Terraform state',
      policy: policyDocument(workloadBoundaryStatements({ accountId: props.accountId, project: props.project, state: props.state })),
    });
    const capsOnly = 'Permissions boundary, not a grant: it caps roles at everything except what its Deny statements take away.';
    for (const rule of ['IAM-001', 'IAM-002', 'IAM-003']) suppress(this.workloadBoundary, rule, capsOnly);
    const keys = props.stacks.map((stack) => stack.stateKey);
    for (const stack of props.stacks) {
      this.addPlanRole(props, stack);
      const boundary = new IamPolicy(this, `deploy-boundary-${stack.name}`, {
        name: deployBoundaryName(props.project, stack.name),
        description: `Permissions boundary of the deploy role of ${stack.name}: no privilege escalation, no other stack's state`,
        policy: policyDocument(
          deployBoundaryStatements({
            accountId: props.accountId,
            project: props.project,
            stack: stack.name,
            state: { ...props.state, stateKey: stack.stateKey },
            otherStateKeys: keys.filter((key) => key !== stack.stateKey),
          }),
        ),
      });
      for (const rule of ['IAM-001', 'IAM-002', 'IAM-003']) suppress(boundary, rule, capsOnly);
      this.addDeployRole(props, stack, boundary.arn);
    }
    if (props.imagePush) this.addImagePushRole(props, props.imagePush);
  }

  private addPlanRole(props: GithubCiRolesProps, stack: CiStack): void {
    const role = new IamRole(this, `plan-${stack.name}`, {
      name: planRoleName(props.project, stack.name),
      description: `terraform plan of ${stack.name} from pull requests: reads what the refresh needs, no data`,
      assumeRolePolicy: githubTrustPolicy(this.providerArn, [githubSubject.pullRequest(props.repository)]),
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, `plan-${stack.name}-state`, {
      name: 'terraform-state',
      role: role.id,
      policy: policyDocument(stateAccessStatements({ ...props.state, stateKey: stack.stateKey })),
    });
    const reads = planRoleStatements(stack.resourceTypes, { dataReadResources: stack.dataReadResources });
    if (reads.length > 0) {
      const policy = new IamRolePolicy(this, `plan-${stack.name}-refresh`, { name: 'terraform-refresh', role: role.id, policy: policyDocument(reads) });
      suppress(
        policy,
        'IAM-002',
        'Describe and List calls of the refresh support no resource-level permissions (the Service Authorization Reference lists them without resource types); the actions are read-only metadata calls derived from the stack.',
      );
    }
  }

  private addDeployRole(props: GithubCiRolesProps, stack: CiStack, boundaryArn: string): void {
    const role = new IamRole(this, `deploy-${stack.name}`, {
      name: deployRoleName(props.project, stack.name),
      description: `terraform apply of ${stack.name}: from its GitHub Environment, or by an operator`,
      assumeRolePolicy: policyDocument([
        githubTrustStatement(this.providerArn, deploySubjects(props.repository, stack.name)),
        operatorTrustStatement(props.accountId, stack.operators ?? []),
      ]),
      permissionsBoundary: boundaryArn,
      maxSessionDuration: 3600,
    });
    const policy = new IamRolePolicy(this, `deploy-${stack.name}-apply`, {
      name: 'terraform-apply',
      role: role.id,
      policy: policyDocument(deployStatements({ accountId: props.accountId, stack: stack.name, resourceTypes: stack.resourceTypes, state: { ...props.state, stateKey: stack.stateKey } })),
    });
    const why =
      'terraform apply creates, changes and deletes resources of every service the stack uses; the services are derived from its resource types, IAM is scoped to the stack\'s own names, and the per-stack boundary denies privilege escalation and other stacks\' state.';
    suppress(policy, 'IAM-001', why);
    suppress(policy, 'IAM-002', why);
  }

  private addImagePushRole(props: GithubCiRolesProps, push: NonNullable<GithubCiRolesProps['imagePush']>): void {
    const role = new IamRole(this, 'image-push', {
      name: imagePushRoleName(props.project),
      description: 'docker push of images built on main',
      assumeRolePolicy: githubTrustPolicy(this.providerArn, [githubSubject.branch(props.repository, 'main')]),
      maxSessionDuration: 3600,
    });
    const repositoryArns = push.repositories.map((name) => `arn:aws:ecr:${push.region}:${props.accountId}:repository/${name}`);
    new IamRolePolicy(this, 'image-push-ecr', { name: 'ecr-push', role: role.id, policy: policyDocument(imagePushStatements(repositoryArns)) });
  }
}

/**
 * The cap on every role an environment stack creates (task, execution, instance, flow log and
 * scheduler roles, and those of environment apps): whatever a role's own policy grants, it
 * cannot change IAM, pass a role to anything but ECS tasks (a scheduler role starts its job's
 * tasks with the job's roles) or pass a CI role, assume the CI roles, or touch Terraform's
 * state, its lock or its key. So a compromised task cannot grant itself more or rewrite the
 * record of the infrastructure.
 */
export function workloadBoundaryStatements(props: {
  readonly accountId: string;
  readonly project: string;
  readonly state: Omit<StateLocation, 'stateKey'>;
}): Statement[] {
  return [
    { Sid: 'AllowWhatTheRolePolicyAllows', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'NoIamChanges',
      Effect: 'Deny',
      Action: [
        'iam:Add*',
        'iam:Attach*',
        'iam:Change*',
        'iam:Create*',
        'iam:Deactivate*',
        'iam:Delete*',
        'iam:Detach*',
        'iam:Enable*',
        'iam:Put*',
        'iam:Remove*',
        'iam:Reset*',
        'iam:Resync*',
        'iam:Set*',
        'iam:Tag*',
        'iam:Untag*',
        'iam:Update*',
        'iam:Upload*',
      ],
      Resource: '*',
    },
    // A scheduled job's scheduler role passes the job's task and execution roles to the tasks it
    // starts (its own policy names exactly those two); nothing may pass a role to any other
    // service, nor pass a CI role at all.
    {
      Sid: 'PassRolesOnlyToEcsTasks',
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringNotEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    },
    { Sid: 'NoPassingCiRoles', Effect: 'Deny', Action: 'iam:PassRole', Resource: `arn:aws:iam::${props.accountId}:role/${props.project}-*` },
    { Sid: 'NoCiRoles', Effect: 'Deny', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: `arn:aws:iam::${props.accountId}:role/${props.project}-*` },
    {
      Sid: 'NoTerraformState',
      Effect: 'Deny',
      Action: ['s3:*', 'dynamodb:*', 'kms:*'],
      Resource: [props.state.bucketArn, `${props.state.bucketArn}/*`, props.state.lockTableArn, props.state.keyArn],
    },
  ];
}
