'use strict';
/**
 * `nx g @ecs-platform/nx-plugin:service <name> --environment <env> --kind web|worker ...`: a new
 * service in an environment definition, with safe defaults (docs/compute.md): counts and CPU
 * scaling that fit the tier, a load balancer route with a listener rule priority no other web
 * service has, health checks, and an image pinned like the environment's other services of
 * the same repository. A repository the registry does not declare is added to
 * registry/registry.yaml. Both files are edited through the `yaml` Document API and validated
 * in-process before anything is written; the pinned Terraform addresses are updated after Nx
 * has written them (skipped on --dry-run).
 */
const { logger } = require('@nx/devkit');
const YAML = require('yaml');
const { updateAddresses } = require('../../lib/after-write');
const { definitionsLibrary, problemsWith } = require('../../lib/definitions');
const prompt = require('../../lib/prompt');
const { GeneratorError, NAME_HINT, NAME_PATTERN, REGISTRY_FILE, environmentFile, environments, readText } = require('../../lib/workspace');
const { comment, insertAfter, parseDocument, toStringKeepingLayout } = require('../../lib/yaml');

const GENERATOR = 'nx g @ecs-platform/nx-plugin:service';
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * @typedef {object} ServiceOptions
 * @property {string} name
 * @property {string} environment
 * @property {'web'|'worker'} kind
 * @property {string} [path]        web: path patterns, comma-separated
 * @property {string} [repository]  default: the service name
 * @property {string|number} [tag]
 * @property {string} [digest]
 * @property {number} [cpu]
 * @property {number} [memory]
 * @property {number} [port]        web only; default 8080
 * @property {string} [healthCheckPath]  web only; default /healthz
 * @property {string} [command]     JSON list, or words separated by spaces
 * @property {string} [containerHealthCheck]  JSON list, or a shell command line (CMD-SHELL)
 */

/** Counts and CPU scaling by tier: production never runs fewer than two tasks. */
const COUNTS = {
  production: { desiredCount: 2, minCount: 2, maxCount: 4, scaling: { cpuTarget: 60 } },
  'non-production': { desiredCount: 1, minCount: 1, maxCount: 2, scaling: { cpuTarget: 70 } },
};

/** Path rules are evaluated ahead of host-only ones (listenerRulePriority, compute-schema.ts). */
const HOST_ONLY_BASE = 40000;
const MAX_PRIORITY = 50000;

/**
 * @param {import('@nx/devkit').Tree} tree
 * @param {ServiceOptions} rawOptions
 */
async function serviceGenerator(tree, rawOptions) {
  const options = normalize(rawOptions);
  const definitions = environments(tree);
  refuseOptions(options, definitions);
  const file = environmentFile(options.environment);
  const envText = readText(tree, file);
  const env = definitions.get(options.environment);
  const lib = definitionsLibrary();
  /** @type {string[]} */ const todo = [];
  /** @type {string[]} */ const notes = [];

  await resolveWorkerHealthCheck(options);
  const image = await imagePin(options, env, notes);
  const service = serviceDefinition(options, env, image, lib, notes, todo);

  const doc = parseDocument(envText, file, GeneratorError);
  appendService(doc, options, service);
  const replacements = new Map([[file, toStringKeepingLayout(doc, envText)]]);
  const registryText = addRepository(tree, options, image.repository, lib, notes, todo);
  if (registryText) replacements.set(REGISTRY_FILE, registryText);

  const problems = problemsWith(tree, replacements);
  if (problems.length > 0) {
    throw new GeneratorError(
      `${options.name} would make the definitions invalid, so nothing was written. Problems with the service added:\n` + problems.map((p) => `  ${p}`).join('\n'),
    );
  }
  const written = [...replacements].map(([path, text]) => {
    const before = tree.read(path, 'utf-8');
    tree.write(path, text);
    return { file: path, before };
  });
  const index = (env.services ?? []).length;
  const lines = [
    `${options.name}: services[${index}] of ${file} (${options.kind}, tier ${env.tier})`,
    ...notes.map((note) => `  ${note}`),
    '',
    'To do:',
    ...todo.map((item, i) => `  ${i + 1}. ${item}`),
    '',
  ];
  for (const line of lines) logger.info(line);
  return updateAddresses(tree.root, written);
}

/**
 * @param {ServiceOptions} options
 */
function normalize(options) {
  /** @param {unknown} value */
  const text = (value) => (value === undefined || value === null ? undefined : String(value).trim() || undefined);
  return {
    name: text(options.name) ?? '',
    environment: text(options.environment) ?? '',
    kind: options.kind,
    paths: (text(options.path) ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    repository: text(options.repository) ?? text(options.name) ?? '',
    tag: options.tag,
    digest: text(options.digest),
    cpu: options.cpu ?? 256,
    memory: options.memory ?? 512,
    port: options.port,
    healthCheckPath: text(options.healthCheckPath),
    command: text(options.command),
    containerHealthCheck: text(options.containerHealthCheck),
  };
}

/**
 * @param {ReturnType<typeof normalize>} options
 * @param {Map<string, any>} definitions
 */
function refuseOptions(options, definitions) {
  const problems = [];
  const env = definitions.get(options.environment);
  if (!NAME_PATTERN.test(options.name)) problems.push(`"${options.name}" cannot be a service name: it ${NAME_HINT}`);
  if (!env) {
    problems.push(`--environment "${options.environment}" is not an environment; environments: ${[...definitions.keys()].join(', ') || 'none'}`);
  } else if ((env.services ?? []).some((/** @type {any} */ s) => s.name === options.name)) {
    problems.push(`${options.environment} already has a service "${options.name}" (${environmentFile(options.environment)}); choose another name`);
  }
  if (options.kind !== 'web' && options.kind !== 'worker') problems.push(`--kind must be web or worker, got "${options.kind}"`);
  if (options.kind === 'worker') {
    if (options.paths.length > 0) problems.push('--path is only for web services: a worker has no load balancer');
    if (options.port !== undefined) problems.push('--port is only for web services: a worker listens on no port');
    if (options.healthCheckPath) problems.push('--health-check-path is only for web services: a worker has no load balancer');
  }
  if (options.tag !== undefined && options.digest !== undefined) problems.push('give --tag or --digest, not both: an image is pinned by exactly one');
  if (typeof options.tag === 'number') {
    problems.push(`--tag was read as the number ${options.tag}, which may not be the tag you typed: use a tag that is not a plain number, or --digest`);
  }
  if (options.digest !== undefined && !DIGEST.test(options.digest)) problems.push(`--digest "${options.digest}" must be "sha256:" followed by 64 lowercase hex digits`);
  for (const [option, value] of [['--command', options.command], ['--container-health-check', options.containerHealthCheck]]) {
    if (value?.startsWith('[')) {
      try {
        const list = JSON.parse(value);
        if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) throw new Error('not a list of strings');
      } catch {
        problems.push(`${option} starts with "[" but is not a JSON list of strings: ${value}`);
      }
    }
  }
  if (problems.length > 0) throw new GeneratorError(`Nothing was written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/**
 * A worker's container health check is required: without a load balancer it is the only probe
 * that notices a hung task. Asked for in an interactive terminal, refused otherwise.
 * @param {ReturnType<typeof normalize>} options
 */
async function resolveWorkerHealthCheck(options) {
  if (options.kind !== 'worker' || options.containerHealthCheck) return;
  const why =
    'a worker has no load balancer, so its container health check is the only probe that notices a hung task (for example --container-health-check "find /tmp/heartbeat -mmin -1 | grep -q .")';
  if (!prompt.canPrompt()) throw new GeneratorError(`--container-health-check is required for a worker: ${why}. Nothing was written.`);
  options.containerHealthCheck = await prompt.ask(`Container health check of ${options.name} (a shell command, or a JSON list starting with CMD)`, (value) =>
    value.trim() ? true : '--container-health-check is required for a worker',
  );
}

/**
 * The image: --tag / --digest, else the pin the environment's other services of the repository
 * run, else asked for (interactive) or refused.
 * @param {ReturnType<typeof normalize>} options
 * @param {any} env
 * @param {string[]} notes
 * @returns {Promise<{ repository: string, tag?: string, digest?: string }>}
 */
async function imagePin(options, env, notes) {
  const { repository } = options;
  if (options.digest) return { repository, digest: options.digest };
  if (options.tag !== undefined) return { repository, tag: String(options.tag) };
  const pins = new Map();
  for (const svc of env.services ?? []) {
    for (const [owner, image] of [[svc.name, svc.image], ...(svc.sidecars ?? []).map((/** @type {any} */ s) => [`${svc.name}/${s.name}`, s.image])]) {
      if (image?.repository !== repository) continue;
      const pin = image.digest ? `digest ${image.digest}` : `tag ${image.tag}`;
      pins.set(pin, [...(pins.get(pin) ?? []), owner]);
    }
  }
  if (pins.size === 1) {
    const [[pin, owners]] = [...pins];
    notes.push(`image ${repository} pinned by ${pin}, as ${owners.join(', ')} in ${options.environment}`);
    const [kind, value] = pin.split(' ');
    return { repository, [kind]: value };
  }
  const why =
    pins.size > 1
      ? `the services of ${options.environment} run ${repository} with different pins (${[...pins].map(([pin, owners]) => `${owners.join(', ')}: ${pin}`).join('; ')})`
      : `no service of ${options.environment} runs ${repository}, so there is no pin to reuse`;
  if (!prompt.canPrompt()) throw new GeneratorError(`--tag or --digest is required: ${why}. Nothing was written.`);
  const answer = await prompt.ask(`Image tag or digest (sha256:...) of ${repository}`, (value) =>
    value.trim() === '' ? '--tag or --digest is required' : value.trim().startsWith('sha256:') && !DIGEST.test(value.trim()) ? 'a digest is "sha256:" and 64 lowercase hex digits' : true,
  );
  return answer.startsWith('sha256:') ? { repository, digest: answer } : { repository, tag: answer };
}

/**
 * @param {string | undefined} value
 * @returns {string[] | undefined}
 */
function commandList(value) {
  if (!value) return undefined;
  return value.startsWith('[') ? JSON.parse(value) : value.split(/\s+/);
}

/**
 * The new service's fields: the options, and safe defaults for its kind and the tier.
 * @param {ReturnType<typeof normalize>} options
 * @param {any} env
 * @param {{ repository: string, tag?: string, digest?: string }} image
 * @param {import('../../lib/definitions').DefinitionsLibrary} lib
 * @param {string[]} notes
 * @param {string[]} todo
 */
function serviceDefinition(options, env, image, lib, notes, todo) {
  const tier = env.tier === 'production' ? 'production' : 'non-production';
  const counts = COUNTS[tier];
  const index = (env.services ?? []).length;
  /** @type {Record<string, unknown>} */
  const service = { name: options.name };
  if (options.kind === 'worker') service.kind = 'worker';
  service.image = image;
  const command = commandList(options.command);
  if (command) service.command = command;
  service.cpu = options.cpu;
  service.memory = options.memory;
  const at = `services[${index}]`;
  if (options.kind === 'web') {
    const port = options.port ?? 8080;
    const healthCheckPath = options.healthCheckPath ?? '/healthz';
    service.containerPort = port;
    service.healthCheckPath = healthCheckPath;
    Object.assign(service, structuredClone(counts));
    service.routing = routing(options, env, index, lib, notes);
    todo.push(`the load balancer checks ${healthCheckPath} on port ${port} (healthy: HTTP 200-399): ${options.name}'s image must answer it`);
  } else {
    Object.assign(service, structuredClone(counts));
  }
  const healthCheck = containerHealthCheck(options, env, notes);
  if (healthCheck) service.containerHealthCheck = healthCheck;
  notes.push(
    `${counts.desiredCount} to ${counts.maxCount} tasks of ${options.cpu} CPU units / ${options.memory} MiB, scaling on CPU at ${counts.scaling.cpuTarget} % (${tier} tier)`,
  );
  todo.push(`no secrets, environment variables or task role permissions yet: add ${at}.secrets, .environment or .taskRolePolicies if ${options.name} needs them (docs/environments.md)`);
  return service;
}

/**
 * The route of a web service: its paths on the environment's domain (hosts default to
 * dns.domainName), and a listener rule priority no other web service has. A path rule must
 * come before every rule that takes all paths of the domain (lower number first), else it is
 * never reached; a second catch-all would never be reached at all.
 * @param {ReturnType<typeof normalize>} options
 * @param {any} env
 * @param {number} index
 * @param {import('../../lib/definitions').DefinitionsLibrary} lib
 * @param {string[]} notes
 */
function routing(options, env, index, lib, notes) {
  const domain = env.dns?.domainName;
  const hasPaths = options.paths.length > 0;
  /** @type {Map<number, string>} */
  const taken = new Map();
  let catchAll = MAX_PRIORITY + 1;
  (env.services ?? []).forEach((/** @type {any} */ svc, /** @type {number} */ i) => {
    if ((svc.kind ?? 'web') !== 'web') return;
    const priority = lib.listenerRulePriority(svc, i);
    taken.set(priority, svc.name);
    if (svc.routing?.paths || !(svc.routing?.hosts ?? [domain]).includes(domain)) return;
    if (!hasPaths) {
      throw new GeneratorError(
        `--path is required: ${svc.name} already receives every request for ${domain} (it has no routing.paths), so a second rule for all of its paths would never be reached. Nothing was written.`,
      );
    }
    catchAll = Math.min(catchAll, priority);
  });
  const derived = lib.listenerRulePriority(hasPaths ? { routing: { paths: options.paths } } : {}, index);
  const limit = Math.min(hasPaths ? HOST_ONLY_BASE : MAX_PRIORITY + 1, catchAll);
  const free = (/** @type {number} */ p) => p >= 1 && p < limit && !taken.has(p);
  let priority = derived;
  while (!free(priority) && priority + 10 < limit) priority += 10;
  // No room above: the highest free number below the rules it must precede.
  for (let p = Math.min(derived, limit - 1); !free(priority) && p >= 1; p--) if (free(p)) priority = p;
  if (!free(priority)) throw new GeneratorError(`no free listener rule priority below ${limit} for ${options.name}; give the web services explicit routing.priority values`);
  const why = [];
  if (taken.has(derived)) why.push(`${derived}, the one its position gives, is ${taken.get(derived)}'s`);
  else if (derived >= limit) why.push(`${derived}, the one its position gives, would come after the rule taking every path of ${domain} (${catchAll})`);
  notes.push(
    `routing: ${hasPaths ? options.paths.map((p) => `https://${domain}${p}`).join(', ') : `https://${domain} (every path)`}, listener rule priority ${priority}` +
      (why.length > 0 ? ` (${why.join('; ')})` : ''),
  );
  return hasPaths ? { paths: options.paths, priority } : { priority };
}

/**
 * --container-health-check (a JSON list, or a shell command line run with CMD-SHELL); else, for a
 * web service, the check of a web service of the same image and port (the same image answers
 * the same check). A worker always has one: resolveWorkerHealthCheck asked for it.
 * @param {ReturnType<typeof normalize>} options
 * @param {any} env
 * @param {string[]} notes
 */
function containerHealthCheck(options, env, notes) {
  const given = options.containerHealthCheck;
  if (given) return { command: given.startsWith('[') ? JSON.parse(given) : ['CMD-SHELL', given] };
  if (options.kind === 'worker') return undefined;
  const port = options.port ?? 8080;
  const twin = (env.services ?? []).find(
    (/** @type {any} */ svc) => (svc.kind ?? 'web') === 'web' && svc.image?.repository === options.repository && svc.containerPort === port && svc.containerHealthCheck,
  );
  if (!twin) return undefined;
  notes.push(`container health check ${JSON.stringify(twin.containerHealthCheck.command)}, as ${twin.name} (same image and port)`);
  return structuredClone(twin.containerHealthCheck);
}

/**
 * Appends the service to the environment's `services`, in the file's style.
 * @param {YAML.Document} doc
 * @param {ReturnType<typeof normalize>} options
 * @param {Record<string, unknown>} service
 */
function appendService(doc, options, service) {
  const node = /** @type {YAML.YAMLMap} */ (doc.createNode(service));
  YAML.visit(node, {
    Seq(_key, seq) {
      if (!seq.items.every((item) => YAML.isScalar(item))) return;
      seq.flow = true;
      // As the definitions write them: [CMD-SHELL, "find /tmp/heartbeat -mmin -1 | grep -q ."]
      for (const item of seq.items) if (YAML.isScalar(item) && /\s/.test(String(item.value))) item.type = 'QUOTE_DOUBLE';
    },
  });
  node.commentBefore = comment([`Added by \`${GENERATOR}\` (${options.kind}); review its size, counts and health checks.`]);
  const root = /** @type {YAML.YAMLMap} */ (doc.contents);
  const services = doc.get('services');
  if (YAML.isSeq(services) && !(services.flow && services.items.length === 0)) {
    if (services.items.length > 0) node.spaceBefore = true;
    services.items.push(node);
    return;
  }
  // No list yet (`services:` missing, empty, or `[]`): a block list with this one service.
  const list = new YAML.YAMLSeq();
  list.items.push(node);
  if (root.has('services')) root.set('services', list);
  else insertAfter(doc, root, 'services', list, ['dns']).key.spaceBefore = true;
}

/**
 * registry/registry.yaml with the repository added, or undefined when it is declared already
 * (or there is no registry).
 * @param {import('@nx/devkit').Tree} tree
 * @param {ReturnType<typeof normalize>} options
 * @param {string} repository
 * @param {import('../../lib/definitions').DefinitionsLibrary} lib
 * @param {string[]} notes
 * @param {string[]} todo
 */
function addRepository(tree, options, repository, lib, notes, todo) {
  if (!tree.exists(REGISTRY_FILE)) return undefined;
  const registryText = readText(tree, REGISTRY_FILE);
  const doc = parseDocument(registryText, REGISTRY_FILE, GeneratorError);
  const repositories = doc.get('repositories');
  if (YAML.isSeq(repositories) && repositories.items.some((item) => YAML.isMap(item) && item.get('name') === repository)) return undefined;
  const { untaggedExpiryDays, keepReleaseImages } = lib.DEFAULT_LIFECYCLE;
  // The schema's default lifecycle, plus the `release-` prefix: promote-pr tags every image it
  // promotes release-<digest>, and only a protected tag keeps a digest-pinned image from expiring.
  const lifecycle = { untaggedExpiryDays, keepReleaseImages, protectedTagPrefixes: ['release-'] };
  const node = /** @type {YAML.YAMLMap} */ (doc.createNode({ name: repository, lifecycle }));
  YAML.visit(node, {
    Seq(_key, seq) {
      seq.flow = true;
    },
  });
  node.commentBefore = comment([`Added by \`${GENERATOR}\` for ${options.name} in ${options.environment}.`]);
  if (YAML.isSeq(repositories)) {
    node.spaceBefore = repositories.items.length > 0;
    repositories.items.push(node);
  } else {
    doc.set('repositories', doc.createNode([]));
    /** @type {YAML.YAMLSeq} */ (doc.get('repositories')).items.push(node);
  }
  notes.push(`${REGISTRY_FILE}: repository ${repository} added (untagged images expire after ${untaggedExpiryDays} days, ${keepReleaseImages} images kept, release- tags protected)`);
  const dockerfile = `apps/${repository}/Dockerfile`;
  todo.push(
    tree.exists(dockerfile)
      ? `the image workflow builds ${repository} from ${dockerfile}; the registry stack (wave 0) creates the repository first`
      : `nothing builds ${repository} yet: add ${dockerfile} (or a build: context in ${REGISTRY_FILE}, docs/registry.md), and push the pinned image before ${options.environment} deploys`,
  );
  return toStringKeepingLayout(doc, registryText);
}

module.exports = serviceGenerator;
module.exports.default = serviceGenerator;
module.exports.serviceGenerator = serviceGenerator;
