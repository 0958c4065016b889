'use strict';
const crypto = require('node:crypto');

/**
 * The `terraform test` step applies the whole stack against `mock_provider "aws"`. Mock
 * providers invent random strings for computed attributes, but the real provider still
 * validates arguments, so e.g. a random IAM role `arn` fed into an ECS task definition's
 * `execution_role_arn` fails with "invalid ARN", and a random aws_iam_policy_document `json`
 * fails a role's assume_role_policy. This module gives such attributes plausible defaults,
 * using the provider schema to know which types really have them.
 */

const ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';
const EMPTY_POLICY = '{"Version":"2012-10-17","Statement":[]}';

// Computed attribute names that commonly feed validated arguments, for every type.
const COMMON_ATTRIBUTES = ['arn', 'account_id', 'partition', 'dns_suffix', 'region'];
// Data sources only: policy documents rendered locally and passed to *_policy arguments.
const DATA_ONLY_ATTRIBUTES = ['json', 'minified_json'];
// A few types whose attribute names are too generic to default everywhere.
/** @type {Record<string, Record<string, Record<string, unknown>>>} */
const TYPE_DEFAULTS = {
  resource: {
    aws_kms_key: { key_id: '1234abcd-12ab-34cd-56ef-1234567890ab' },
    // manage_master_user_password: a stack reads master_user_secret[0].secret_arn, and a mock
    // returns computed lists empty.
    aws_db_instance: {
      master_user_secret: [
        {
          kms_key_id: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
          secret_arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:rds!db-mock-AbCdEf`,
          secret_status: 'active',
        },
      ],
    },
  },
  data: {
    aws_region: { name: REGION },
    aws_availability_zones: { names: [`${REGION}a`, `${REGION}b`, `${REGION}c`] },
  },
};

/** Bump when the summary's shape or how summarizeKind reads the schema changes. */
const SUMMARY_FORMAT = 2;

/**
 * What a summary depends on besides the provider version: its format and the attribute lists
 * above (a changed default value only costs one rebuild). Cache files are named by it, so a
 * checkout whose rules differ (another branch, an edit here) never takes a summary made under
 * other rules, even from a cache that several checkouts share.
 */
const SUMMARY_RULES_KEY = crypto
  .createHash('sha256')
  .update(JSON.stringify([SUMMARY_FORMAT, COMMON_ATTRIBUTES, DATA_ONLY_ATTRIBUTES, TYPE_DEFAULTS]))
  .digest('hex')
  .slice(0, 12);

/**
 * @typedef {object} SchemaSummary
 * @property {number} format
 * @property {string} version                       aws provider version
 * @property {Record<string, string[]>} resource    type -> computed attributes the gate mocks
 * @property {Record<string, string[]>} data
 */

/**
 * Reduces `terraform providers schema -json` (13 MB for aws 5.100) to the computed top-level
 * attributes the gate knows a value for.
 * @param {any} schemaJson
 * @param {string} version
 * @returns {SchemaSummary}
 */
function summarizeSchema(schemaJson, version) {
  const schemas = Object.entries(schemaJson.provider_schemas || {}).find(([address]) =>
    address.endsWith('/hashicorp/aws'),
  );
  if (!schemas) throw new Error('terraform providers schema -json has no hashicorp/aws schema');
  const aws = schemas[1];
  return {
    format: SUMMARY_FORMAT,
    version,
    resource: summarizeKind(aws.resource_schemas || {}, 'resource'),
    data: summarizeKind(aws.data_source_schemas || {}, 'data'),
  };
}

/**
 * @param {Record<string, any>} typeSchemas
 * @param {'resource'|'data'} kind
 */
function summarizeKind(typeSchemas, kind) {
  /** @type {Record<string, string[]>} */
  const summary = {};
  for (const [type, schema] of Object.entries(typeSchemas)) {
    const attributes = (schema.block && schema.block.attributes) || {};
    const wanted = [
      ...COMMON_ATTRIBUTES,
      ...(kind === 'data' ? DATA_ONLY_ATTRIBUTES : []),
      ...Object.keys(TYPE_DEFAULTS[kind][type] || {}),
    ];
    const computed = wanted.filter((name) => attributes[name] && attributes[name].computed);
    if (computed.length > 0) summary[type] = computed;
  }
  return summary;
}

/**
 * The value the mock returns for one attribute. ARNs follow the brief's shape
 * `arn:aws:<service>:<region>:<account>:<type>/mock`; the provider's ARN validators check the
 * structure (partition, region and account formats), not the service.
 * @param {'resource'|'data'} kind
 * @param {string} type
 * @param {string} attribute
 */
function mockValue(kind, type, attribute) {
  const specific = TYPE_DEFAULTS[kind][type];
  if (specific && attribute in specific) return specific[attribute];
  const bare = type.replace(/^aws_/, '');
  switch (attribute) {
    case 'arn':
      return `arn:aws:${bare.split('_')[0]}:${REGION}:${ACCOUNT_ID}:${bare}/mock`;
    case 'account_id':
      return ACCOUNT_ID;
    case 'partition':
      return 'aws';
    case 'dns_suffix':
      return 'amazonaws.com';
    case 'region':
      return REGION;
    default:
      return EMPTY_POLICY; // json, minified_json
  }
}

/**
 * `mock_resource` / `mock_data` blocks for the types a stack uses.
 * @param {SchemaSummary} summary
 * @param {{ resource: Set<string>, data: Set<string> }} types
 */
function mockBlocks(summary, types) {
  /** @type {Record<string, any>} */
  const blocks = {};
  for (const [kind, blockName] of /** @type {const} */ ([['resource', 'mock_resource'], ['data', 'mock_data']])) {
    /** @type {Record<string, any>} */
    const byType = {};
    for (const type of [...types[kind]].sort()) {
      const attributes = summary[kind][type];
      if (!attributes) continue;
      const defaults = Object.fromEntries(attributes.map((name) => [name, mockValue(kind, type, name)]));
      byType[type] = { defaults };
    }
    if (Object.keys(byType).length > 0) blocks[blockName] = byType;
  }
  return blocks;
}

/**
 * The generated `tests/gate.tftest.json` (Terraform accepts test files in JSON syntax, which
 * avoids escaping HCL by hand). A test file's mock_provider only replaces the provider
 * configuration with the same alias: a stack's `provider "aws" { alias = "x" }` without a
 * matching `mock_provider "aws" { alias = "x" }` stays real and tries to call AWS. So there
 * is one mock per alias, plus the default one (harmless when the stack has none).
 * @param {{ aliases: Array<string|undefined>, summary: SchemaSummary, types: { resource: Set<string>, data: Set<string> } }} input
 */
function buildTestFile({ aliases, summary, types }) {
  const mocks = mockBlocks(summary, types);
  const named = [...new Set(aliases.filter((alias) => alias !== undefined))].sort();
  return {
    '//': 'Generated by tools/terraform-gate: apply the whole stack against mocked AWS providers.',
    mock_provider: { aws: [{ ...mocks }, ...named.map((alias) => ({ alias, ...mocks }))] },
    run: { apply: { command: 'apply' } },
  };
}

/**
 * Resource and data source types declared in cdk.tf.json.
 * @param {any} config
 */
function typesInConfig(config) {
  return {
    resource: new Set(Object.keys(config.resource || {})),
    data: new Set(Object.keys(config.data || {})),
  };
}

/**
 * Adds the types declared in child modules, read from the plan JSON's `configuration`
 * (cdk.tf.json alone does not show what a module contains).
 * @param {{ resource: Set<string>, data: Set<string> }} types
 * @param {any} plan `terraform show -json` output
 */
function addTypesFromPlan(types, plan) {
  /** @param {any} module */
  const visit = (module) => {
    if (!module) return;
    for (const item of module.resources || []) {
      (item.mode === 'data' ? types.data : types.resource).add(item.type);
    }
    for (const call of Object.values(module.module_calls || {})) visit(/** @type {any} */ (call).module);
  };
  visit(plan && plan.configuration && plan.configuration.root_module);
  return types;
}

/**
 * Whether a parsed cache file is a summary of this format for this provider version (a cache
 * shared between checkouts may hold a truncated or foreign file: it is rebuilt, never trusted).
 * @param {any} value
 * @param {string} version
 * @returns {value is SchemaSummary}
 */
function isSchemaSummary(value, version) {
  const isTypeMap = (/** @type {any} */ map) =>
    Boolean(map) && typeof map === 'object' && Object.values(map).every((names) => Array.isArray(names) && names.every((name) => typeof name === 'string'));
  return Boolean(value) && value.format === SUMMARY_FORMAT && value.version === version && isTypeMap(value.resource) && isTypeMap(value.data);
}

module.exports = {
  SUMMARY_FORMAT,
  SUMMARY_RULES_KEY,
  isSchemaSummary,
  summarizeSchema,
  mockValue,
  buildTestFile,
  typesInConfig,
  addTypesFromPlan,
};
