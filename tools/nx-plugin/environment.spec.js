'use strict';
/**
 * The environment generator on an Nx Tree over a temporary copy of the real definitions:
 * what it writes, what it prints, what it refuses (writing nothing), and its post-write step.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const environmentGenerator = require('./generators/environment/generator');
const prompt = require('./lib/prompt');
const { baseline, flush, problemsOf, read, refusal, remove, run, treeOf, workspaceCopy } = require('./testing');

const QA = {
  name: 'qa',
  from: 'staging',
  accountId: '123456789012',
  region: 'eu-west-1',
  azs: 'eu-west-1a,eu-west-1b',
  vpcCidr: '10.50.0.0/16',
  hostedZoneId: 'Z0123456789QASHOP',
};

/** An environment with every account-bound field the generator handles (valid as it is). */
const SANDBOX = `# Sandbox: a playground with every account-bound field.
name: sandbox
tier: non-production
accountId: "210987654321"
region: eu-west-1
availabilityZones: [eu-west-1a, eu-west-1b]

network:
  vpcCidr: 10.60.0.0/16
  # One shared NAT gateway: sandbox is disposable.
  natGateways: single
  isolatedSubnets: true
  subnets:
    public: [10.60.0.0/24, 10.60.1.0/24]
    private: [10.60.10.0/24, 10.60.11.0/24]
    isolated: [10.60.20.0/24, 10.60.21.0/24]

stateBackend:
  bucket: acme-ecs-platform-tfstate-210987654321
  lockTable: acme-ecs-platform-tflock
  region: eu-west-1

deployRoleArn: arn:aws:iam::210987654321:role/ecs-platform-deploy-sandbox

tags:
  CostCenter: cc-1042-sandbox
  Owner: platform-team

dns:
  domainName: sandbox.shop.acme-corp.com
  certificateArn: arn:aws:acm:eu-west-1:210987654321:certificate/3b1f6c2e-8a47-4d95-b0e3-7c5a9d2f1e64
  hostedZoneId: Z0451822SANDBOX0ACME

monitoring:
  alarmEmails: [sandbox-alerts@acme-corp.com]
  alarmSubscriptions:
    - protocol: sqs
      endpoint: arn:aws:sqs:eu-west-1:210987654321:sandbox-alarms

services:
  - name: api
    image:
      repository: sample-service
      tag: 2026.11.24-5d3e9a1
    cpu: 256
    memory: 512
    containerPort: 8080
    healthCheckPath: /healthz
    desiredCount: 1
    minCount: 1
    maxCount: 2
    # The API's database password.
    secrets:
      DATABASE_URL: arn:aws:secretsmanager:eu-west-1:210987654321:secret:sandbox/api/database-url-AbC123
    secretKmsKeyArns: [arn:aws:kms:eu-west-1:210987654321:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0]
    sidecars:
      - name: proxy
        image:
          repository: sample-service
          tag: 2026.11.24-5d3e9a1
        secrets:
          PROXY_AUTH: arn:aws:ssm:eu-west-1:210987654321:parameter/sandbox/api/proxy-auth
    taskRolePolicies:
      - sid: ReadUploads
        actions: [s3:GetObject]
        resources: [arn:aws:s3:::acme-sandbox-uploads/*]
        reason: the API serves every uploaded object of its bucket
      - sid: Orders
        actions: [dynamodb:GetItem]
        resources: [arn:aws:dynamodb:eu-west-1:210987654321:table/orders]
    egress:
      - port: 5432
        cidr: 10.60.20.0/22
        description: PostgreSQL in the isolated subnets

# The sandbox load balancer is internal.
compute:
  loadBalancer:
    scheme: internal
    # Reachable from the VPC only.
    ingressCidrs: [10.60.0.0/16]
`;

const roots = [];
/** @param {Parameters<typeof workspaceCopy>[0]} [edits] */
function workspace(edits) {
  const root = workspaceCopy(edits);
  roots.push(root);
  return root;
}
afterAll(() => roots.forEach(remove));
afterEach(() => jest.restoreAllMocks());

/** Generates into a fresh copy and writes the result; returns the root, the text and the output. */
async function generate(options, edits) {
  const root = workspace(edits);
  const tree = treeOf(root);
  const { output, callback } = await run(environmentGenerator, tree, options);
  const changes = tree.listChanges().map((c) => `${c.type} ${c.path}`);
  flush(tree);
  return { root, text: read(root, `environments/${options.name}/environment.yaml`), output, callback, changes };
}

describe('environment generator: qa from staging in a new account', () => {
  let result;
  beforeAll(async () => {
    result = await generate(QA);
  });

  it('writes environments/qa/environment.yaml only, and it is valid with every cross-file rule', () => {
    expect(result.changes).toEqual(['CREATE environments/qa/environment.yaml']);
    expect(problemsOf(result.root)).toEqual([]);
  });

  it('sets name, account (quoted), region, zones and VPC CIDR, and keeps the tier', () => {
    expect(result.text).toContain('\nname: qa\ntier: non-production\naccountId: "123456789012"\nregion: eu-west-1\navailabilityZones: [eu-west-1a, eu-west-1b]\n');
    expect(result.text).toContain('network:\n  vpcCidr: 10.50.0.0/16\n  natGateways: one-per-az\n');
  });

  it("derives the state backend from staging's naming, and the deploy role from the project", () => {
    expect(result.text).toContain('stateBackend:\n  bucket: acme-ecs-platform-tfstate-123456789012\n  lockTable: acme-ecs-platform-tflock\n  region: eu-west-1\n');
    expect(result.text).toContain('deployRoleArn: arn:aws:iam::123456789012:role/ecs-platform-deploy-qa\n');
    expect(result.output).toContain("state backend: acme-ecs-platform-tfstate-123456789012, lock table acme-ecs-platform-tflock (eu-west-1), derived from staging's");
  });

  it("sits where staging sits in the deploy order, and says so", () => {
    expect(result.text).toContain('# Images reach qa after they ran in dev; qa deploys after dev (docs/ci-cd.md).\npromotesFrom: dev\n');
    expect(result.output).toContain('qa deploys in wave 2, after dev, together with staging (tools/ci/stack-matrix.js)');
  });

  it('derives the domain, takes the hosted zone given, and removes what was staging\'s', () => {
    expect(result.text).toContain('dns:\n  domainName: qa.shop.acme-corp.com\n  hostedZoneId: Z0123456789QASHOP\n');
    const definition = YAML.parse(result.text);
    expect(definition.services.map((s) => s.secrets)).toEqual([undefined, undefined]);
    expect(definition.tags).toEqual({ CostCenter: 'cc-1042-staging', Owner: 'platform-team' });
  });

  it('keeps the comments that still apply, speaking of qa, under a header saying where it came from', () => {
    expect(result.text.split('\n').slice(0, 4)).toEqual([
      '# qa: generated from environments/staging/environment.yaml by `nx g @ecs-platform/nx-plugin:environment`.',
      "# Review before the first deploy: tags copied from staging; secrets of storefront, order-worker (removed: they were staging's).",
      '# Comments below come from staging. Schema and defaults: docs/environments.md.',
      '# Check this file: npm run validate-env -- environments/qa/environment.yaml',
    ]);
    expect(result.text).not.toContain("Staging: mirrors production's shape");
    expect(result.text).toContain('  # Runs on the EC2 capacity provider, so that qa exercises both launch types.\n  - name: order-worker\n');
    expect(result.text).toContain('# Cluster, capacity and load balancer (docs/compute.md). EC2 capacity: ECS-optimised Amazon\n');
    expect(result.text).toContain("    # secrets removed: DATABASE_URL was staging's; add qa's own here.\n    containerHealthCheck:\n");
  });

  it('leaves everything else as staging has it, byte for byte', () => {
    const staging = baseline('environments/staging/environment.yaml');
    const tail = (text) => text.slice(text.indexOf('\ncompute:'));
    expect(tail(result.text)).toBe(tail(staging));
    const storefront = (text) => text.slice(text.indexOf('  - name: storefront'), text.indexOf('    scaling:'));
    expect(storefront(result.text)).toBe(storefront(staging));
  });

  it('prints the to-do list: bootstrap, tags, domain, every secret with what to create, the GitHub Environment', () => {
    const todo = result.output.slice(result.output.indexOf('To do'));
    expect(todo.split('\n').slice(1, 7)).toEqual([
      '  1. account 123456789012 is new to this workspace: with administrator credentials, deploy its bootstrap stack first (npx cdktf deploy bootstrap-123456789012, README "Bootstrap remote state"); it creates the state bucket acme-ecs-platform-tfstate-123456789012, the lock table and qa\'s CI roles, among them deployRoleArn arn:aws:iam::123456789012:role/ecs-platform-deploy-qa',
      '  2. tags.CostCenter is "cc-1042-staging", copied from staging: change it if qa is accounted separately',
      "  3. dns.domainName is qa.shop.acme-corp.com, derived from staging's staging.shop.acme-corp.com: pass --domain-name if that is not qa's",
      "  4. services[0] storefront: secret DATABASE_URL removed (it was staging's, arn:aws:secretsmanager:eu-central-1:345678901234:secret:staging/storefront/database-url-Q1w2E3): create a Secrets Manager secret in account 123456789012, eu-west-1 (for example qa/storefront/database-url), and add DATABASE_URL: <its ARN> under services[0].secrets",
      "  5. services[1] order-worker: secret QUEUE_URL removed (it was staging's, arn:aws:ssm:eu-central-1:345678901234:parameter/staging/order-worker/queue-url): create an SSM parameter in account 123456789012, eu-west-1 (for example /qa/order-worker/queue-url), and add QUEUE_URL: <its ARN> under services[1].secrets",
      '  6. GitHub: create the Environment "qa" (Settings -> Environments; deployment branches: main only); deploy.yml applies qa on merges in its wave (docs/ci-cd.md)',
    ]);
  });

  it('prints the derived subnet plan', () => {
    expect(result.output).toContain('subnets: public 10.50.192.0/22, 10.50.196.0/22; private 10.50.0.0/19, 10.50.32.0/19');
  });

  it('returns the post-write step (Nx runs it after writing, never on --dry-run)', () => {
    expect(result.callback).toEqual(expect.any(Function));
  });
});

describe('environment generator: options', () => {
  it("in the source's account: shares its backend, keeps its hosted zone (to check), and the bootstrap stack gains qa's roles", async () => {
    const { root, text, output } = await generate({ ...QA, accountId: '345678901234', region: 'eu-central-1', azs: 'eu-central-1a,eu-central-1b', hostedZoneId: undefined });
    expect(text).toContain('stateBackend:\n  bucket: acme-ecs-platform-tfstate-345678901234\n  lockTable: acme-ecs-platform-tflock\n  region: eu-central-1\n');
    expect(text).toContain('dns:\n  domainName: qa.shop.acme-corp.com\n  hostedZoneId: Z07731940STAGESHOPACM\n');
    expect(output).toContain("dns.hostedZoneId Z07731940STAGESHOPACM is staging's (same account): check that qa.shop.acme-corp.com belongs to that zone, else pass --hosted-zone-id");
    expect(output).toContain("bootstrap-345678901234 (account 345678901234) gains qa's CI roles, among them deployRoleArn arn:aws:iam::345678901234:role/ecs-platform-deploy-qa");
    expect(output).toContain('the one environment staging of account 345678901234 uses (one backend per account)');
    expect(problemsOf(root)).toEqual([]);
  });

  it("in another environment's account: takes that account's backend, whatever its region", async () => {
    const { text, output } = await generate({ ...QA, accountId: '210987654321', region: 'eu-central-1', azs: 'eu-central-1a,eu-central-1b' });
    expect(text).toContain('stateBackend:\n  bucket: acme-ecs-platform-tfstate-210987654321\n  lockTable: acme-ecs-platform-tflock\n  region: eu-west-1\n');
    expect(output).toContain('the one environment dev of account 210987654321 uses');
  });

  it("in the registry's account: takes the registry's backend", async () => {
    const { text, output } = await generate({ ...QA, accountId: '567890123456' });
    expect(text).toContain('  bucket: acme-ecs-platform-tfstate-567890123456\n  lockTable: acme-ecs-platform-tflock\n  region: eu-central-1\n');
    expect(output).toContain('the one the registry (registry/registry.yaml) of account 567890123456 uses');
  });

  it('--promotes-from places it after that environment', async () => {
    const { text, output } = await generate({ ...QA, promotesFrom: 'staging' });
    expect(text).toContain('# Images reach qa after they ran in staging; qa deploys after staging (docs/ci-cd.md).\npromotesFrom: staging\n');
    expect(output).toContain('qa deploys in wave 3, after staging, together with prod');
  });

  it('from an environment that promotes from none: first in the order, no promotesFrom', async () => {
    const { text, output } = await generate({ ...QA, from: 'dev' });
    expect(YAML.parse(text).promotesFrom).toBeUndefined();
    expect(output).toContain('qa deploys in wave 1, first (it promotes from no environment), together with dev');
    // dev's comment on its single NAT gateway still applies: kept.
    expect(text).toContain("  # One NAT gateway for both AZs: saves a gateway's hourly and data charges; an AZ outage\n");
    // Comments naming the source now name the copy.
    expect(text).toContain('logged to /aws/ecs/exec/qa.');
  });

  it('--domain-name, --certificate-arn and --tier', async () => {
    const { root, text, output } = await generate({
      ...QA,
      from: 'prod',
      hostedZoneId: undefined,
      domainName: 'qa.example.com',
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
      tier: 'production',
    });
    expect(text).toContain('dns:\n  domainName: qa.example.com\n  certificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555\n\n');
    expect(text).toContain('tier: production\n');
    expect(output).toContain("dns.hostedZoneId Z02291843PRODSHOPACME removed: it is prod's zone, in account 456789012345");
    expect(output).toContain('required reviewers, since it is production');
    expect(problemsOf(root)).toEqual([]);
  });

  it('--tier production turns on a NAT gateway per zone; explicit subnets give way to the derived plan; every account-bound field is listed', async () => {
    const { root, text, output } = await generate(
      { ...QA, from: 'sandbox', region: 'eu-central-1', azs: 'eu-central-1a,eu-central-1b,eu-central-1c', vpcCidr: '10.70.0.0/20', tier: 'production' },
      { 'environments/sandbox/environment.yaml': SANDBOX },
    );
    expect(problemsOf(root)).toEqual([]);
    expect(text).toContain('network:\n  vpcCidr: 10.70.0.0/20\n  # The production tier needs a NAT gateway per availability zone.\n  natGateways: one-per-az\n  isolatedSubnets: true\n\n');
    expect(output).toContain('network.subnets of sandbox dropped (they belong to 10.60.0.0/16); subnets are derived from 10.70.0.0/20');
    expect(output).toContain(
      'subnets: public 10.70.12.0/26, 10.70.12.64/26, 10.70.12.128/26; private 10.70.0.0/23, 10.70.2.0/23, 10.70.4.0/23; isolated 10.70.14.0/26, 10.70.14.64/26, 10.70.14.128/26',
    );
    // Secrets, keys and the sidecar's secrets: removed, a note where they were, each listed.
    expect(text).toContain("    maxCount: 2\n    # secrets removed: DATABASE_URL was sandbox's; add qa's own here.\n    # secretKmsKeyArns removed: they were sandbox's keys.\n    sidecars:\n");
    expect(text).toContain("          tag: 2026.11.24-5d3e9a1\n        # secrets removed: PROXY_AUTH was sandbox's; add qa's own here.\n");
    expect(output).toContain(
      "services[0] api: KMS key arn:aws:kms:eu-west-1:210987654321:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 removed from secretKmsKeyArns (sandbox's): list the key that encrypts qa's secrets, in account 123456789012",
    );
    expect(output).toContain(
      "services[0] api, sidecar proxy: secret PROXY_AUTH removed (it was sandbox's, arn:aws:ssm:eu-west-1:210987654321:parameter/sandbox/api/proxy-auth): create an SSM parameter in account 123456789012, eu-central-1 (for example /qa/api/proxy-auth), and add PROXY_AUTH: <its ARN> under services[0].sidecars[0].secrets",
    );
    // Task role resources: the account re-pointed; names of the source listed.
    expect(text).toContain('resources: [arn:aws:dynamodb:eu-west-1:123456789012:table/orders]');
    expect(output).toContain(
      "services[0].taskRolePolicies[1].resources[0] (api): arn:aws:dynamodb:eu-west-1:210987654321:table/orders re-pointed to arn:aws:dynamodb:eu-west-1:123456789012:table/orders: that resource must exist in account 123456789012; it still names sandbox's region eu-west-1",
    );
    expect(output).toContain("services[0].taskRolePolicies[0].resources[0] (api): arn:aws:s3:::acme-sandbox-uploads/* names sandbox: point it at qa's resource");
    // The VPC's own CIDR follows the VPC; an egress rule into the old VPC is listed.
    expect(text).toContain('    # Reachable from the VPC only.\n    ingressCidrs: [10.70.0.0/20]\n');
    expect(output).toContain("compute.loadBalancer.ingressCidrs[0]: 10.60.0.0/16 (sandbox's VPC) re-pointed to 10.70.0.0/20");
    expect(output).toContain("services[0].egress[0] (api): 10.60.20.0/22 is inside sandbox's VPC 10.60.0.0/16 (PostgreSQL in the isolated subnets): point it into 10.70.0.0/20");
    // The certificate was sandbox's; subscribers are kept, the account-bound one listed.
    expect(text).not.toContain('certificateArn');
    expect(output).toContain(
      "dns.certificateArn removed (it was sandbox's, arn:aws:acm:eu-west-1:210987654321:certificate/3b1f6c2e-8a47-4d95-b0e3-7c5a9d2f1e64): a certificate for qa.shop.acme-corp.com is requested and DNS-validated in hosted zone Z0123456789QASHOP",
    );
    expect(text).toContain('monitoring:\n  alarmEmails: [sandbox-alerts@acme-corp.com]\n  alarmSubscriptions:\n    - protocol: sqs\n      endpoint: arn:aws:sqs:eu-west-1:210987654321:sandbox-alarms\n');
    expect(output).toContain('monitoring.alarmSubscriptions[0] (sqs) arn:aws:sqs:eu-west-1:210987654321:sandbox-alarms is in sandbox\'s account: kept');
    expect(text.split('\n')[1]).toBe(
      "# Review before the first deploy: tags copied from sandbox; task role resources naming sandbox; task role resources re-pointed to account 123456789012; secrets of api (removed: they were sandbox's); egress rules into sandbox's VPC.",
    );
    expect(text).toContain('# The qa load balancer is internal.\ncompute:\n');
  });

  it('accepts the account id as the number the command line makes of it, and zones as a list', async () => {
    const { text } = await generate({ ...QA, accountId: 123456789012, azs: ['eu-west-1a', 'eu-west-1b'] });
    expect(text).toContain('accountId: "123456789012"\n');
  });
});

describe('environment generator: prompts (interactive terminal only)', () => {
  it('asks for the hosted zone when the account changes and none is given', async () => {
    jest.spyOn(prompt, 'canPrompt').mockReturnValue(true);
    const ask = jest.spyOn(prompt, 'ask').mockResolvedValue('Z0999999999ASKED');
    const { text } = await generate({ ...QA, hostedZoneId: undefined });
    expect(ask).toHaveBeenCalledWith('Route 53 hosted zone id for qa.shop.acme-corp.com in account 123456789012', expect.any(Function));
    expect(text).toContain('  hostedZoneId: Z0999999999ASKED\n');
  });

  it("asks for the domain when the source's cannot be derived", async () => {
    jest.spyOn(prompt, 'canPrompt').mockReturnValue(true);
    const ask = jest.spyOn(prompt, 'ask').mockResolvedValue('qa.example.com');
    const { text } = await generate({ ...QA, from: 'prod' });
    expect(ask).toHaveBeenCalledWith('Domain name of qa (for example qa.shop.acme-corp.com)', expect.any(Function));
    expect(text).toContain('  domainName: qa.example.com\n');
  });
});

describe('environment generator: refusals write nothing', () => {
  /** @param {object} options @param {Parameters<typeof workspaceCopy>[0]} [edits] */
  const refused = (options, edits) => refusal(environmentGenerator, treeOf(workspace(edits)), { ...QA, ...options });

  it.each([
    [{ name: 'staging' }, 'environment "staging" already exists (environments/staging); choose another name, or edit its environment.yaml'],
    [{ name: 'QA' }, '"QA" cannot be an environment name: it must be 2 to 20 lowercase letters, digits and hyphens, starting with a letter'],
    [{ name: 'q' }, '"q" cannot be an environment name'],
    [{ name: 'platform' }, '"platform" is taken: it is the name of the Nx project in apps/platform'],
    [{ name: 'e2e' }, '"e2e" is taken: it is the name of the Nx project in e2e'],
    [{ name: 'registry' }, '"registry" is taken: it is the name of the shared image registry stack and Nx project'],
    [{ name: 'bootstrap' }, '"bootstrap" is taken: it is the name of the Nx project of the bootstrap stacks'],
    [{ from: 'stagign' }, '--from "stagign" is not an environment; environments: dev, prod, staging'],
    [{ accountId: '12345' }, '--account-id "12345" must be exactly 12 digits'],
    [{ azs: '' }, '--azs needs the availability zones, comma-separated'],
  ])('%j', async (options, message) => {
    const text = await refused(options);
    expect(text).toMatch(/^Nothing was written:\n {2}- /);
    expect(text).toContain(message);
  });

  it('lists every problem of the options at once', async () => {
    const text = await refused({ name: 'QA', from: 'nope', accountId: 'x' });
    expect(text.split('\n')).toHaveLength(4);
  });

  it.each([
    [{ region: 'eu-west-9' }, /environments\/qa\/environment\.yaml:\d+:\d+: region: "eu-west-9" is not an AWS region \(did you mean "eu-west-1"\?\) \(--region\)/],
    [{ azs: 'eu-west-1a,eu-central-1b' }, /availabilityZones\[1\]: "eu-central-1b" is not an availability zone of region eu-west-1 \(--azs\)/],
    [{ azs: 'eu-west-1a' }, /availabilityZones: .*\(--azs\)/],
    [{ vpcCidr: '10.50.0.1/16' }, /network\.vpcCidr: .*host bits.* \(--vpc-cidr\)/],
    [{ vpcCidr: '10.50.0.0/24' }, /network\.vpcCidr: a \/24 VPC is too small for the derived subnet plan.* \(--vpc-cidr\)/],
    [{ promotesFrom: 'stagin' }, /promotesFrom: "stagin" is not an environment of this workspace \(did you mean "staging"\?\) \(--promotes-from\)/],
    [{ promotesFrom: 'qa' }, /promotesFrom: names the environment itself/],
    [{ domainName: 'QA.Example.com' }, /dns\.domainName: .*lowercase domain.* \(--domain-name\)/],
    [{ hostedZoneId: 'nope' }, /dns\.hostedZoneId: .*hosted zone id.* \(--hosted-zone-id\)/],
    [
      { certificateArn: 'arn:aws:acm:eu-central-1:345678901234:certificate/11111111-2222-3333-4444-555555555555' },
      /dns\.certificateArn: must be in this environment's account 123456789012 and region eu-west-1.* \(--certificate-arn\)/,
    ],
  ])('the schema and the cross-file rules: %j', async (options, message) => {
    const text = await refused(options);
    expect(text).toMatch(/^qa would not be valid, so nothing was written\. Problems with environments\/qa\/environment\.yaml as it would be generated:\n/);
    expect(text).toMatch(message);
  });

  it('a bucket name another account owns (the derived backend of a second new account)', async () => {
    // dev's bucket naming gives acme-ecs-platform-tfstate-123456789012, which staging owns here.
    const text = await refused({ from: 'dev' }, { 'environments/staging/environment.yaml': (t) => t.replace('tfstate-345678901234', 'tfstate-123456789012') });
    // Reported on staging's file, pointing at qa's: still qa's problem.
    const line = fs.readFileSync(path.join(__dirname, '../../environments/staging/environment.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('bucket: acme-ecs-platform-tfstate-')) + 1;
    expect(text).toMatch(
      new RegExp(
        `environments/staging/environment\\.yaml:${line}:11: stateBackend\\.bucket: "acme-ecs-platform-tfstate-123456789012" is already the state bucket of account 123456789012; S3 bucket names are global \\(environments/qa/environment\\.yaml:\\d+:11: stateBackend\\.bucket\\)`,
      ),
    );
  });

  it('a production copy of an environment that production does not allow', async () => {
    const text = await refused({ from: 'dev', tier: 'production' });
    expect(text).toMatch(/services\[0\]\.scaling\.schedules\[0\]\.minCount: production tier never schedules a service down to zero tasks/);
  });

  it("a hosted zone or a certificate is required in another account (no prompt without a terminal)", async () => {
    const text = await refused({ hostedZoneId: undefined });
    expect(text).toBe(
      "--hosted-zone-id (or --certificate-arn) is required: account 123456789012 is not staging's (345678901234), so neither its hosted zone nor its certificate applies; the load balancer serves HTTPS only and needs a Route 53 zone to validate a certificate in, or an ACM certificate of account 123456789012 in eu-west-1. Nothing was written.",
    );
  });

  it("a domain is required when the source's does not start with its name", async () => {
    const text = await refused({ from: 'prod' });
    expect(text).toBe(
      '--domain-name is required: prod\'s domain "shop.acme-corp.com" does not start with "prod.", so qa\'s cannot be derived from it. Nothing was written.',
    );
  });

  it('a deploy order deeper than deploy.yml runs', async () => {
    const edits = {};
    // dev <- staging <- prod <- w4 <- w5: qa after w5 would be wave 6.
    for (const [name, from, cidr] of [['w4', 'prod', '10.44'], ['w5', 'w4', '10.45']]) {
      edits[`environments/${name}/environment.yaml`] = baseline('environments/prod/environment.yaml')
        .replace('name: prod', `name: ${name}`)
        .replace('promotesFrom: staging', `promotesFrom: ${from}`)
        .replace('vpcCidr: 10.40.0.0/16', `vpcCidr: ${cidr}.0.0/16`)
        .replace('ecs-platform-deploy-prod', `ecs-platform-deploy-${name}`);
    }
    const text = await refused({ promotesFrom: 'w5' }, edits);
    expect(text).toBe('qa would deploy in wave 6, but .github/workflows/deploy.yml runs waves 0 to 5: promote from an environment earlier in the order');
  });
});

describe('environment generator: dry run and the post-write step', () => {
  it('writes only through the Tree: before Nx flushes (a dry run never does), the disk is unchanged', async () => {
    const root = workspace();
    const tree = treeOf(root);
    await run(environmentGenerator, tree, QA);
    expect(tree.listChanges().map((c) => c.path)).toEqual(['environments/qa/environment.yaml']);
    expect(fs.existsSync(path.join(root, 'environments/qa'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'docs/addresses'))).toBe(false);
  });

  /** A workspace whose synth CLI is a stub that records its arguments and exits with `code`. */
  function withStubSynth(code) {
    const root = workspace({
      'tools/synth/cli.js': `require('fs').writeFileSync(require('path').join(process.cwd(), 'synth-args.txt'), process.argv.slice(2).join(' '));
if (${code} === 0) console.log('updated docs/addresses/qa.txt'); else { console.error('stack "qa" has invalid definitions'); process.exit(${code}); }`,
    });
    return root;
  }

  it('runs `node tools/synth/cli.js addresses --update` in the workspace after the files are written', async () => {
    const root = withStubSynth(0);
    const tree = treeOf(root);
    const { callback, output } = await run(environmentGenerator, tree, QA);
    flush(tree);
    const printed = [];
    jest.spyOn(require('@nx/devkit').logger, 'info').mockImplementation((line) => printed.push(line));
    /** @type {() => void} */ (callback)();
    expect(read(root, 'synth-args.txt')).toBe('addresses --update');
    expect(printed).toEqual(['updated docs/addresses/qa.txt']);
    expect(output).not.toContain('updated docs/addresses');
  });

  it('when the update fails, removes what it wrote and says why', async () => {
    const root = withStubSynth(1);
    const tree = treeOf(root);
    const { callback } = await run(environmentGenerator, tree, QA);
    flush(tree);
    expect(fs.existsSync(path.join(root, 'environments/qa/environment.yaml'))).toBe(true);
    expect(() => /** @type {() => void} */ (callback)()).toThrow(
      'node tools/synth/cli.js addresses --update failed, so environments/qa/environment.yaml was put back as before:\nstack "qa" has invalid definitions',
    );
    expect(fs.existsSync(path.join(root, 'environments/qa'))).toBe(false);
  });
});

describe('environment generator: schema.json', () => {
  const schema = require('./generators/environment/schema.json');

  it('gives every always-required option an x-prompt, so that Nx asks for it in a terminal', () => {
    expect(schema.required.filter((option) => !schema.properties[option]['x-prompt'])).toEqual([]);
  });

  it('takes the name as the first positional argument and refuses unknown options', () => {
    expect(schema.properties.name.$default).toEqual({ $source: 'argv', index: 0 });
    expect(schema.additionalProperties).toBe(false);
  });
});
