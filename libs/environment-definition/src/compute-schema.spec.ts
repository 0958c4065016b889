import { listenerRulePriority, SECRET_LOOKING_NAME, usesServiceConnect } from './compute-schema';
import { type Definition, problemsAfter, validateChanged as validate } from './test-fixtures';
import { formatPath } from './schema';

// The compute fields of issue 5: services[] beyond size and image, and the `compute` section.
const SECRET = 'arn:aws:secretsmanager:eu-central-1:456789012345:secret:prod/web/db-AbC123';
const PARAMETER = 'arn:aws:ssm:eu-central-1:456789012345:parameter/prod/web/queue-url';
const IMAGE = { repository: 'sample-service', tag: '1.2.3' };

/** A valid worker to add to the definition. */
function worker(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'jobs',
    kind: 'worker',
    image: IMAGE,
    cpu: 256,
    memory: 512,
    desiredCount: 1,
    minCount: 1,
    maxCount: 1,
    containerHealthCheck: { command: ['CMD-SHELL', 'test -f /tmp/ok'] },
    ...overrides,
  };
}

describe('compute definition fields', () => {
  it('accepts a definition using every field', () => {
    const result = validate((d) => {
      Object.assign(d.services[0], {
        kind: 'web',
        capacity: { fargate: 1, fargateSpot: 2 },
        architecture: 'ARM64',
        environment: { LOG_LEVEL: 'info', CACHE_TTL: '60' },
        secrets: { DATABASE_URL: SECRET, QUEUE_URL: PARAMETER },
        secretKmsKeyArns: ['arn:aws:kms:eu-central-1:456789012345:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
        healthCheck: { matcher: '200', interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3, gracePeriod: 30 },
        containerHealthCheck: { command: ['CMD', '/app/healthcheck'], interval: 15, timeout: 3, retries: 3, startPeriod: 10 },
        routing: { hosts: ['shop.example.com'], paths: ['/api/*'], priority: 100 },
        stopTimeout: 60,
        deregistrationDelay: 45,
        readOnlyRootFilesystem: false,
        readOnlyRootFilesystemReason: 'the legacy framework writes its cache next to the code',
        user: 'app:app',
        command: ['node', 'main.js'],
        sidecars: [{ name: 'proxy', image: IMAGE, essential: true, memory: 128, containerPort: 9901 }],
        taskRolePolicies: [
          { sid: 'ReadUploads', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::uploads/*'], reason: 'objects are keyed by upload id' },
        ],
        egress: [{ port: 5432, cidr: '10.40.0.0/16', description: 'PostgreSQL in the isolated subnets' }],
      });
      d.services.push(worker({ capacity: { ec2: 1 } }));
      d.compute = {
        capacity: { fargate: 1 },
        ec2: { instanceType: 'm7i.large', minSize: 1, maxSize: 3, desiredCapacity: 2, rootVolumeSize: 50 },
        ecsExec: true,
        containerInsights: 'enhanced',
        logRetentionDays: 400,
        loadBalancer: { scheme: 'internal', ingressCidrs: ['10.0.0.0/8'], accessLogRetentionDays: 90, idleTimeout: 120 },
      };
    });
    expect(result.ok ? [] : result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`)).toEqual([]);
  });

  it.each<[string, (d: Definition) => void, string[]]>([
    ['unknown kind', (d) => (d.services[0].kind = 'cron'), ['services[0].kind: must be one of "web", "backend", "worker", got the string "cron"']],
    [
      'a web service without port and health check path',
      (d) => {
        delete d.services[0].containerPort;
        delete d.services[0].healthCheckPath;
      },
      [
        'services[0].containerPort: is required for a web service (kind: web); a worker has none',
        'services[0].healthCheckPath: is required for a web service (kind: web); a worker has none',
      ],
    ],
    [
      'a worker with load balancer fields',
      (d) => d.services.push(worker({ containerPort: 8080, routing: { paths: ['/x'] } })),
      [
        'services[1].containerPort: is only for web services: a worker has no load balancer',
        'services[1].routing: is only for web services: a worker has no load balancer',
      ],
    ],
    [
      'a worker without a container health check',
      (d) => d.services.push(worker({ containerHealthCheck: undefined })),
      ['services[1].containerHealthCheck: is required for a worker: without a load balancer nothing else notices a hung task'],
    ],
    [
      'an empty capacity strategy',
      (d) => (d.services[0].capacity = { fargate: 0 }),
      ['services[0].capacity: needs a weight above 0 for at least one of fargate, fargateSpot, ec2'],
    ],
    [
      'EC2 mixed with Fargate',
      (d) => (d.services[0].capacity = { fargate: 1, ec2: 1 }),
      ['services[0].capacity.ec2: cannot be mixed with fargate or fargateSpot: a capacity provider strategy uses either Fargate or EC2 providers'],
    ],
    [
      'EC2 capacity the environment does not have',
      (d) => (d.services[0].capacity = { ec2: 1 }),
      ['services[0].capacity.ec2: needs EC2 capacity in this environment: add compute.ec2'],
    ],
    [
      'an architecture the EC2 capacity does not offer',
      (d) => {
        Object.assign(d.services[0], { capacity: { ec2: 1 }, architecture: 'ARM64' });
        d.compute = { ec2: { instanceType: 'm7i.large', minSize: 1, maxSize: 2 } };
      },
      ['services[0].architecture: is "ARM64" but the EC2 capacity (compute.ec2) is "X86_64"'],
    ],
    [
      'a task size outside EC2 limits',
      (d) => {
        Object.assign(d.services[0], { capacity: { ec2: 1 }, cpu: 64 });
        d.compute = { ec2: { instanceType: 'm7i.large', minSize: 1, maxSize: 2 } };
      },
      ['services[0].cpu: must be between 128 and 10240 CPU units for a task on EC2, got 64'],
    ],
    ['an unknown architecture', (d) => (d.services[0].architecture = 'arm64'), ['services[0].architecture: must be one of "X86_64", "ARM64", got the string "arm64" (did you mean "ARM64"?)']],
    [
      'a secret-looking environment variable',
      (d) => (d.services[0].environment = { DB_PASSWORD: 'hunter2', STRIPE_API_KEY: 'sk', LOG_LEVEL: 'info' }),
      [
        'services[0].environment.DB_PASSWORD: looks like a secret; pass it through "secrets" (a Secrets Manager or SSM parameter ARN), never as a plain environment variable',
        'services[0].environment.STRIPE_API_KEY: looks like a secret; pass it through "secrets" (a Secrets Manager or SSM parameter ARN), never as a plain environment variable',
      ],
    ],
    [
      'an invalid environment variable name',
      (d) => (d.services[0].environment = { '1ST': 'x' }),
      ['services[0].environment.1ST: "1ST" must be an environment variable name (letters, digits and _, not starting with a digit)'],
    ],
    [
      'a variable given as both setting and secret',
      (d) => Object.assign(d.services[0], { environment: { DATABASE_URL: 'x' }, secrets: { DATABASE_URL: SECRET } }),
      ['services[0].environment.DATABASE_URL: is also a secret; give it once, in "secrets"'],
    ],
    [
      'a secret that is not an ARN',
      (d) => (d.services[0].secrets = { DATABASE_URL: 'postgres://user:pass@db/app' }),
      [
        'services[0].secrets.DATABASE_URL: "postgres://user:pass@db/app" must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)',
      ],
    ],
    [
      'a KMS key that is not an ARN',
      (d) => (d.services[0].secretKmsKeyArns = ['alias/app']),
      ['services[0].secretKmsKeyArns[0]: "alias/app" must be a KMS key ARN like arn:aws:kms:eu-west-1:123456789012:key/<uuid>'],
    ],
    [
      'health check timeout not shorter than the interval',
      (d) => (d.services[0].healthCheck = { interval: 5, timeout: 5 }),
      ['services[0].healthCheck.timeout: the timeout (5 s) must be shorter than the interval (5 s)'],
    ],
    [
      'a malformed matcher',
      (d) => (d.services[0].healthCheck = { matcher: '2xx' }),
      ['services[0].healthCheck.matcher: "2xx" must be HTTP codes like "200", "200,204" or "200-399"'],
    ],
    [
      'a container health check that is not CMD or CMD-SHELL',
      (d) => (d.services[0].containerHealthCheck = { command: ['curl', 'localhost'] }),
      ['services[0].containerHealthCheck.command[0]: must be "CMD" or "CMD-SHELL", got "curl"'],
    ],
    [
      'a listener rule with more than 5 values',
      (d) => (d.services[0].routing = { hosts: ['a.example.com', 'b.example.com', 'c.example.com'], paths: ['/a', '/b', '/c'] }),
      ['services[0].routing: a listener rule takes at most 5 host and path values together; got 6'],
    ],
    [
      'a path pattern without a slash',
      (d) => (d.services[0].routing = { paths: ['api/*'] }),
      ['services[0].routing.paths[0]: "api/*" must be a path pattern starting with "/", like "/api/*" (at most 128 characters)'],
    ],
    [
      'a priority out of range',
      (d) => (d.services[0].routing = { priority: 50001 }),
      ['services[0].routing.priority: must be between 1 and 50000, got 50001'],
    ],
    [
      'two services with one priority',
      (d) => {
        d.services[0].routing = { paths: ['/api/*'], priority: 20 };
        d.services.push({ ...d.services[0], name: 'admin', routing: { paths: ['/admin/*'] } });
      },
      ['services[1].routing.priority: 20 (derived from its position) is already the listener rule priority of services[0]; give a unique "priority"'],
    ],
    [
      'a stop timeout above the Fargate limit',
      (d) => (d.services[0].stopTimeout = 121),
      ['services[0].stopTimeout: must be at most 120 seconds on Fargate, got 121'],
    ],
    [
      'a deregistration delay longer than the stop timeout',
      (d) => Object.assign(d.services[0], { stopTimeout: 20, deregistrationDelay: 30 }),
      ['services[0].deregistrationDelay: 30 s is longer than the stop timeout (20 s): the task would be killed while the load balancer still drains it'],
    ],
    [
      'a deregistration delay longer than the default stop timeout',
      (d) => (d.services[0].deregistrationDelay = 31),
      ['services[0].deregistrationDelay: 31 s is longer than the stop timeout (30 s): the task would be killed while the load balancer still drains it'],
    ],
    [
      'a writable root filesystem without a reason',
      (d) => (d.services[0].readOnlyRootFilesystem = false),
      ['services[0].readOnlyRootFilesystem: a writable root filesystem needs "readOnlyRootFilesystemReason" (a writable /tmp is always mounted)'],
    ],
    [
      'a reason without the relaxation',
      (d) => (d.services[0].readOnlyRootFilesystemReason = 'because we always did it'),
      ['services[0].readOnlyRootFilesystemReason: is only allowed with readOnlyRootFilesystem: false'],
    ],
    [
      'a reason too short to say anything',
      (d) => Object.assign(d.services[0], { readOnlyRootFilesystem: false, readOnlyRootFilesystemReason: 'needed' }),
      ['services[0].readOnlyRootFilesystemReason: must be at least 10 characters long'],
    ],
    ['running as root', (d) => (d.services[0].user = 'root'), ['services[0].user: "root" runs the container as root; use a non-root user such as "1000"']],
    ['running as UID 0', (d) => (d.services[0].user = '0:0'), ['services[0].user: "0:0" runs the container as root; use a non-root user such as "1000"']],
    [
      'a malformed user',
      (d) => (d.services[0].user = 'App User'),
      ['services[0].user: "App User" must be a user name or UID, optionally with ":group", like "1000" or "app:app"'],
    ],
    ['an empty command', (d) => (d.services[0].command = []), ['services[0].command: must list at least 1, got 0']],
    [
      'a sidecar named like the service, twice',
      (d) => (d.services[0].sidecars = [{ name: 'web', image: IMAGE }, { name: 'web', image: IMAGE }]),
      [
        'services[0].sidecars[0].name: "web" is the name of the service\'s own container',
        'services[0].sidecars[1].name: "web" is the name of the service\'s own container',
        'services[0].sidecars[1].name: "web" is already the name of sidecars[0]',
      ],
    ],
    [
      'a sidecar on the service port',
      (d) => (d.services[0].sidecars = [{ name: 'proxy', image: IMAGE, containerPort: 8080 }]),
      ['services[0].sidecars[0].containerPort: 8080 is already the service\'s containerPort'],
    ],
    [
      'sidecars taking all memory',
      (d) => (d.services[0].sidecars = [{ name: 'proxy', image: IMAGE, memory: 1024 }]),
      ["services[0].sidecars: reserve 1024 MiB, which leaves nothing of the task's 1024 MiB for the service's container"],
    ],
    [
      'a sidecar with an unpinned image and a secret in plain text',
      (d) => (d.services[0].sidecars = [{ name: 'proxy', image: { repository: 'envoy' }, environment: { ADMIN_TOKEN: 't' } }]),
      [
        'services[0].sidecars[0].image: is not pinned: give an immutable "tag" or a "digest"',
        'services[0].sidecars[0].environment.ADMIN_TOKEN: looks like a secret; pass it through "secrets" (a Secrets Manager or SSM parameter ARN), never as a plain environment variable',
      ],
    ],
    [
      'a task role policy granting every action',
      (d) => (d.services[0].taskRolePolicies = [{ sid: 'All', actions: ['*', 's3:*'], resources: ['arn:aws:s3:::b/*'], reason: 'objects are keyed by id' }]),
      [
        'services[0].taskRolePolicies[0].actions[0]: "*" grants every action; list the actions the application needs',
        'services[0].taskRolePolicies[0].actions[1]: "s3:*" grants every action; list the actions the application needs',
      ],
    ],
    [
      'a wildcard resource without a reason',
      (d) => (d.services[0].taskRolePolicies = [{ sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::uploads/*', '*'] }]),
      [
        'services[0].taskRolePolicies[0].resources[0]: "arn:aws:s3:::uploads/*" is a wildcard; add a "reason" saying why the application needs it',
        'services[0].taskRolePolicies[0].resources[1]: "*" is a wildcard; add a "reason" saying why the application needs it',
      ],
    ],
    [
      'a malformed statement id and resource',
      (d) => (d.services[0].taskRolePolicies = [{ sid: 'read-uploads', actions: ['s3:GetObject'], resources: ['uploads'] }]),
      [
        'services[0].taskRolePolicies[0].sid: "read-uploads" must be letters and digits only',
        'services[0].taskRolePolicies[0].resources[0]: "uploads" must be an ARN (arn:aws:<service>:<region>:<account>:<resource>) or "*"',
      ],
    ],
    [
      'an egress rule with a bad CIDR and no description',
      (d) => (d.services[0].egress = [{ port: 5432, cidr: '10.40.0.1/16' }]),
      [
        'services[0].egress[0].cidr: "10.40.0.1/16" has host bits set; the network address is 10.40.0.0/16',
        'services[0].egress[0].description: is required',
      ],
    ],
    [
      'an EC2 default strategy',
      (d) => (d.compute = { capacity: { ec2: 1 }, ec2: { instanceType: 'm7i.large', minSize: 1, maxSize: 2 } }),
      ['compute.capacity.ec2: the default strategy uses Fargate only; choose EC2 per service with capacity: {ec2: 1}'],
    ],
    [
      'an instance type of the other architecture',
      (d) => (d.compute = { ec2: { instanceType: 'm7g.large', minSize: 1, maxSize: 2 } }),
      ['compute.ec2.instanceType: "m7g.large" is an ARM64 instance type but architecture is "X86_64"'],
    ],
    [
      'Auto Scaling group bounds out of order',
      (d) => (d.compute = { ec2: { instanceType: 'm7i.large', minSize: 3, maxSize: 2 } }),
      ['compute.ec2.minSize: 3 is greater than maxSize 2'],
    ],
    [
      'a desired capacity outside the bounds',
      (d) => (d.compute = { ec2: { instanceType: 'm7i.large', minSize: 1, maxSize: 2, desiredCapacity: 5 } }),
      ['compute.ec2.desiredCapacity: 5 is outside [minSize, maxSize] = [1, 2]'],
    ],
    [
      'a malformed instance type',
      (d) => (d.compute = { ec2: { instanceType: 'large', minSize: 1, maxSize: 2 } }),
      ['compute.ec2.instanceType: "large" must be an EC2 instance type like "m7g.large"'],
    ],
    [
      'an unknown Container Insights level',
      (d) => (d.compute = { containerInsights: 'on' }),
      ['compute.containerInsights: must be one of "enabled", "enhanced", got the string "on"'],
    ],
    [
      'production turning off deletion protection without a reason',
      (d) => (d.compute = { loadBalancer: { deletionProtection: false } }),
      ['compute.loadBalancer.deletionProtection: the production tier keeps deletion protection on; turning it off needs "deletionProtectionReason"'],
    ],
    [
      'production turning off access logs without a reason',
      (d) => (d.compute = { loadBalancer: { accessLogs: false } }),
      ['compute.loadBalancer.accessLogs: the production tier keeps access logs; turning them off needs "accessLogsReason"'],
    ],
    [
      'a relaxation reason without the relaxation',
      (d) => (d.compute = { loadBalancer: { accessLogsReason: 'the WAF logs every request already' } }),
      ['compute.loadBalancer.accessLogsReason: is only allowed with accessLogs: false'],
    ],
    [
      'production keeping service logs shorter than its preset',
      (d) => (d.compute = { logRetentionDays: 90 }),
      ['compute.logRetentionDays: production tier keeps service logs at least 365 days; got 90'],
    ],
    [
      'a log retention CloudWatch does not offer',
      (d) => (d.compute = { logRetentionDays: 45 }),
      [
        'compute.logRetentionDays: 45 days is not a retention period CloudWatch Logs offers; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
      ],
    ],
    [
      'an unknown scheme and a bad ingress CIDR',
      (d) => (d.compute = { loadBalancer: { scheme: 'public', ingressCidrs: ['0.0.0.0'] } }),
      [
        'compute.loadBalancer.scheme: must be one of "internet-facing", "internal", got the string "public"',
        'compute.loadBalancer.ingressCidrs[0]: "0.0.0.0" is not an IPv4 CIDR block like 10.0.0.0/16',
      ],
    ],
    ['a misspelt compute field', (d) => (d.compute = { ecsExc: true }), ['compute.ecsExc: unknown field (did you mean "ecsExec"?)']],
  ])('reports %s', (_, change, expected) => {
    expect(problemsAfter(change)).toEqual(expected);
  });

  it('lets production relax its load balancer presets with written reasons', () => {
    expect(
      problemsAfter(
        (d) =>
          (d.compute = {
            loadBalancer: {
              deletionProtection: false,
              deletionProtectionReason: 'replaced by a blue/green pair during the migration',
              accessLogs: false,
              accessLogsReason: 'CloudFront in front logs every request',
            },
          }),
      ),
    ).toEqual([]);
  });

  it('lets a non-production tier turn presets off without reasons and keep logs shorter', () => {
    expect(
      problemsAfter((d) => {
        d.tier = 'non-production';
        d.compute = { logRetentionDays: 7, loadBalancer: { deletionProtection: false, accessLogs: false } };
      }),
    ).toEqual([]);
  });

  it('allows stop timeouts above 120 s on EC2', () => {
    expect(
      problemsAfter((d) => {
        Object.assign(d.services[0], { capacity: { ec2: 1 }, stopTimeout: 300 });
        d.compute = { ec2: { instanceType: 'm7i.large', minSize: 1, maxSize: 2 } };
      }),
    ).toEqual([]);
  });

  it('derives listener rule priorities: explicit first, path rules ahead of host-only rules', () => {
    expect(listenerRulePriority({ routing: { priority: 7 } }, 3)).toBe(7);
    expect(listenerRulePriority({ routing: { paths: ['/api/*'] } }, 1)).toBe(20);
    expect(listenerRulePriority({}, 0)).toBe(40010);
  });

  it('recognises secret-looking names without flagging ordinary ones', () => {
    for (const name of ['DB_PASSWORD', 'GITHUB_TOKEN', 'CLIENT_SECRET', 'API_KEY', 'AWS_SECRET_ACCESS_KEY', 'SIGNING_KEY', 'CREDENTIALS_FILE']) {
      expect(SECRET_LOOKING_NAME.test(name)).toBe(true);
    }
    for (const name of ['LOG_LEVEL', 'KEYCLOAK_URL', 'MONKEY_MODE', 'CACHE_TTL']) {
      expect(SECRET_LOOKING_NAME.test(name)).toBe(false);
    }
  });
});

/** A valid backend service: a port other services call through Service Connect, no load balancer. */
function backend(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'catalog',
    kind: 'backend',
    image: IMAGE,
    cpu: 256,
    memory: 512,
    containerPort: 8080,
    desiredCount: 1,
    minCount: 1,
    maxCount: 1,
    containerHealthCheck: { command: ['CMD', 'node', 'src/healthcheck.js'] },
    ...overrides,
  };
}

describe('Service Connect: kind backend and calls', () => {
  it('accepts a web service calling a backend, a worker calling both, and services calling each other', () => {
    expect(
      problemsAfter((d) => {
        d.services[0].calls = ['catalog'];
        d.services.push(backend({ calls: ['web'] }), worker({ calls: ['catalog', 'web'] }));
      }),
    ).toEqual([]);
  });

  it('uses Service Connect exactly when a service is a backend or calls another', () => {
    const definition = (change: (d: Definition) => void) => {
      const result = validate(change);
      if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
      return result.value;
    };
    expect(usesServiceConnect(definition(() => undefined))).toBe(false);
    expect(usesServiceConnect(definition((d) => d.services.push(backend())))).toBe(true);
    expect(usesServiceConnect(definition((d) => d.services.push(worker({ calls: ['web'] }))))).toBe(true);
  });

  it.each<[string, (d: Definition) => void, string[]]>([
    [
      'a backend without a port or container health check, with load balancer fields',
      (d) => d.services.push(backend({ containerPort: undefined, containerHealthCheck: undefined, healthCheckPath: '/healthz', routing: { paths: ['/x'] } })),
      [
        'services[1].containerPort: is required for a backend service (kind: backend): other services call it on this port through Service Connect',
        'services[1].healthCheckPath: is only for web services: a backend service has no load balancer (other services reach it through Service Connect)',
        'services[1].routing: is only for web services: a backend service has no load balancer (other services reach it through Service Connect)',
        'services[1].containerHealthCheck: is required for a backend service: without a load balancer nothing else notices a hung task',
      ],
    ],
    [
      'a call to a service that does not exist',
      (d) => {
        d.services[0].calls = ['catalgo'];
        d.services.push(backend());
      },
      ['services[0].calls[0]: "catalgo" is not a service of this environment (did you mean "catalog"?)'],
    ],
    ['a call to no service at all', (d) => (d.services[0].calls = ['payments']), ['services[0].calls[0]: "payments" is not a service of this environment']],
    ['a call to itself', (d) => (d.services[0].calls = ['web']), ['services[0].calls[0]: a service cannot call itself: it reaches its own port on localhost']],
    [
      'a call to a worker',
      (d) => {
        d.services[0].calls = ['jobs'];
        d.services.push(worker());
      },
      ['services[0].calls[0]: "jobs" has no container port to call: only a web or backend service serves through Service Connect'],
    ],
    [
      'a call listed twice',
      (d) => {
        d.services[0].calls = ['catalog', 'catalog'];
        d.services.push(backend());
      },
      ['services[0].calls[1]: "catalog" is listed twice'],
    ],
    ['an empty list', (d) => (d.services[0].calls = []), ['services[0].calls: must list at least 1, got 0']],
    [
      'request-count scaling of a backend',
      (d) => d.services.push(backend({ minCount: 1, maxCount: 2, scaling: { requestsPerTarget: 100 } })),
      ['services[1].scaling.requestsPerTarget: needs a load-balanced service: a backend has no target group whose requests could be counted'],
    ],
  ])('%s', (_name, change, expected) => {
    expect(problemsAfter(change)).toEqual(expected);
  });
});
