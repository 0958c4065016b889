'use strict';
/**
 * The service generator on an Nx Tree over a temporary copy of the real definitions.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const serviceGenerator = require('./generators/service/generator');
const prompt = require('./lib/prompt');
const { baseline, flush, problemsOf, read, refusal, remove, run, treeOf, workspaceCopy } = require('./testing');

const DIGEST = 'sha256:9f2c4e1b7a8d3f60e5c1b2a4d7e8f9012a3b4c5d6e7f80912a3b4c5d6e7f8091';
const CHECKOUT = { name: 'checkout', environment: 'staging', kind: 'web', path: '/checkout/*', repository: 'sample-service' };
const HEARTBEAT = 'find /tmp/heartbeat -mmin -1 | grep -q .';

const roots = [];
/** @param {Parameters<typeof workspaceCopy>[0]} [edits] */
function workspace(edits) {
  const root = workspaceCopy(edits);
  roots.push(root);
  return root;
}
afterAll(() => roots.forEach(remove));
afterEach(() => jest.restoreAllMocks());

async function generate(options, edits) {
  const root = workspace(edits);
  const tree = treeOf(root);
  const { output, callback } = await run(serviceGenerator, tree, options);
  const changes = tree.listChanges().map((c) => `${c.type} ${c.path}`);
  flush(tree);
  const file = `environments/${options.environment}/environment.yaml`;
  const before = baseline(file);
  const text = read(root, file);
  return { root, text, before, output, callback, changes, added: YAML.parse(text).services.at(-1) };
}

/** The lines the generator added to a file (the rest must be byte for byte the same). */
function addedLines(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  expect([...b.slice(0, start), ...b.slice(b.length - end)]).toEqual(a);
  return b.slice(start, b.length - end).join('\n');
}

describe('service generator: a web service in staging', () => {
  let result;
  beforeAll(async () => {
    result = await generate(CHECKOUT);
  });

  it('appends it to staging and changes nothing else; the workspace stays valid', () => {
    expect(result.changes).toEqual(['UPDATE environments/staging/environment.yaml']);
    expect(addedLines(result.before, result.text)).toBe(
      [
        '  # Added by `nx g @ecs-platform/nx-plugin:service` (web); review its size, counts and health checks.',
        '  - name: checkout',
        '    image:',
        '      repository: sample-service',
        `      digest: ${DIGEST}`,
        '    cpu: 256',
        '    memory: 512',
        '    containerPort: 8080',
        '    healthCheckPath: /healthz',
        '    desiredCount: 1',
        '    minCount: 1',
        '    maxCount: 2',
        '    scaling:',
        '      cpuTarget: 70',
        '    routing:',
        '      paths: [/checkout/*]',
        '      priority: 30',
        '    containerHealthCheck:',
        '      command: [CMD, node, src/healthcheck.js]',
        '',
      ].join('\n'),
    );
    expect(problemsOf(result.root)).toEqual([]);
  });

  it('says what it chose and what is left to do', () => {
    expect(result.output.split('\n')).toEqual([
      'checkout: services[2] of environments/staging/environment.yaml (web, tier non-production)',
      `  image sample-service pinned by digest ${DIGEST}, as storefront, order-worker in staging`,
      '  routing: https://staging.shop.acme-corp.com/checkout/*, listener rule priority 30',
      '  container health check ["CMD","node","src/healthcheck.js"], as storefront (same image and port)',
      '  1 to 2 tasks of 256 CPU units / 512 MiB, scaling on CPU at 70 % (non-production tier)',
      '',
      'To do:',
      "  1. the load balancer checks /healthz on port 8080 (healthy: HTTP 200-399): checkout's image must answer it",
      '  2. no secrets, environment variables or task role permissions yet: add services[2].secrets, .environment or .taskRolePolicies if checkout needs them (docs/environments.md)',
      '',
    ]);
    expect(result.callback).toEqual(expect.any(Function));
  });
});

describe('service generator: options', () => {
  it('production: at least two tasks, scaling on CPU', async () => {
    const { added, root } = await generate({ ...CHECKOUT, environment: 'prod' });
    expect(added).toMatchObject({ desiredCount: 2, minCount: 2, maxCount: 4, scaling: { cpuTarget: 60 } });
    expect(problemsOf(root)).toEqual([]);
  });

  it('--tag, --cpu, --memory, --port, --health-check-path, --command; paths comma-separated', async () => {
    const { added, output, root } = await generate({
      ...CHECKOUT,
      path: '/checkout/*,/cart/*',
      tag: '2026.11.24-5d3e9a1',
      cpu: 512,
      memory: 1024,
      port: 9090,
      healthCheckPath: '/ready',
      command: 'node src/checkout.js',
    });
    expect(added).toEqual({
      name: 'checkout',
      image: { repository: 'sample-service', tag: '2026.11.24-5d3e9a1' },
      command: ['node', 'src/checkout.js'],
      cpu: 512,
      memory: 1024,
      containerPort: 9090,
      healthCheckPath: '/ready',
      desiredCount: 1,
      minCount: 1,
      maxCount: 2,
      scaling: { cpuTarget: 70 },
      routing: { paths: ['/checkout/*', '/cart/*'], priority: 30 },
    });
    // Another port: storefront's container health check is not copied.
    expect(output).not.toContain('container health check');
    expect(output).toContain('routing: https://staging.shop.acme-corp.com/checkout/*, https://staging.shop.acme-corp.com/cart/*, listener rule priority 30');
    expect(problemsOf(root)).toEqual([]);
  });

  it('a worker: no port, no route, its container health check, its command', async () => {
    const { added, text, before, root } = await generate({
      name: 'mailer',
      environment: 'dev',
      kind: 'worker',
      repository: 'sample-service',
      command: '["node", "src/worker.js", "--queue", "mail"]',
      containerHealthCheck: HEARTBEAT,
    });
    expect(added).toEqual({
      name: 'mailer',
      kind: 'worker',
      image: { repository: 'sample-service', tag: '2026.11.24-5d3e9a1' },
      command: ['node', 'src/worker.js', '--queue', 'mail'],
      cpu: 256,
      memory: 512,
      desiredCount: 1,
      minCount: 1,
      maxCount: 2,
      scaling: { cpuTarget: 70 },
      containerHealthCheck: { command: ['CMD-SHELL', HEARTBEAT] },
    });
    // Quoted as the definitions write it.
    expect(addedLines(before, text)).toContain(`      command: [CMD-SHELL, "${HEARTBEAT}"]`);
    expect(problemsOf(root)).toEqual([]);
  });

  it('a container health check given as a JSON list', async () => {
    const { added } = await generate({ ...CHECKOUT, containerHealthCheck: '["CMD", "/app/healthcheck"]' });
    expect(added.containerHealthCheck).toEqual({ command: ['CMD', '/app/healthcheck'] });
  });

  it('a repository the registry lacks is added with the default lifecycle (and release- protected), comments kept', async () => {
    const { root, output, changes } = await generate({ ...CHECKOUT, repository: 'checkout', tag: '1.0.0-rc1' });
    expect(changes).toEqual(['UPDATE environments/staging/environment.yaml', 'UPDATE registry/registry.yaml']);
    expect(addedLines(baseline('registry/registry.yaml'), read(root, 'registry/registry.yaml'))).toBe(
      [
        '  # Added by `nx g @ecs-platform/nx-plugin:service` for checkout in staging.',
        '  - name: checkout',
        '    lifecycle:',
        '      untaggedExpiryDays: 14',
        '      keepReleaseImages: 30',
        '      protectedTagPrefixes: [release-]',
        '',
      ].join('\n'),
    );
    expect(output).toContain('registry/registry.yaml: repository checkout added (untagged images expire after 14 days, 30 images kept, release- tags protected)');
    expect(output).toContain(
      'nothing builds checkout yet: add apps/checkout/Dockerfile (or a build: context in registry/registry.yaml, docs/registry.md), and push the pinned image before staging deploys',
    );
    expect(problemsOf(root)).toEqual([]);
  });

  it('a repository whose build context has a Dockerfile', async () => {
    const { output } = await generate({ ...CHECKOUT, repository: 'checkout', tag: '1.0.0' }, { 'apps/checkout/Dockerfile': 'FROM scratch\n' });
    expect(output).toContain('the image workflow builds checkout from apps/checkout/Dockerfile; the registry stack (wave 0) creates the repository first');
  });

  it('a listener rule priority no other web service has, in the band of path rules', async () => {
    // storefront takes 30 explicitly, for a path of its own.
    const edits = { 'environments/staging/environment.yaml': (t) => t.replace('    healthCheckPath: /healthz\n', '    healthCheckPath: /healthz\n    routing:\n      paths: [/shop/*]\n      priority: 30\n') };
    const { added, output, root } = await generate(CHECKOUT, edits);
    expect(added.routing).toEqual({ paths: ['/checkout/*'], priority: 40 });
    expect(output).toContain("listener rule priority 40 (30, the one its position gives, is storefront's)");
    expect(problemsOf(root)).toEqual([]);
  });

  it('without --path when no other web service takes every path: every path of the domain, a host-only priority', async () => {
    const edits = { 'environments/staging/environment.yaml': (t) => t.replace('    healthCheckPath: /healthz\n', '    healthCheckPath: /healthz\n    routing:\n      paths: [/shop/*]\n') };
    const { added, output } = await generate({ ...CHECKOUT, path: undefined }, edits);
    expect(added.routing).toEqual({ priority: 40030 });
    expect(output).toContain('routing: https://staging.shop.acme-corp.com (every path), listener rule priority 40030');
  });

  it('ahead of a rule that takes every path of the domain', async () => {
    const edits = { 'environments/staging/environment.yaml': (t) => t.replace('    healthCheckPath: /healthz\n', '    healthCheckPath: /healthz\n    routing:\n      priority: 25\n') };
    const { added, output, root } = await generate(CHECKOUT, edits);
    expect(added.routing).toEqual({ paths: ['/checkout/*'], priority: 24 });
    expect(output).toContain('(30, the one its position gives, would come after the rule taking every path of staging.shop.acme-corp.com (25))');
    expect(problemsOf(root)).toEqual([]);
  });

  it('an environment without services gets a services list', async () => {
    const edits = {
      'environments/dev/environment.yaml': (t) => t.slice(0, t.indexOf('services:')) + t.slice(t.indexOf('# Cluster, capacity')),
    };
    const { text, added, root } = await generate({ ...CHECKOUT, environment: 'dev', tag: '2026.11.24-5d3e9a1', path: undefined }, edits);
    expect(text).toContain('  hostedZoneId: Z04518221DEVSHOP0ACME\n\nservices:\n  # Added by');
    expect(added.routing).toEqual({ priority: 40010 });
    expect(problemsOf(root)).toEqual([]);
  });

  it.each([['services:\n'], ['services: []\n']])('an empty %j becomes a block list with the service', async (empty) => {
    const edits = {
      'environments/dev/environment.yaml': (t) => t.slice(0, t.indexOf('services:')) + empty + '\n' + t.slice(t.indexOf('# Cluster, capacity')),
    };
    const root = workspace(edits);
    const tree = treeOf(root);
    await run(serviceGenerator, tree, { ...CHECKOUT, environment: 'dev', tag: 'v1', path: undefined });
    expect(tree.read('environments/dev/environment.yaml', 'utf-8')).toContain('services:\n  # Added by');
  });
});

describe('service generator: prompts (interactive terminal only)', () => {
  it('asks for the image pin when nothing gives one', async () => {
    jest.spyOn(prompt, 'canPrompt').mockReturnValue(true);
    const ask = jest.spyOn(prompt, 'ask').mockResolvedValue(DIGEST);
    const { added } = await generate({ ...CHECKOUT, repository: 'checkout' });
    expect(ask).toHaveBeenCalledWith('Image tag or digest (sha256:...) of checkout', expect.any(Function));
    expect(added.image).toEqual({ repository: 'checkout', digest: DIGEST });
  });

  it("asks for a worker's container health check", async () => {
    jest.spyOn(prompt, 'canPrompt').mockReturnValue(true);
    jest.spyOn(prompt, 'ask').mockResolvedValue(HEARTBEAT);
    const { added } = await generate({ name: 'mailer', environment: 'dev', kind: 'worker', repository: 'sample-service' });
    expect(added.containerHealthCheck).toEqual({ command: ['CMD-SHELL', HEARTBEAT] });
  });
});

describe('service generator: refusals write nothing', () => {
  const refused = (options, edits) => refusal(serviceGenerator, treeOf(workspace(edits)), { ...CHECKOUT, ...options });

  it.each([
    [{ name: 'storefront' }, 'staging already has a service "storefront" (environments/staging/environment.yaml); choose another name'],
    [{ name: 'Checkout' }, '"Checkout" cannot be a service name: it must be 2 to 20 lowercase letters, digits and hyphens, starting with a letter'],
    [{ environment: 'stagign' }, '--environment "stagign" is not an environment; environments: dev, prod, staging'],
    [{ kind: 'cron' }, '--kind must be web or worker, got "cron"'],
    [{ kind: 'worker', containerHealthCheck: HEARTBEAT }, '--path is only for web services: a worker has no load balancer'],
    [{ kind: 'worker', path: undefined, port: 8080, containerHealthCheck: HEARTBEAT }, '--port is only for web services: a worker listens on no port'],
    [{ kind: 'worker', path: undefined, healthCheckPath: '/x', containerHealthCheck: HEARTBEAT }, '--health-check-path is only for web services'],
    [{ tag: 'v1', digest: DIGEST }, 'give --tag or --digest, not both: an image is pinned by exactly one'],
    [{ tag: 1 }, '--tag was read as the number 1, which may not be the tag you typed'],
    [{ digest: 'sha256:abc' }, '--digest "sha256:abc" must be "sha256:" followed by 64 lowercase hex digits'],
    [{ command: '[node' }, '--command starts with "[" but is not a JSON list of strings: [node'],
  ])('%j', async (options, message) => {
    const text = await refused(options);
    expect(text).toMatch(/^Nothing was written:\n {2}- /);
    expect(text).toContain(message);
  });

  it('a second rule for every path of the domain', async () => {
    expect(await refused({ path: undefined })).toBe(
      '--path is required: storefront already receives every request for staging.shop.acme-corp.com (it has no routing.paths), so a second rule for all of its paths would never be reached. Nothing was written.',
    );
  });

  it('a worker without a container health check (no prompt without a terminal)', async () => {
    expect(await refused({ kind: 'worker', path: undefined })).toMatch(/^--container-health-check is required for a worker: a worker has no load balancer/);
  });

  it('no pin to reuse', async () => {
    expect(await refused({ repository: 'checkout' })).toBe(
      '--tag or --digest is required: no service of staging runs checkout, so there is no pin to reuse. Nothing was written.',
    );
  });

  it('pins that disagree', async () => {
    const edits = { 'environments/dev/environment.yaml': (t) => t.replace(/tag: 2026\.11\.24-5d3e9a1(?![\s\S]*tag: 2026)/, 'tag: 2026.11.25-0a1b2c3') };
    expect(await refused({ environment: 'dev', path: undefined }, edits)).toBe(
      '--tag or --digest is required: the services of dev run sample-service with different pins (storefront: tag 2026.11.24-5d3e9a1; order-worker: tag 2026.11.25-0a1b2c3). Nothing was written.',
    );
  });

  it.each([
    [{ cpu: 300 }, /environments\/staging\/environment\.yaml:\d+:\d+: services\[2\]\.cpu: 300 is not a Fargate CPU value/],
    [{ memory: 4096 }, /services\[2\]\.memory: 4096 MiB is not offered by Fargate with 256 CPU units/],
    [{ path: 'checkout' }, /services\[2\]\.routing\.paths\[0\]: .*must be a path pattern starting with "\/"/],
    [{ tag: 'latest' }, /services\[2\]\.image\.tag: "latest" is not a pin/],
    [{ repository: 'Bad_Repo', tag: 'v1' }, /image\.repository: .*ECR repository name/],
  ])('the schema and the cross-file rules: %j', async (options, message) => {
    const text = await refused(options);
    expect(text).toMatch(/^checkout would make the definitions invalid, so nothing was written\. Problems with the service added:\n/);
    expect(text).toMatch(message);
  });

  it('a production environment without alarm subscribers gets no first service', async () => {
    const edits = {
      'environments/prod/environment.yaml': (t) =>
        t.slice(0, t.indexOf('# Alarm topic')) + t.slice(t.indexOf('services:'), t.indexOf('  - name: storefront')) + t.slice(t.indexOf('# Cluster, capacity')),
    };
    const text = await refused({ environment: 'prod', path: undefined, tag: 'v1' }, edits);
    expect(text).toMatch(/monitoring: production tier needs at least one alarm subscriber/);
  });

});

describe('service generator: dry run and the post-write step', () => {
  it('writes only through the Tree: before Nx flushes (a dry run never does), the disk is unchanged', async () => {
    const root = workspace();
    const tree = treeOf(root);
    await run(serviceGenerator, tree, { ...CHECKOUT, repository: 'checkout', tag: 'v1' });
    expect(tree.listChanges().map((c) => c.path)).toEqual(['environments/staging/environment.yaml', 'registry/registry.yaml']);
    expect(read(root, 'environments/staging/environment.yaml')).toBe(baseline('environments/staging/environment.yaml'));
    expect(read(root, 'registry/registry.yaml')).toBe(baseline('registry/registry.yaml'));
  });

  it('when the addresses update fails, both files are put back as they were', async () => {
    const root = workspace({ 'tools/synth/cli.js': "console.error('boom'); process.exit(1);" });
    const tree = treeOf(root);
    const { callback } = await run(serviceGenerator, tree, { ...CHECKOUT, repository: 'checkout', tag: 'v1' });
    flush(tree);
    expect(read(root, 'registry/registry.yaml')).not.toBe(baseline('registry/registry.yaml'));
    expect(() => /** @type {() => void} */ (callback)()).toThrow(
      'node tools/synth/cli.js addresses --update failed, so environments/staging/environment.yaml and registry/registry.yaml were put back as before:\nboom',
    );
    expect(read(root, 'environments/staging/environment.yaml')).toBe(baseline('environments/staging/environment.yaml'));
    expect(read(root, 'registry/registry.yaml')).toBe(baseline('registry/registry.yaml'));
    expect(fs.existsSync(path.join(root, 'environments/staging'))).toBe(true);
  });
});

describe('service generator: schema.json', () => {
  const schema = require('./generators/service/schema.json');

  it('gives every always-required option an x-prompt, so that Nx asks for it in a terminal', () => {
    expect(schema.required.filter((option) => !schema.properties[option]['x-prompt'])).toEqual([]);
  });

  it('takes the name as the first positional argument and refuses unknown options', () => {
    expect(schema.properties.name.$default).toEqual({ $source: 'argv', index: 0 });
    expect(schema.additionalProperties).toBe(false);
  });
});
