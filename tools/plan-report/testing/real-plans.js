'use strict';
/**
 * Makes plans with the REAL Terraform and AWS provider, offline, for the plan report's tests:
 * no hand-written plan JSON. Creations come from planning a configuration against empty state;
 * updates, replacements and destroys from planning a changed configuration against a state
 * file derived from the first plan's planned values (terraform state v4, written here),
 * with `-refresh=false`, fake credentials and the provider's skip flags.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const tf = require('../../terraform-gate/lib/terraform');
const { findProviderMirror } = require('../../terraform-gate/lib/mirror');

const AWS_SOURCE = 'registry.terraform.io/hashicorp/aws';
// TF_PLUGIN_DIR, or the mirror the gate would find on this machine; none = the registry.
const MIRROR = findProviderMirror(process.env);
const ACCOUNT = '123456789012';

/** Terraform block and an offline provider: fake keys, skip flags, local state. */
function offlineBase() {
  return {
    terraform: {
      required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } },
      backend: { local: { path: 'terraform.tfstate' } },
    },
    provider: {
      aws: [
        {
          region: 'eu-west-1',
          access_key: 'mock-access-key',
          secret_key: 'mock-secret-key',
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
        },
      ],
    },
  };
}

/**
 * A workspace for one scenario: its CLI config (provider mirror, shared plugin cache), the
 * sanitized child environment, and a `run` that fails loudly with Terraform's output.
 * @param {string} dir
 */
function createWorkspace(dir) {
  fs.mkdirSync(path.join(dir, 'plugin-cache'), { recursive: true });
  const cliConfig = path.join(dir, 'terraform.rc');
  // One scenario at a time, so a plugin cache is safe here (the gate's race needs concurrency).
  fs.writeFileSync(cliConfig, tf.cliConfigText({ pluginDir: MIRROR && MIRROR.dir, pluginCacheDir: path.join(dir, 'plugin-cache') }));
  const env = tf.childEnv(process.env, cliConfig);
  const bin = tf.findTerraform(process.env);
  /** @param {string[]} args @param {string} cwd */
  async function run(args, cwd) {
    const result = await tf.runTerraform(bin, args, { cwd, env, timeoutSeconds: 600 });
    if (result.code !== 0) throw new Error(`terraform ${args.join(' ')} failed in ${cwd}:\n${tf.outputTail(result, 60)}`);
    return result.stdout;
  }
  return { dir, run };
}

/**
 * Writes `config` into `<workspace>/<name>`, with `state` as its state when given, and
 * resolves with the parsed `terraform show -json` plan.
 * @param {ReturnType<typeof createWorkspace>} workspace
 * @param {string} name
 * @param {Record<string, any>} resources  the configuration's `resource` block
 * @param {any} [state]
 */
async function planConfig(workspace, name, resources, state) {
  const dir = path.join(workspace.dir, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ ...offlineBase(), resource: resources }, null, 2));
  if (state) fs.writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify(state, null, 2));
  await workspace.run(['init', '-input=false', '-no-color'], dir);
  await workspace.run(['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=tfplan'], dir);
  return JSON.parse(await workspace.run(['show', '-json', 'tfplan'], dir));
}

/**
 * The human-readable plan of a scenario planned by planConfig: `terraform show -no-color tfplan`.
 * @param {ReturnType<typeof createWorkspace>} workspace
 * @param {string} name
 */
function showPlanText(workspace, name) {
  return workspace.run(['show', '-no-color', 'tfplan'], path.join(workspace.dir, name));
}

/**
 * Resource schemas of the aws provider (for schema versions and attribute types), read once
 * from the initialized directory of a scenario.
 * @param {ReturnType<typeof createWorkspace>} workspace
 * @param {string} initializedDir
 */
async function awsResourceSchemas(workspace, initializedDir) {
  const schemas = JSON.parse(await workspace.run(['providers', 'schema', '-json'], path.join(workspace.dir, initializedDir)));
  return schemas.provider_schemas[AWS_SOURCE].resource_schemas;
}

/**
 * Terraform state v4 as if `plan` had been applied: every planned resource with its planned
 * values, and plausible values for what was unknown until apply (ids, ARNs, computed lists).
 * @param {any} plan
 * @param {Record<string, any>} schemas aws resource schemas by type
 */
function stateFromPlan(plan, schemas) {
  const unknownByAddress = new Map(plan.resource_changes.map((change) => [change.address, change.change.after_unknown || {}]));
  /** @type {Map<string, any>} one state resource per type and name; `count` instances inside */
  const byName = new Map();
  for (const resource of plan.planned_values.root_module.resources) {
    const schema = schemas[resource.type];
    if (!schema) throw new Error(`no schema for ${resource.type}`);
    const attributes = { ...resource.values };
    for (const [key, unknown] of Object.entries(unknownByAddress.get(resource.address) || {})) {
      if (unknown === true) attributes[key] = appliedValue(key, resource, schema.block);
    }
    const key = `${resource.type}.${resource.name}`;
    if (!byName.has(key)) {
      byName.set(key, { mode: 'managed', type: resource.type, name: resource.name, provider: `provider["${AWS_SOURCE}"]`, instances: [] });
    }
    byName.get(key).instances.push({
      ...(resource.index === undefined ? {} : { index_key: resource.index }),
      schema_version: schema.version,
      attributes,
      sensitive_attributes: [],
    });
  }
  const resources = [...byName.values()];
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: crypto.randomUUID(),
    outputs: {},
    resources,
    check_results: null,
  };
}

/**
 * What AWS would have returned for an attribute unknown at plan time.
 * @param {string} key
 * @param {any} resource planned_values resource
 * @param {any} block schema block
 */
function appliedValue(key, resource, block) {
  const values = resource.values;
  if (key === 'id') return values.name || values.bucket || `${resource.name}-id`;
  if (key === 'arn') return `arn:aws:${resource.type.split('_')[1]}:eu-west-1:${ACCOUNT}:${resource.type}/${resource.name}`;
  const attribute = block.attributes && block.attributes[key];
  if (!attribute) return []; // a nested block: none
  const type = attribute.type;
  if (type === 'string') return key.endsWith('_id') ? `${resource.name}-${key}` : '';
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (Array.isArray(type) && type[0] === 'map') return {};
  if (Array.isArray(type) && (type[0] === 'list' || type[0] === 'set')) return [];
  return null;
}

module.exports = { createWorkspace, planConfig, showPlanText, awsResourceSchemas, stateFromPlan, offlineBase };
