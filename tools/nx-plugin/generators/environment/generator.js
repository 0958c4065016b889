'use strict';
/**
 * `nx g @ecs-platform/nx-plugin:environment <name> --from <env> --account-id ... --region ...
 * --azs ... --vpc-cidr ...`: a new environment definition, copied from an existing one.
 *
 * The copy is edited through the `yaml` Document API, so the source's comments and layout
 * survive where they still apply. Everything bound to the source's account or name is
 * re-pointed or removed, and each such change is printed in a to-do list (and summarized in
 * the new file's header). The text is validated in-process with the project's own schema and
 * cross-file rules before anything is written (lib/definitions.js); an invalid result writes
 * nothing. After Nx has written the file (skipped on --dry-run), the pinned Terraform addresses
 * are updated (lib/after-write.js).
 */
const { logger } = require('@nx/devkit');
const YAML = require('yaml');
const { updateAddresses } = require('../../lib/after-write');
const { definitionsLibrary, problemsWith } = require('../../lib/definitions');
const prompt = require('../../lib/prompt');
const {
  GeneratorError,
  NAME_HINT,
  NAME_PATTERN,
  REGISTRY_FILE,
  deployWave,
  describeWave,
  environmentFile,
  environments,
  projectName,
  readText,
  registry,
  takenNames,
} = require('../../lib/workspace');
const { TO_STRING, comment, editComments, insertAfter, keyOf, pairOf, parseDocument, setList, setValue } = require('../../lib/yaml');

const GENERATOR = 'nx g @ecs-platform/nx-plugin:environment';

/**
 * @typedef {object} EnvironmentOptions
 * @property {string} name            the new environment (folder, stack and Nx project name)
 * @property {string} from            the environment to copy
 * @property {string|number} accountId
 * @property {string} region
 * @property {string|string[]} azs    comma-separated availability zones
 * @property {string} vpcCidr
 * @property {string} [promotesFrom]  default: the source's own promotesFrom
 * @property {string} [domainName]    default: derived from the source's domain
 * @property {string} [hostedZoneId]
 * @property {string} [certificateArn]
 * @property {'production'|'non-production'} [tier]  default: the source's tier
 */

/**
 * @typedef {object} Normalized
 * @property {string} name
 * @property {string} from
 * @property {string} accountId
 * @property {string} region
 * @property {string[]} azs
 * @property {string} vpcCidr
 * @property {string} [promotesFrom]
 * @property {string} [domainName]
 * @property {string} [hostedZoneId]
 * @property {string} [certificateArn]
 * @property {'production'|'non-production'} [tier]
 */

/** Which option sets which field, so that a schema problem names the option to change. */
const OPTION_OF_FIELD = {
  name: '<name>',
  accountId: '--account-id',
  region: '--region',
  availabilityZones: '--azs',
  'network.vpcCidr': '--vpc-cidr',
  promotesFrom: '--promotes-from',
  'dns.domainName': '--domain-name',
  'dns.hostedZoneId': '--hosted-zone-id',
  'dns.certificateArn': '--certificate-arn',
  tier: '--tier',
};

/**
 * @param {import('@nx/devkit').Tree} tree
 * @param {EnvironmentOptions} rawOptions
 */
async function environmentGenerator(tree, rawOptions) {
  const options = normalize(rawOptions);
  const definitions = environments(tree);
  refuseOptions(tree, options, definitions);

  const sourceFile = environmentFile(options.from);
  const sourceText = readText(tree, sourceFile);
  const source = definitions.get(options.from);
  const dns = await resolveDns(options, source);
  const file = environmentFile(options.name);
  const built = buildDefinition(tree, options, dns, sourceText, source, definitions);

  const problems = problemsWith(tree, new Map([[file, built.text]]));
  if (problems.length > 0) {
    throw new GeneratorError(
      `${options.name} would not be valid, so nothing was written. Problems with ${file} as it would be generated:\n` +
        problems.map((problem) => `  ${withOption(problem, file)}`).join('\n'),
    );
  }
  const placement = deployWave(new Map([...definitions, [options.name, YAML.parse(built.text)]]), options.name);

  tree.write(file, built.text);
  report(options, built, placement);
  return updateAddresses(tree.root, [{ file, before: null }]);
}

/**
 * @param {EnvironmentOptions} options
 * @returns {Normalized}
 */
function normalize(options) {
  /** @param {unknown} value */
  const text = (value) => (value === undefined || value === null ? undefined : String(value).trim() || undefined);
  const azs = Array.isArray(options.azs) ? options.azs.map(String) : String(options.azs ?? '').split(',');
  return {
    name: text(options.name) ?? '',
    from: text(options.from) ?? '',
    // The command line reads 123456789012 as a number; a leading zero keeps it a string.
    accountId: text(options.accountId) ?? '',
    region: text(options.region) ?? '',
    azs: azs.map((zone) => zone.trim()).filter(Boolean),
    vpcCidr: text(options.vpcCidr) ?? '',
    promotesFrom: text(options.promotesFrom),
    domainName: text(options.domainName),
    hostedZoneId: text(options.hostedZoneId),
    certificateArn: text(options.certificateArn),
    tier: options.tier,
  };
}

/**
 * Refusals that need no schema: every one found, at once.
 * @param {import('@nx/devkit').Tree} tree
 * @param {Normalized} options
 * @param {Map<string, any>} definitions
 */
function refuseOptions(tree, options, definitions) {
  const problems = [];
  const { name, from } = options;
  if (!NAME_PATTERN.test(name)) problems.push(`"${name}" cannot be an environment name: it ${NAME_HINT}`);
  else if (definitions.has(name) || tree.exists(`environments/${name}`)) {
    problems.push(`environment "${name}" already exists (environments/${name}); choose another name, or edit its environment.yaml`);
  } else {
    const taken = takenNames(tree).get(name);
    if (taken) problems.push(`"${name}" is taken: it is the name of ${taken}, and an environment becomes a stack and an Nx project of its name`);
  }
  if (!definitions.has(from)) {
    problems.push(`--from "${from}" is not an environment; environments: ${[...definitions.keys()].join(', ') || 'none'}`);
  }
  if (!/^\d{12}$/.test(options.accountId)) problems.push(`--account-id "${options.accountId}" must be exactly 12 digits`);
  if (options.azs.length === 0) problems.push('--azs needs the availability zones, comma-separated (for example eu-west-1a,eu-west-1b)');
  if (problems.length > 0) throw new GeneratorError(`Nothing was written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/**
 * The domain, hosted zone and certificate of the new environment. What cannot be derived is
 * asked for in an interactive terminal, and refused otherwise.
 * @param {Normalized} options
 * @param {any} source
 * @returns {Promise<{ domainName: string, derivedDomain: boolean, hostedZoneId?: string, keptZone: boolean, certificateArn?: string }>}
 */
async function resolveDns(options, source) {
  const sourceDomain = String(source.dns?.domainName ?? '');
  let domainName = options.domainName;
  let derivedDomain = false;
  if (!domainName && sourceDomain.startsWith(`${options.from}.`)) {
    domainName = `${options.name}${sourceDomain.slice(options.from.length)}`;
    derivedDomain = true;
  }
  if (!domainName) {
    domainName = await required(
      '--domain-name',
      `${options.from}'s domain "${sourceDomain}" does not start with "${options.from}.", so ${options.name}'s cannot be derived from it`,
      `Domain name of ${options.name} (for example ${options.name}.${sourceDomain || 'example.com'})`,
    );
  }
  const sameAccount = String(source.accountId) === options.accountId;
  const keptZone = sameAccount && !options.hostedZoneId && Boolean(source.dns?.hostedZoneId);
  let hostedZoneId = options.hostedZoneId ?? (keptZone ? String(source.dns.hostedZoneId) : undefined);
  if (!hostedZoneId && !options.certificateArn) {
    const why = sameAccount
      ? `${options.from} gives no hostedZoneId to keep, and its certificate is not copied (it is for ${sourceDomain})`
      : `account ${options.accountId} is not ${options.from}'s (${source.accountId}), so neither its hosted zone nor its certificate applies`;
    hostedZoneId = await required(
      '--hosted-zone-id (or --certificate-arn)',
      `${why}; the load balancer serves HTTPS only and needs a Route 53 zone to validate a certificate in, or an ACM certificate of account ${options.accountId} in ${options.region}`,
      `Route 53 hosted zone id for ${domainName} in account ${options.accountId}`,
    );
  }
  return { domainName, derivedDomain, hostedZoneId, keptZone, certificateArn: options.certificateArn };
}

/**
 * @param {string} option
 * @param {string} why
 * @param {string} question
 * @returns {Promise<string>}
 */
async function required(option, why, question) {
  if (!prompt.canPrompt()) throw new GeneratorError(`${option} is required: ${why}. Nothing was written.`);
  return prompt.ask(question, (value) => (value.trim() ? true : `${option} is required`));
}

/**
 * @typedef {object} Built
 * @property {string} text       the new environment.yaml
 * @property {string[]} todo     what the user must do or review
 * @property {string[]} notes    what the generator decided, for the summary
 * @property {{ bucket: string, lockTable: string, region: string }} backend
 */

/**
 * The new definition: the source's document, edited.
 * @param {import('@nx/devkit').Tree} tree
 * @param {Normalized} options
 * @param {Awaited<ReturnType<typeof resolveDns>>} dns
 * @param {string} sourceText
 * @param {any} source
 * @param {Map<string, any>} definitions
 * @returns {Built}
 */
function buildDefinition(tree, options, dns, sourceText, source, definitions) {
  const { name, from, accountId, region } = options;
  const sourceFile = environmentFile(from);
  const doc = parseDocument(sourceText, sourceFile, GeneratorError);
  const root = /** @type {YAML.YAMLMap} */ (doc.contents);
  const sourceAccount = String(source.accountId);
  const sameAccount = sourceAccount === accountId;
  const tier = options.tier ?? source.tier;
  /** @type {string[]} */ const todo = [];
  /** @type {string[]} */ const notes = [];
  /** @type {Set<string>} */ const review = new Set();

  // Comments copied from the source speak of it by name; they now describe the copy.
  const mentionsSource = new RegExp(`(?<![\\w-])${from.replace(/[-]/g, '\\-')}(?![\\w-])`, 'g');
  editComments(doc, (text) => text.replace(mentionsSource, name));

  setValue(doc, ['name'], name);
  if (options.tier) setValue(doc, ['tier'], options.tier);
  setValue(doc, ['accountId'], accountId);
  const accountNode = doc.getIn(['accountId'], true);
  if (YAML.isScalar(accountNode) && accountNode.type === 'PLAIN') accountNode.type = 'QUOTE_DOUBLE';
  setValue(doc, ['region'], region);
  setList(doc, ['availabilityZones'], options.azs);

  // Network: the new CIDR; explicit subnets are per CIDR, so the derived plan replaces them.
  setValue(doc, ['network', 'vpcCidr'], options.vpcCidr);
  const network = doc.get('network');
  if (YAML.isMap(network) && network.has('subnets')) {
    network.delete('subnets');
    notes.push(`network.subnets of ${from} dropped (they belong to ${source.network?.vpcCidr}); subnets are derived from ${options.vpcCidr}`);
  }
  if (tier === 'production' && source.network?.natGateways !== 'one-per-az') {
    setValue(doc, ['network', 'natGateways'], 'one-per-az');
    const nat = pairOf(network, 'natGateways');
    if (nat) {
      nat.key.commentBefore = comment(['The production tier needs a NAT gateway per availability zone.']);
      if (YAML.isScalar(nat.value)) nat.value.comment = undefined;
    }
    notes.push(`network.natGateways is "one-per-az" (the production tier needs it; ${from} has "${source.network?.natGateways}")`);
  }
  // State backend: one per account (a cross-file rule).
  const backend = stateBackendFor(tree, definitions, options, source);
  setValue(doc, ['stateBackend', 'bucket'], backend.bucket);
  setValue(doc, ['stateBackend', 'lockTable'], backend.lockTable);
  setValue(doc, ['stateBackend', 'region'], backend.region);
  notes.push(`state backend: ${backend.bucket}, lock table ${backend.lockTable} (${backend.region}), ${backend.why}`);

  // The deploy role, by the convention the bootstrap stack creates (github-ci-roles.ts).
  const deployRoleArn = `arn:aws:iam::${accountId}:role/${projectName(tree)}-deploy-${name}`;
  if (root.has('deployRoleArn')) setValue(doc, ['deployRoleArn'], deployRoleArn);
  else insertAfter(doc, root, 'deployRoleArn', deployRoleArn, ['stateBackend']).key.spaceBefore = true;
  const bootstrap = `bootstrap-${accountId}`;
  const accountKnown = [...definitions.values()].some((d) => String(d.accountId) === accountId) || String(registry(tree)?.accountId) === accountId;
  todo.push(
    accountKnown
      ? `${bootstrap} (account ${accountId}) gains ${name}'s CI roles, among them deployRoleArn ${deployRoleArn}: an administrator applies it (npx cdktf deploy ${bootstrap}) before CI can plan or deploy ${name}; CI never applies bootstrap stacks`
      : `account ${accountId} is new to this workspace: with administrator credentials, deploy its bootstrap stack first (npx cdktf deploy ${bootstrap}, README "Bootstrap remote state"); it creates the state bucket ${backend.bucket}, the lock table and ${name}'s CI roles, among them deployRoleArn ${deployRoleArn}`,
  );

  // Deploy order.
  const promotesFrom = options.promotesFrom ?? (source.promotesFrom ? String(source.promotesFrom) : undefined);
  const promotesComment = (/** @type {string} */ env) => comment([`Images reach ${name} after they ran in ${env}; ${name} deploys after ${env} (docs/ci-cd.md).`]);
  if (promotesFrom) {
    const existing = pairOf(root, 'promotesFrom');
    if (existing) setValue(doc, ['promotesFrom'], promotesFrom);
    const pair = existing ?? insertAfter(doc, root, 'promotesFrom', promotesFrom, ['deployRoleArn']);
    pair.key.commentBefore = promotesComment(promotesFrom);
    pair.key.spaceBefore = true;
  } else if (root.has('promotesFrom')) root.delete('promotesFrom');

  // Tags are kept; values naming the source are worth a look.
  for (const [key, value] of Object.entries(source.tags ?? {})) {
    if (new RegExp(`(?<![a-z0-9])${from}(?![a-z0-9])`).test(String(value))) {
      todo.push(`tags.${key} is "${value}", copied from ${from}: change it if ${name} is accounted separately`);
      review.add(`tags copied from ${from}`);
    }
  }

  editDns(doc, options, dns, source, todo, review);
  editServices(doc, options, source, todo, review);
  editVpcReferences(doc, options, source, todo, review);
  editMonitoring(source, options, todo);

  todo.push(
    `GitHub: create the Environment "${name}" (Settings -> Environments; deployment branches: main only${tier === 'production' ? '; required reviewers, since it is production' : ''}); deploy.yml applies ${name} on merges in its wave (docs/ci-cd.md)`,
  );

  const header = [
    `${name}: generated from ${sourceFile} by \`${GENERATOR}\`.`,
    ...(review.size > 0 ? [`Review before the first deploy: ${[...review].join('; ')}.`] : []),
    `Comments below come from ${from}. Schema and defaults: docs/environments.md.`,
    `Check this file: npm run validate-env -- ${environmentFile(name)}`,
  ];
  const first = root.items[0];
  if (first && YAML.isScalar(first.key)) first.key.commentBefore = comment(header);
  doc.commentBefore = null;

  return { text: doc.toString(TO_STRING), todo, notes, backend };
}

/**
 * The account's state backend when another stack of the account has one; else the source's,
 * with the source account in the bucket name replaced by the new one.
 * @param {import('@nx/devkit').Tree} tree
 * @param {Map<string, any>} definitions
 * @param {Normalized} options
 * @param {any} source
 * @returns {{ bucket: string, lockTable: string, region: string, why: string }}
 */
function stateBackendFor(tree, definitions, options, source) {
  const { accountId } = options;
  for (const [env, definition] of definitions) {
    if (String(definition.accountId) === accountId && definition.stateBackend) {
      return { ...pickBackend(definition.stateBackend), why: `the one environment ${env} of account ${accountId} uses (one backend per account)` };
    }
  }
  const reg = registry(tree);
  if (reg && String(reg.accountId) === accountId && reg.stateBackend) {
    return { ...pickBackend(reg.stateBackend), why: `the one the registry (${REGISTRY_FILE}) of account ${accountId} uses (one backend per account)` };
  }
  const sourceAccount = String(source.accountId);
  const bucket = String(source.stateBackend.bucket);
  return {
    bucket: bucket.includes(sourceAccount) ? bucket.split(sourceAccount).join(accountId) : `${bucket}-${accountId}`,
    lockTable: String(source.stateBackend.lockTable),
    region: options.region,
    why: `derived from ${options.from}'s (no stack uses account ${accountId} yet; its bootstrap stack creates them)`,
  };
}

/** @param {any} backend */
function pickBackend(backend) {
  return { bucket: String(backend.bucket), lockTable: String(backend.lockTable), region: String(backend.region) };
}

/**
 * @param {YAML.Document} doc
 * @param {Normalized} options
 * @param {Awaited<ReturnType<typeof resolveDns>>} dns
 * @param {any} source
 * @param {string[]} todo
 * @param {Set<string>} review
 */
function editDns(doc, options, dns, source, todo, review) {
  const { name, from } = options;
  setValue(doc, ['dns', 'domainName'], dns.domainName);
  if (dns.derivedDomain) {
    todo.push(`dns.domainName is ${dns.domainName}, derived from ${from}'s ${source.dns.domainName}: pass --domain-name if that is not ${name}'s`);
  }
  const map = /** @type {YAML.YAMLMap} */ (doc.get('dns'));
  if (map.has('certificateArn')) {
    map.delete('certificateArn');
    if (!dns.certificateArn) {
      todo.push(
        `dns.certificateArn removed (it was ${from}'s, ${source.dns.certificateArn}): a certificate for ${dns.domainName} is requested and DNS-validated in hosted zone ${dns.hostedZoneId}`,
      );
    }
  }
  if (dns.certificateArn) insertAfter(doc, map, 'certificateArn', dns.certificateArn, ['domainName']);
  if (dns.hostedZoneId) {
    if (map.has('hostedZoneId')) setValue(doc, ['dns', 'hostedZoneId'], dns.hostedZoneId);
    else insertAfter(doc, map, 'hostedZoneId', dns.hostedZoneId, ['certificateArn', 'domainName']);
  } else map.delete('hostedZoneId');
  if (dns.keptZone) {
    todo.push(`dns.hostedZoneId ${dns.hostedZoneId} is ${from}'s (same account): check that ${dns.domainName} belongs to that zone, else pass --hosted-zone-id`);
    review.add('dns');
  } else if (source.dns?.hostedZoneId && !options.hostedZoneId) {
    todo.push(`dns.hostedZoneId ${source.dns.hostedZoneId} removed: it is ${from}'s zone, in account ${source.accountId}`);
  }
}

/**
 * Secrets and KMS keys are the source's: removed. Task role resources of the source account:
 * re-pointed to the new one.
 * @param {YAML.Document} doc
 * @param {Normalized} options
 * @param {any} source
 * @param {string[]} todo
 * @param {Set<string>} review
 */
function editServices(doc, options, source, todo, review) {
  const { name, from, accountId, region } = options;
  const sourceAccount = String(source.accountId);
  const services = doc.get('services');
  if (!YAML.isSeq(services)) return;
  /** @type {string[]} */ const withSecrets = [];
  services.items.forEach((service, i) => {
    if (!YAML.isMap(service)) return;
    const serviceName = String(service.get('name'));
    const at = `services[${i}] ${serviceName}`;
    const removed = removeSecrets(service, `services[${i}].secrets`, at, options, todo);
    const keys = service.get('secretKmsKeyArns');
    if (YAML.isSeq(keys)) {
      for (const key of keys.toJSON()) {
        todo.push(`${at}: KMS key ${key} removed from secretKmsKeyArns (${from}'s): list the key that encrypts ${name}'s secrets, in account ${accountId}`);
      }
    }
    removeWithNote(service, ['secrets', 'secretKmsKeyArns'], [
      ...(removed.length > 0 ? [secretsNote(removed, options)] : []),
      ...(YAML.isSeq(keys) ? [`secretKmsKeyArns removed: they were ${from}'s keys.`] : []),
    ]);
    const sidecars = service.get('sidecars');
    if (YAML.isSeq(sidecars)) {
      sidecars.items.forEach((sidecar, j) => {
        if (YAML.isMap(sidecar)) {
          const fromSidecar = removeSecrets(sidecar, `services[${i}].sidecars[${j}].secrets`, `${at}, sidecar ${sidecar.get('name')}`, options, todo);
          if (fromSidecar.length > 0) removeWithNote(sidecar, ['secrets'], [secretsNote(fromSidecar, options)]);
          removed.push(...fromSidecar);
        }
      });
    }
    if (removed.length > 0 || YAML.isSeq(keys)) withSecrets.push(serviceName);

    const policies = service.get('taskRolePolicies');
    if (!YAML.isSeq(policies)) return;
    policies.items.forEach((policy, k) => {
      const resources = YAML.isMap(policy) ? policy.get('resources') : undefined;
      if (!YAML.isSeq(resources)) return;
      resources.items.forEach((item, m) => {
        if (!YAML.isScalar(item)) return;
        const arn = String(item.value);
        const parts = arn.split(':');
        const field = `services[${i}].taskRolePolicies[${k}].resources[${m}]`;
        if (parts[4] === sourceAccount && sourceAccount !== accountId) {
          parts[4] = accountId;
          item.value = parts.join(':');
          const regionNote = parts[3] && parts[3] === source.region && region !== source.region ? `; it still names ${from}'s region ${source.region}` : '';
          todo.push(`${field} (${serviceName}): ${arn} re-pointed to ${item.value}: that resource must exist in account ${accountId}${regionNote}`);
          review.add(`task role resources re-pointed to account ${accountId}`);
        } else if (new RegExp(`(?<![a-z0-9])${from}(?![a-z0-9])`).test(arn)) {
          todo.push(`${field} (${serviceName}): ${arn} names ${from}: point it at ${name}'s resource`);
          review.add(`task role resources naming ${from}`);
        }
      });
    });
  });
  if (withSecrets.length > 0) review.add(`secrets of ${withSecrets.join(', ')} (removed: they were ${from}'s)`);
}

/**
 * Lists a container's `secrets` with what to create instead of each (removeWithNote removes them).
 * @param {YAML.YAMLMap} container
 * @param {string} field
 * @param {string} at
 * @param {Normalized} options
 * @param {string[]} todo
 * @returns {string[]} the variable names removed
 */
function removeSecrets(container, field, at, options, todo) {
  const secrets = container.get('secrets');
  if (!YAML.isMap(secrets)) return [];
  const removed = [];
  for (const [variable, arn] of Object.entries(/** @type {Record<string, string>} */ (secrets.toJSON()))) {
    todo.push(`${at}: secret ${variable} removed (it was ${options.from}'s, ${arn}): ${secretToCreate(arn, options)}, and add ${variable}: <its ARN> under ${field}`);
    removed.push(variable);
  }
  return removed;
}

/** @param {string[]} removed @param {Normalized} options */
function secretsNote(removed, options) {
  return `secrets removed: ${removed.join(', ')} ${removed.length === 1 ? 'was' : 'were'} ${options.from}'s; add ${options.name}'s own here.`;
}

/**
 * What to create in place of a source secret: the same kind, named for the new environment.
 * @param {string} arn
 * @param {Normalized} options
 */
function secretToCreate(arn, options) {
  const where = `in account ${options.accountId}, ${options.region}`;
  const rename = (/** @type {string} */ text) => text.replace(new RegExp(`(^|/)${options.from}(?=/|$)`), `$1${options.name}`);
  const secret = /^arn:aws:secretsmanager:[^:]+:\d{12}:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(arn);
  if (secret) return `create a Secrets Manager secret ${where} (for example ${rename(secret[1])})`;
  const parameter = /^arn:aws:ssm:[^:]+:\d{12}:parameter(\/.+)$/.exec(arn);
  if (parameter) return `create an SSM parameter ${where} (for example ${rename(parameter[1])})`;
  return `create its counterpart ${where}`;
}

/**
 * Deletes `keys` from `map`; the notes stay in the file where the first of them was.
 * @param {YAML.YAMLMap} map
 * @param {string[]} keys
 * @param {string[]} notes
 */
function removeWithNote(map, keys, notes) {
  const index = map.items.findIndex((pair) => keys.includes(keyOf(pair.key)));
  if (index < 0) return;
  map.items = map.items.filter((pair) => !keys.includes(keyOf(pair.key)));
  if (notes.length === 0) return;
  const next = map.items[index];
  if (next && YAML.isScalar(next.key)) {
    next.key.commentBefore = [comment(notes), next.key.commentBefore].filter(Boolean).join('\n');
  } else {
    map.comment = [map.comment, comment(notes)].filter(Boolean).join('\n');
  }
}

/**
 * CIDRs that point into the source's VPC: the load balancer's ingress (the VPC itself is
 * re-pointed to the new VPC) and services' egress rules (listed: what they reach is the source's).
 * @param {YAML.Document} doc
 * @param {Normalized} options
 * @param {any} source
 * @param {string[]} todo
 * @param {Set<string>} review
 */
function editVpcReferences(doc, options, source, todo, review) {
  const { from } = options;
  const sourceVpc = String(source.network?.vpcCidr ?? '');
  const lib = definitionsLibrary();
  const vpc = lib.parseCidr(sourceVpc);
  const inSourceVpc = (/** @type {string} */ text) => {
    const block = lib.parseCidr(text);
    return typeof vpc !== 'string' && typeof block !== 'string' && lib.contains(vpc, block);
  };
  const ingress = doc.getIn(['compute', 'loadBalancer', 'ingressCidrs'], true);
  if (YAML.isSeq(ingress)) {
    ingress.items.forEach((item, i) => {
      if (!YAML.isScalar(item)) return;
      if (item.value === sourceVpc) {
        item.value = options.vpcCidr;
        todo.push(`compute.loadBalancer.ingressCidrs[${i}]: ${sourceVpc} (${from}'s VPC) re-pointed to ${options.vpcCidr}`);
      } else if (inSourceVpc(String(item.value))) {
        todo.push(`compute.loadBalancer.ingressCidrs[${i}]: ${item.value} is inside ${from}'s VPC ${sourceVpc}: point it into ${options.vpcCidr}`);
      }
    });
  }
  (source.services ?? []).forEach((/** @type {any} */ svc, /** @type {number} */ i) => {
    (svc.egress ?? []).forEach((/** @type {any} */ rule, /** @type {number} */ j) => {
      if (inSourceVpc(String(rule.cidr))) {
        todo.push(`services[${i}].egress[${j}] (${svc.name}): ${rule.cidr} is inside ${from}'s VPC ${sourceVpc} (${rule.description}): point it into ${options.vpcCidr}`);
        review.add(`egress rules into ${from}'s VPC`);
      }
    });
  });
}

/**
 * Alarm subscribers are kept; queue and function subscribers of the source account are worth a look.
 * @param {any} source
 * @param {Normalized} options
 * @param {string[]} todo
 */
function editMonitoring(source, options, todo) {
  (source.monitoring?.alarmSubscriptions ?? []).forEach((/** @type {any} */ subscription, /** @type {number} */ i) => {
    const owner = String(subscription.endpoint ?? '').split(':')[4];
    if (owner === String(source.accountId) && owner !== options.accountId) {
      todo.push(
        `monitoring.alarmSubscriptions[${i}] (${subscription.protocol}) ${subscription.endpoint} is in ${options.from}'s account: kept; it receives ${options.name}'s alarms only if it allows ${options.name}'s topic, else point it at account ${options.accountId}`,
      );
    }
  });
}

/**
 * A problem line, naming the option that set the field.
 * @param {string} problem
 * @param {string} file
 */
function withOption(problem, file) {
  if (!problem.startsWith(file)) return problem;
  const field = /^[^:]+(?::\d+:\d+)?: ([\w.[\]]+): /.exec(problem)?.[1];
  const option = field ? /** @type {Record<string, string>} */ (OPTION_OF_FIELD)[field.replace(/\[\d+\]$/, '')] : undefined;
  return option ? `${problem} (${option})` : problem;
}

/**
 * @param {Normalized} options
 * @param {Built} built
 * @param {{ wave: number, after?: string, alongside: string[] }} placement
 */
function report(options, built, placement) {
  const lib = definitionsLibrary();
  const lines = [
    `${options.name}: ${environmentFile(options.name)}, copied from ${options.from}`,
    `  ${describeWave(placement, options.name)} (tools/ci/stack-matrix.js)`,
    ...built.notes.map((note) => `  ${note}`),
  ];
  const parsed = YAML.parse(built.text);
  if (!parsed.network.subnets) {
    const plan = lib.planSubnets(parsed.network.vpcCidr, parsed.availabilityZones);
    const tiers = /** @type {const} */ (['public', 'private', ...(parsed.network.isolatedSubnets ? ['isolated'] : [])]);
    lines.push(`  subnets: ${tiers.map((tier) => `${tier} ${plan[/** @type {'public'} */ (tier)].join(', ')}`).join('; ')}`);
  }
  lines.push('', `To do (the file's header sums it up):`, ...built.todo.map((item, i) => `  ${i + 1}. ${item}`), '');
  for (const line of lines) logger.info(line);
}

module.exports = environmentGenerator;
module.exports.default = environmentGenerator;
module.exports.environmentGenerator = environmentGenerator;
