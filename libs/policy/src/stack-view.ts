/** The resources of a synthesized stack (`cdk.tf.json`), as rules see them. */
import type { ResourceView, RuleContext, Tier } from './types';

/** The parts of a synthesized stack the policy reads. */
export interface SynthesizedStack {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
  readonly terraform?: { readonly backend?: Readonly<Record<string, Readonly<Record<string, unknown>>>> };
  readonly provider?: Readonly<Record<string, unknown>>;
}

/**
 * The pseudo resource type of the stack's backend block (`terraform.backend.<type>`), so that
 * rules about where state goes read it like a resource: its config is the block, its name the
 * backend type.
 */
export const BACKEND_TYPE = 'terraform_backend';

/** The backend block as a resource view (none for a stack without one). */
export function backendViews(stack: SynthesizedStack): ResourceView[] {
  return Object.entries(stack.terraform?.backend ?? {}).map(([type, config]) => ({
    type: BACKEND_TYPE,
    name: type,
    address: `terraform.backend.${type}`,
    path: `terraform.backend.${type}`,
    config,
  }));
}

/** The `default_tags` of the stack's default aws provider: what every resource it makes carries. */
export function defaultTagsOf(stack: SynthesizedStack): Readonly<Record<string, string>> {
  const raw = stack.provider?.aws;
  const blocks = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<Record<string, unknown>>;
  const provider = blocks.find((block) => block.alias === undefined);
  const defaults = provider?.default_tags;
  const first = (Array.isArray(defaults) ? defaults[0] : defaults) as { tags?: Record<string, string> } | undefined;
  return first?.tags ?? {};
}

/** Every resource of the stack, sorted by address. */
export function resourcesOf(stack: SynthesizedStack): ResourceView[] {
  const views: ResourceView[] = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, raw] of Object.entries(byName)) {
      const { '//': meta, ...config } = raw as Record<string, unknown>;
      const path = (meta as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
      views.push({ type, name, address: `${type}.${name}`, path: typeof path === 'string' ? path : `${type}.${name}`, config });
    }
  }
  return views.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** The Terraform addresses of the stack's resources, sorted. */
export function resourceAddresses(stack: SynthesizedStack): string[] {
  return resourcesOf(stack).map((resource) => resource.address);
}

export function ruleContext(
  stackName: string,
  tier: Tier,
  resources: readonly ResourceView[],
  defaultTags: Readonly<Record<string, string>> = {},
): RuleContext {
  const byType = new Map<string, ResourceView[]>();
  const byAddress = new Map<string, ResourceView>();
  for (const resource of resources) {
    byType.set(resource.type, [...(byType.get(resource.type) ?? []), resource]);
    byAddress.set(resource.address, resource);
  }
  return {
    stackName,
    tier,
    resources,
    defaultTags,
    ofType: (type) => byType.get(type) ?? [],
    get: (address) => byAddress.get(address),
  };
}
