'use strict';
/**
 * Promotes an image by digest: rewrites `services[].image` (and `jobs[].image`) in one environment definition from
 * `tag: ...` (or an older `digest: ...`) to `digest: sha256:...` (docs/design.md decision 5: the
 * pin lives in git, so every promotion is a reviewed plan).
 *
 * The YAML is edited through the `yaml` package's Document API, so comments, key order and
 * formatting of everything else stay as they are. The file is replaced atomically (temporary
 * file + rename) and only after the new definition validates; a failure in the workspace-wide
 * check afterwards (for example the repository missing from the registry) restores the
 * original bytes. Nothing is ever left half-written.
 *
 * Promotion follows the order the definitions give: an environment with `promotesFrom: <env>`
 * is only pinned to a digest that <env> already runs (some service of <env> with the same
 * repository is pinned to it). An environment without `promotesFrom` (the first of the order,
 * dev) takes any digest: the build's. `force` with a written `reason` (at least
 * MIN_REASON_LENGTH characters) overrides the rule; the reason is printed for the reviewer.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { isDeepStrictEqual } = require('node:util');
const YAML = require('yaml');

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const WORKSPACE_ROOT = path.resolve(__dirname, '../..');
/** A forced promotion must say why in at least this many characters. */
const MIN_REASON_LENGTH = 20;

class PromotionError extends Error {}

/**
 * @typedef {object} Selector
 * @property {string} [service]     service name
 * @property {string} [repository]  every service whose image comes from this repository
 */

/**
 * @typedef {object} PinChange
 * @property {string} service
 * @property {string} repository
 * @property {string} from   previous pin, `tag:<t>` or `digest:<d>`
 * @property {string} to     `digest:<d>`
 */

/** @param {string} digest */
function checkDigest(digest) {
  if (!DIGEST.test(digest || '')) throw new PromotionError(`"${digest}" is not an image digest (sha256: and 64 lowercase hex digits)`);
}

/**
 * The `image` maps of the services (and scheduled jobs) `selector` picks, with their names.
 * @param {YAML.Document} doc
 * @param {Selector} selector
 * @param {string} file for messages
 */
function selectImages(doc, selector, file) {
  const services = doc.get('services');
  if (!YAML.isSeq(services)) throw new PromotionError(`${file}: has no services list`);
  // Scheduled jobs run images as services do (often a service's image with another command):
  // a promotion by repository pins them too.
  const jobs = doc.get('jobs');
  const picked = [];
  for (const service of [...services.items, ...(YAML.isSeq(jobs) ? jobs.items : [])]) {
    if (!YAML.isMap(service)) continue;
    const image = service.get('image');
    if (!YAML.isMap(image)) continue;
    const name = String(service.get('name'));
    const repository = String(image.get('repository'));
    if (selector.service ? name === selector.service : repository === selector.repository) picked.push({ name, repository, image });
  }
  if (picked.length === 0) {
    const what = selector.service ? `service "${selector.service}"` : `a service with image repository "${selector.repository}"`;
    throw new PromotionError(`${file}: no ${what}`);
  }
  return picked;
}

/** The `tag:` and `digest:` pairs of an image map, in its order. @param {YAML.YAMLMap} image */
function pinPairs(image) {
  return image.items.filter((pair) => ['tag', 'digest'].includes(String(YAML.isScalar(pair.key) ? pair.key.value : pair.key)));
}

/**
 * Sets `digest` in an image map, in the place of `tag` when there is one. The edited document
 * is what the text edits (pinEdit) must read back as, and what is written out whole when they
 * cannot be placed.
 * @param {YAML.YAMLMap} image
 * @param {string} digest
 * @returns {string} the previous pin
 */
function setDigest(image, digest) {
  const [pinPair] = pinPairs(image);
  const previous = pinPair ? `${YAML.isScalar(pinPair.key) ? pinPair.key.value : pinPair.key}:${YAML.isScalar(pinPair.value) ? pinPair.value.value : pinPair.value}` : 'none';
  if (pinPair && YAML.isScalar(pinPair.key) && YAML.isScalar(pinPair.value)) {
    pinPair.key.value = 'digest';
    pinPair.value.value = digest;
    pinPair.value.type = 'PLAIN';
  } else {
    image.set('digest', digest);
  }
  // Exactly one of tag and digest (the schema's rule): drop whatever else remains.
  for (const key of ['tag', 'digest']) {
    const pairs = image.items.filter((pair) => String(YAML.isScalar(pair.key) ? pair.key.value : pair.key) === key);
    for (const extra of key === 'digest' ? pairs.slice(1) : pairs) image.items.splice(image.items.indexOf(extra), 1);
  }
  return previous;
}

/**
 * Pure text-to-text pin change.
 * @param {string} text   environment.yaml content
 * @param {Selector} selector
 * @param {string} digest
 * @param {string} [file] for messages
 * @returns {{ text: string, changes: PinChange[] }}
 */
function pinDigest(text, selector, digest, file = 'environment.yaml') {
  checkDigest(digest);
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) throw new PromotionError(`${file}: not valid YAML: ${doc.errors[0].message}`);
  const changes = [];
  /** Text edits, one per changed pin: `tag: x` or `digest: y` becomes `digest: <digest>`. */
  const edits = [];
  for (const { name, repository, image } of selectImages(doc, selector, file)) {
    const edit = pinEdit(image, digest);
    const from = setDigest(image, digest);
    if (from === `digest:${digest}`) continue;
    changes.push({ service: name, repository, from, to: `digest:${digest}` });
    edits.push(edit);
  }
  if (changes.length === 0) return { text, changes };
  return { text: spliced(text, edits, doc) ?? doc.toString({ flowCollectionPadding: false, lineWidth: 0 }), changes };
}

/**
 * Where the pin of an image map is in the text, when it is the one plain `tag:` or `digest:`
 * pair the schema allows; undefined otherwise (the document is then written out whole).
 * @param {YAML.YAMLMap} image
 * @param {string} digest
 * @returns {{ start: number, end: number, replacement: string } | undefined}
 */
function pinEdit(image, digest) {
  const pins = pinPairs(image);
  if (pins.length !== 1) return undefined;
  const [{ key, value }] = pins;
  if (!YAML.isScalar(key) || !YAML.isScalar(value) || !key.range || !value.range) return undefined;
  return { start: key.range[0], end: value.range[1], replacement: `digest: ${digest}` };
}

/**
 * The text with only the pins replaced, so that everything else (comments and their
 * alignment, quoting, blank lines) stays byte for byte and the diff is one line per pin. Null
 * when an edit could not be placed or the result would not read back as the edited document:
 * the caller then writes the document out whole.
 * @param {string} text
 * @param {Array<{ start: number, end: number, replacement: string } | undefined>} edits
 * @param {YAML.Document} edited the document with the pins already set
 * @returns {string | null}
 */
function spliced(text, edits, edited) {
  if (edits.some((edit) => edit === undefined)) return null;
  let result = text;
  for (const edit of [.../** @type {Array<{ start: number, end: number, replacement: string }>} */ (edits)].sort((a, b) => b.start - a.start)) {
    result = `${result.slice(0, edit.start)}${edit.replacement}${result.slice(edit.end)}`;
  }
  const reread = YAML.parseDocument(result);
  if (reread.errors.length > 0 || !isDeepStrictEqual(reread.toJS(), edited.toJS())) return null;
  return result;
}

/**
 * The digest an environment runs for a service (to promote what staging runs to prod).
 * @param {string} text
 * @param {Selector} selector
 * @param {string} [file]
 */
function readDigest(text, selector, file = 'environment.yaml') {
  const digests = [...new Set(selectImages(YAML.parseDocument(text), selector, file).map(({ image }) => image.get('digest')))];
  if (digests.length !== 1 || !DIGEST.test(String(digests[0]))) {
    throw new PromotionError(`${file}: ${selector.service || selector.repository} is not pinned by one digest (found ${digests.join(', ') || 'none'}); promote it there by digest first`);
  }
  return String(digests[0]);
}

/**
 * The pins of the services of a parsed definition whose image comes from `repository`.
 * @param {any} definition
 * @param {string} repository
 * @returns {{ service: string, pin: string }[]}
 */
function pinsOf(definition, repository) {
  const services = [
    ...(definition && Array.isArray(definition.services) ? definition.services : []),
    ...(definition && Array.isArray(definition.jobs) ? definition.jobs : []),
  ];
  return services
    .filter((service) => service && service.image && String(service.image.repository) === repository)
    .map((service) => {
      const { digest, tag } = service.image;
      const pin = digest !== undefined && digest !== null ? `digest:${digest}` : tag !== undefined && tag !== null ? `tag:${tag}` : 'no pin';
      return { service: String(service.name), pin };
    });
}

/**
 * What an environment runs from a repository, for messages: `<env> runs <repo> as tag:v1
 * (storefront, order-worker)`, or `<env> runs no service from <repo>`.
 * @param {string} environment
 * @param {string} repository
 * @param {{ service: string, pin: string }[]} pins
 */
function describeRuns(environment, repository, pins) {
  if (pins.length === 0) return `${environment} runs no service from ${repository}`;
  /** @type {Map<string, string[]>} */
  const byPin = new Map();
  for (const { service, pin } of pins) byPin.set(pin, [...(byPin.get(pin) || []), service]);
  return `${environment} runs ${repository} as ${[...byPin].map(([pin, services]) => `${pin} (${services.join(', ')})`).join(', ')}`;
}

/**
 * The promotion order: when `environment` promotes from another environment, that one must
 * already run `repository@digest`. Returns what breaks the rule, or undefined when it holds
 * (or the environment promotes from none).
 * @param {string} root
 * @param {string} environment
 * @param {string} text  the environment's current definition
 * @param {string} repository
 * @param {string} digest
 * @returns {{ from: string, violation: string } | undefined}
 */
function orderViolation(root, environment, text, repository, digest) {
  const from = (YAML.parse(text) || {}).promotesFrom;
  if (from === undefined || from === null) return undefined;
  const predecessor = YAML.parse(fs.readFileSync(definitionFile(root, String(from)), 'utf8'));
  const pins = pinsOf(predecessor, repository);
  if (pins.some(({ pin }) => pin === `digest:${digest}`)) return undefined;
  return {
    from: String(from),
    violation: `${environment} promotes from ${from}, which does not run ${repository}@${digest}; ${describeRuns(String(from), repository, pins)}`,
  };
}

/**
 * The --force / --reason rule: a reason goes with --force, and says why in earnest.
 * @param {{ force?: boolean, reason?: string }} options
 */
function checkForce({ force, reason }) {
  if (reason !== undefined && !force) throw new PromotionError('--reason goes with --force (it says why the promotion order is overridden)');
  if (!force) return;
  if (reason === undefined || reason.trim() === '') {
    throw new PromotionError(`--force needs --reason "<why>" (at least ${MIN_REASON_LENGTH} characters): it is what a reviewer reads in the pull request`);
  }
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new PromotionError(`--reason must say why in at least ${MIN_REASON_LENGTH} characters (it has ${reason.trim().length}): it is what a reviewer reads in the pull request`);
  }
}

/**
 * Runs `node tools/synth/cli.js validate [file]` against `root`; resolves with its problems
 * text, or '' when valid. Without a file it checks the whole workspace, cross-file rules too.
 * @param {string} root
 * @param {string} [file]
 */
function validateWithSynth(root, file) {
  const result = spawnSync(process.execPath, [path.join(WORKSPACE_ROOT, 'tools/synth/cli.js'), 'validate', ...(file ? [file] : [])], {
    // The synth CLI builds its bundle relative to the working directory, so it runs from this
    // repository; PLATFORM_WORKSPACE_ROOT points it at the definitions to check.
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, PLATFORM_WORKSPACE_ROOT: root },
    encoding: 'utf8',
  });
  if (result.status === 0) return '';
  return (result.stderr || result.stdout || `validation exited ${result.status}`).trim();
}

/**
 * @typedef {object} PromoteOptions
 * @property {string} environment
 * @property {string} [service]
 * @property {string} [repository]
 * @property {string} [digest]
 * @property {string} [fromEnvironment]  take the digest this environment runs
 * @property {boolean} [force]           pin even when the environment it promotes from does not run the digest
 * @property {string} [reason]           why (required with force, at least MIN_REASON_LENGTH characters)
 * @property {string} [root]             workspace root (default: this repository)
 * @property {(root: string, file?: string) => string} [validate]  default: the synth CLI
 */

/**
 * @typedef {object} PromoteResult
 * @property {string} file
 * @property {PinChange[]} changes
 * @property {{ reason: string, violation?: string }} [forced]  with force: the reason, and the
 *           order rule it overrode (none when the rule held anyway)
 */

/**
 * Promotes, validates and writes. Throws PromotionError, leaving the file as it was, when the
 * selection, the digest, the promotion order or the resulting definition is invalid.
 * @param {PromoteOptions} options
 * @returns {PromoteResult}
 */
function promote(options) {
  const root = path.resolve(options.root || WORKSPACE_ROOT);
  const validate = options.validate || validateWithSynth;
  const selector = options.service ? { service: options.service } : { repository: options.repository };
  if (!selector.service && !selector.repository) throw new PromotionError('name a --service or a --repository');
  checkForce(options);
  const forced = options.force ? { reason: /** @type {string} */ (options.reason).trim() } : undefined;
  const file = definitionFile(root, options.environment);
  const digest = options.fromEnvironment
    ? readDigest(fs.readFileSync(definitionFile(root, options.fromEnvironment), 'utf8'), selector, relative(root, options.fromEnvironment))
    : options.digest;
  const original = fs.readFileSync(file, 'utf8');
  const { text, changes } = pinDigest(original, selector, digest, relative(root, options.environment));
  if (changes.length === 0) return { file, changes, ...(forced && { forced }) };

  // One repository: a service selector picks one service, a repository selector one repository.
  const order = orderViolation(root, options.environment, original, changes[0].repository, /** @type {string} */ (digest));
  if (order && !forced) {
    throw new PromotionError(
      `refusing to skip the promotion order: ${order.violation}. Promote it to ${order.from} first, or pass --force with --reason "<why, at least ${MIN_REASON_LENGTH} characters>"; ${relative(root, options.environment)} is unchanged`,
    );
  }
  if (order && forced) forced.violation = order.violation;

  // A YAML file in the environment's folder: the synth CLI validates it as that environment's
  // definition (it refuses files it cannot place).
  const temporary = path.join(path.dirname(file), `.environment.${process.pid}.tmp.yaml`);
  try {
    fs.writeFileSync(temporary, text);
    const fileProblems = validate(root, temporary);
    if (fileProblems) throw new PromotionError(`the promoted definition is invalid; ${relative(root, options.environment)} is unchanged:\n${fileProblems}`);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  const workspaceProblems = validate(root);
  if (workspaceProblems) {
    writeAtomically(file, original);
    throw new PromotionError(`the workspace is invalid with this promotion; ${relative(root, options.environment)} was restored:\n${workspaceProblems}`);
  }
  return { file, changes, ...(forced && { forced }) };
}

/** @param {string} root @param {string} environment */
function definitionFile(root, environment) {
  if (!/^[a-z0-9-]+$/.test(environment || '')) throw new PromotionError(`"${environment}" is not an environment name`);
  const file = path.join(root, 'environments', environment, 'environment.yaml');
  if (!fs.existsSync(file)) throw new PromotionError(`no environment "${environment}" (${path.relative(root, file)} does not exist)`);
  return file;
}

/** @param {string} root @param {string} environment */
function relative(root, environment) {
  return path.posix.join('environments', environment, 'environment.yaml');
}

/** @param {string} file @param {string} text */
function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.restore.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

module.exports = { promote, pinDigest, readDigest, orderViolation, checkForce, validateWithSynth, PromotionError, DIGEST, MIN_REASON_LENGTH };
