import { environmentSchema } from './environment-schema';
import { formatProblem, parseDefinition } from './load';
import { formatPath } from './schema';
import { toYaml, validDefinition } from './test-fixtures';

const FILE = 'environments/prod/environment.yaml';

type Definition = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Validates a modified copy of the valid definition and returns "path: message" lines. */
function problemsAfter(change: (definition: Definition) => void): string[] {
  const definition = validDefinition() as Definition;
  change(definition);
  const result = parseDefinition(toYaml(definition), FILE, environmentSchema);
  return result.ok ? [] : result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
}

describe('IAM actions and account-bound ARNs', () => {
  it.each<[string, (d: Definition) => void, string[]]>([
    [
      'a misspelt IAM action, with the real one suggested (the AWS action dataset)',
      (d) => (d.services[0].taskRolePolicies = [{ sid: 'Send', actions: ['sqs:SendMessages'], resources: ['arn:aws:sqs:eu-central-1:456789012345:orders'] }]),
      ['services[0].taskRolePolicies[0].actions[0]: "sqs:SendMessages" is not an IAM action of service sqs (did you mean "sqs:SendMessage"?)'],
    ],
    [
      'an unknown service prefix',
      (d) => (d.services[0].taskRolePolicies = [{ sid: 'Send', actions: ['sqss:SendMessage'], resources: ['arn:aws:sqs:eu-central-1:456789012345:orders'] }]),
      ['services[0].taskRolePolicies[0].actions[0]: "sqss:SendMessage": no AWS service has the prefix "sqss" (did you mean "sqs"?)'],
    ],
    [
      'a wildcard matching no action',
      (d) => (d.services[0].taskRolePolicies = [{ sid: 'Read', actions: ['s3:Fetch*'], resources: ['arn:aws:s3:::uploads/x'] }]),
      ['services[0].taskRolePolicies[0].actions[0]: "s3:Fetch*" matches no s3 action'],
    ],
    [
      'a secret of another account (a copied definition)',
      (d) => (d.services[0].secrets = { DATABASE_URL: 'arn:aws:secretsmanager:eu-central-1:345678901234:secret:staging/db-Q1w2E3' }),
      ["services[0].secrets.DATABASE_URL: the secret belongs to account 345678901234, not to this environment's account 456789012345 (copied from another environment?)"],
    ],
    [
      'a secret key of another account',
      (d) => {
        d.services[0].secrets = { DATABASE_URL: 'arn:aws:ssm:eu-central-1:456789012345:parameter/prod/db' };
        d.services[0].secretKmsKeyArns = ['arn:aws:kms:eu-central-1:345678901234:key/3b1f6c2e-8a47-4d95-b0e3-7c5a9d2f1e64'];
      },
      ["services[0].secretKmsKeyArns[0]: the key belongs to account 345678901234, not to this environment's account 456789012345 (copied from another environment?)"],
    ],
  ])('rejects %s', (_name, change, expected) => {
    expect(problemsAfter(change)).toEqual(expected);
  });

  it('accepts real actions, their wildcard patterns and the account\'s own secrets', () => {
    expect(
      problemsAfter((d) => {
        d.services[0].taskRolePolicies = [{ sid: 'Queue', actions: ['sqs:SendMessage', 'sqs:Get*'], resources: ['arn:aws:sqs:eu-central-1:456789012345:orders'] }];
        d.services[0].secrets = { DATABASE_URL: 'arn:aws:secretsmanager:eu-central-1:456789012345:secret:prod/db-Z9y8X7' };
      }),
    ).toEqual([]);
  });
});

describe('environment definition schema', () => {
  it('accepts the valid definition and applies defaults', () => {
    const definition = validDefinition();
    delete definition.tags;
    const result = parseDefinition(toYaml(definition), FILE, environmentSchema);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.tags).toEqual({});
  });

  it.each<[string, (d: Definition) => void, string[]]>([
    ['malformed VPC CIDR', (d) => (d.network.vpcCidr = '10.40.0/16'), ['network.vpcCidr: "10.40.0/16" is not an IPv4 CIDR block like 10.0.0.0/16']],
    ['CIDR octet above 255', (d) => (d.network.vpcCidr = '10.400.0.0/16'), ['network.vpcCidr: "10.400.0.0/16" has an octet above 255']],
    ['CIDR with host bits', (d) => (d.network.vpcCidr = '10.40.1.0/16'), ['network.vpcCidr: "10.40.1.0/16" has host bits set; the network address is 10.40.0.0/16']],
    ['VPC too large', (d) => (d.network.vpcCidr = '10.0.0.0/8'), ['network.vpcCidr: AWS allows VPC CIDR blocks from /16 to /28, got /8']],
    [
      'VPC too small for the derived plan',
      (d) => (d.network.vpcCidr = '10.40.0.0/24'),
      ['network.vpcCidr: a /24 VPC is too small for the derived subnet plan (needs /22 or larger, so that public subnets are at least /28); use a larger VPC or list the subnets explicitly'],
    ],
    [
      'explicit subnet outside the VPC',
      (d) => (d.network.subnets = { public: ['10.40.0.0/24', '10.40.1.0/24', '10.41.2.0/24'], private: ['10.40.16.0/20', '10.40.32.0/20', '10.40.48.0/20'] }),
      ['network.subnets.public[2]: 10.41.2.0/24 does not fit inside the VPC 10.40.0.0/16'],
    ],
    [
      'overlapping explicit subnets',
      (d) => (d.network.subnets = { public: ['10.40.0.0/24', '10.40.1.0/24', '10.40.2.0/24'], private: ['10.40.0.0/20', '10.40.32.0/20', '10.40.48.0/20'] }),
      ['network.subnets.private[0]: 10.40.0.0/20 overlaps network.subnets.public[0] (10.40.0.0/24)'],
    ],
    [
      'explicit subnets not one per AZ',
      (d) => (d.network.subnets = { public: ['10.40.0.0/24', '10.40.1.0/24'], private: ['10.40.16.0/20', '10.40.32.0/20', '10.40.48.0/20'] }),
      ['network.subnets.public: lists 2 subnets for 3 availability zones; give one per zone, in order'],
    ],
    [
      'a zone the derived plan has no slot for',
      (d) => (d.availabilityZones = ['eu-central-1a', 'eu-central-1g']),
      ['network.vpcCidr: the derived subnet plan has slots for zones ending in a to f only, not eu-central-1g; list the subnets explicitly'],
    ],
    ['fewer than two AZs', (d) => (d.availabilityZones = ['eu-central-1a']), ['availabilityZones: must list at least 2, got 1']],
    [
      'AZ outside the region',
      (d) => (d.availabilityZones = ['eu-central-1a', 'eu-west-1b', 'eu-central-1c']),
      ['availabilityZones[1]: "eu-west-1b" is not an availability zone of region eu-central-1'],
    ],
    [
      'AZ listed twice',
      (d) => (d.availabilityZones = ['eu-central-1a', 'eu-central-1a']),
      ['availabilityZones[1]: "eu-central-1a" is listed twice'],
    ],
    [
      'production without a NAT gateway per AZ',
      (d) => (d.network.natGateways = 'single'),
      ['network.natGateways: production tier needs "one-per-az" so that losing one availability zone does not cut the others off; got "single"'],
    ],
    [
      'Fargate CPU that does not exist',
      (d) => (d.services[0].cpu = 300),
      ['services[0].cpu: 300 is not a Fargate CPU value; use one of 256, 512, 1024, 2048, 4096, 8192, 16384'],
    ],
    [
      'Fargate memory not offered for the CPU',
      (d) => (d.services[0].memory = 512),
      ['services[0].memory: 512 MiB is not offered by Fargate with 512 CPU units; use 1024 to 4096 in steps of 1024'],
    ],
    [
      'min above max',
      (d) => Object.assign(d.services[0], { minCount: 5, maxCount: 4, desiredCount: 4 }),
      ['services[0].minCount: 5 is greater than maxCount 4'],
    ],
    [
      'desired outside [min, max]',
      (d) => (d.services[0].desiredCount = 9),
      ['services[0].desiredCount: 9 is outside [minCount, maxCount] = [2, 4]'],
    ],
    ['port out of range', (d) => (d.services[0].containerPort = 70000), ['services[0].containerPort: must be between 1 and 65535, got 70000']],
    ['port zero', (d) => (d.services[0].containerPort = 0), ['services[0].containerPort: must be between 1 and 65535, got 0']],
    [
      'scaling target out of range',
      (d) => (d.services[0].scaling = { cpuTarget: 95, requestsPerTarget: 0 }),
      [
        'services[0].scaling.cpuTarget: must be between 10 and 90 percent, got 95',
        'services[0].scaling.requestsPerTarget: must be between 1 and 100000 requests per target per minute, got 0',
      ],
    ],
    [
      'duplicate service names',
      (d) => d.services.push({ ...d.services[0] }),
      ['services[1].name: "web" is already the name of services[0]'],
    ],
    ['account id not 12 digits', (d) => (d.accountId = '12345'), ['accountId: "12345" must be exactly 12 digits']],
    [
      'account id unquoted',
      (d) => (d.accountId = 456789012345),
      ['accountId: must be a quoted string of 12 digits (unquoted, YAML reads it as a number)'],
    ],
    [
      'image pinned to latest',
      (d) => (d.services[0].image.tag = 'latest'),
      ['services[0].image.tag: "latest" is not a pin: it moves with every push; use an immutable release tag or a digest'],
    ],
    [
      'image not pinned',
      (d) => delete d.services[0].image.tag,
      ['services[0].image: is not pinned: give an immutable "tag" or a "digest"'],
    ],
    [
      'image pinned twice',
      (d) => (d.services[0].image.digest = `sha256:${'a'.repeat(64)}`),
      ['services[0].image: gives both "tag" and "digest"; pin by exactly one'],
    ],
    [
      'malformed digest',
      (d) => {
        delete d.services[0].image.tag;
        d.services[0].image.digest = 'sha256:abc';
      },
      ['services[0].image.digest: "sha256:abc" must be "sha256:" followed by 64 lowercase hex digits'],
    ],
    ['unknown field with a suggestion', (d) => (d.network.vpcCidrs = '10.0.0.0/16'), ['network.vpcCidrs: unknown field (did you mean "vpcCidr"?)']],
    [
      'unknown field without a suggestion',
      (d) => (d.services[0].replicas = 3),
      ['services[0].replicas: unknown field; known fields: name, image, cpu, memory, containerPort, healthCheckPath, desiredCount, minCount, maxCount, scaling, kind, capacity, architecture, environment, secrets, secretKmsKeyArns, healthCheck, containerHealthCheck, routing, stopTimeout, deregistrationDelay, readOnlyRootFilesystem, readOnlyRootFilesystemReason, user, command, sidecars, taskRolePolicies, egress, calls, queue'],
    ],
    ['unknown region', (d) => (d.region = 'eu-centrl-1'), ['region: "eu-centrl-1" is not an AWS region (did you mean "eu-central-1"?)']],
    ['unknown tier', (d) => (d.tier = 'prod'), ['tier: must be one of "production", "non-production", got the string "prod"']],
    ['missing required field', (d) => delete d.stateBackend, ['stateBackend: is required']],
    [
      'deploy role of another account',
      (d) => (d.deployRoleArn = 'arn:aws:iam::111111111111:role/deploy'),
      ['deployRoleArn: belongs to another account than accountId 456789012345'],
    ],
    [
      'no way to get a certificate',
      (d) => (d.dns = { domainName: 'shop.example.com' }),
      ['dns: needs "certificateArn" or "hostedZoneId" (to request a DNS-validated certificate): the load balancer only serves HTTPS'],
    ],
    [
      'certificate from another region',
      (d) => (d.dns.certificateArn = 'arn:aws:acm:us-east-1:456789012345:certificate/3b1f6c2e-8a47-4d95-b0e3-7c5a9d2f1e64'),
      ["dns.certificateArn: must be in this environment's account 456789012345 and region eu-central-1: a load balancer can only use a certificate of its own region"],
    ],
    ['reserved tag', (d) => (d.tags.Environment = 'x'), ['tags.Environment: is set by the platform on every resource and cannot be overridden']],
    ['health check path without slash', (d) => (d.services[0].healthCheckPath = 'healthz'), ['services[0].healthCheckPath: "healthz" must be a URL path starting with "/"']],
  ])('rejects %s', (_label, change, expected) => {
    expect(problemsAfter(change)).toEqual(expected);
  });

  it('reports every problem at once, even when other fields are broken', () => {
    const problems = problemsAfter((d) => {
      d.accountId = '1';
      d.netwrk = {};
      d.services[0].memory = 3;
      d.services[0].minCount = 9;
      d.availabilityZones = ['eu-central-1a', 'us-east-1a'];
    });
    expect(problems).toEqual([
      'netwrk: unknown field (did you mean "network"?)',
      'accountId: "1" must be exactly 12 digits',
      'services[0].memory: 3 MiB is not offered by Fargate with 512 CPU units; use 1024 to 4096 in steps of 1024',
      'services[0].minCount: 9 is greater than maxCount 4',
      'availabilityZones[1]: "us-east-1a" is not an availability zone of region eu-central-1',
    ]);
  });

  it('locates each problem at its line and column', () => {
    const text = [
      'name: prod',
      'tier: production',
      'accountId: "456789012345"',
      'region: eu-central-1',
      'availabilityZones: [eu-central-1a, eu-central-1b]',
      'network:',
      '  vpcCidr: 10.40.0.0/16',
      '  natGateways: single',
      'stateBackend: {bucket: acme-tfstate, lockTable: acme-tflock, region: eu-central-1}',
      'dns: {domainName: shop.example.com, hostedZoneId: Z0123}',
    ].join('\n');
    const result = parseDefinition(text, FILE, environmentSchema);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `${FILE}:8:16: network.natGateways: production tier needs "one-per-az" so that losing one availability zone does not cut the others off; got "single"`,
    ]);
  });

  it('reports YAML syntax errors with their line, and a duplicated key with its field path and first line', () => {
    const duplicate = parseDefinition('name: a\nname: b\n', FILE, environmentSchema);
    expect(duplicate.ok ? [] : duplicate.problems.map(formatProblem)).toEqual([
      `${FILE}:2:1: name: is given twice; the first is on line 1 (a repeated key would silently override it)`,
    ]);
    const nested = parseDefinition('name: a\nservices:\n  - name: web\n    cpu: 256\n    memory: 512\n    cpu: 512\n', FILE, environmentSchema);
    expect(nested.ok ? [] : nested.problems.map(formatProblem)).toEqual([
      `${FILE}:6:5: services[0].cpu: is given twice; the first is on line 4 (a repeated key would silently override it)`,
    ]);
    const broken = parseDefinition('name: [a\n', FILE, environmentSchema);
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : formatProblem(broken.problems[0])).toMatch(new RegExp(`^${FILE}:\\d+:\\d+: YAML: `));
  });
});
