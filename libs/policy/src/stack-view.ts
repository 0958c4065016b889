/** The resources of a synthesized stack (`cdk.tf.json`), as rules see them. */
import type { ResourceView, RuleContext, Tier } from './types';

/** The parts of a synthesized stack the policy reads. */
export interface SynthesizedStack {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
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

export function ruleContext(stackName: string, tier: Tier, resources: readonly ResourceView[]): RuleContext {
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
    ofType: (type) => byType.get(type) ?? [],
    get: (address) => byAddress.get(address),
  };
}
