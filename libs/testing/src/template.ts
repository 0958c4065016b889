/**
 * The synthesized Terraform JSON of a stack, for tests, in the style of AWS CDK's
 * `Template.fromStack(stack).hasResourceProperties(...)`. Resources are found by type and by
 * construct path below the stack (`compute/services/storefront/service`), the way the
 * libraries' docs name them, so a test never depends on a hashed logical id.
 */
import { TerraformStack, Testing } from 'cdktf';
import { matchValue, type MatchFailure } from './match';

/** Terraform JSON: values are whatever the synthesizer wrote. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** One synthesized resource. */
export interface SynthesizedResource {
  readonly type: string;
  /** The logical id: the Terraform address is `<type>.<logicalId>`. */
  readonly logicalId: string;
  /** The construct path below the stack. */
  readonly path: string;
  /** Its arguments, `//` metadata removed. */
  readonly config: Json;
}

function withoutMetadata(config: Json): Json {
  return Object.fromEntries(Object.entries(config).filter(([key]) => key !== '//'));
}

function describe(failures: readonly MatchFailure[]): string {
  return failures.map((failure) => `    ${failure.path || '(value)'}: ${failure.message}`).join('\n');
}

export class Template {
  /**
   * Synthesizes the stack once, running its aspects and then its constructs' own validations
   * (`node.addValidation`), as `App.synth` does: a construct that refuses its state throws here,
   * as it would stop `cdktf synth`. The stack-level check that every provider has a provider
   * block is left out, so a test stack needs no provider.
   */
  static fromStack(stack: TerraformStack): Template {
    // Testing.synth's text drops the construct paths, which toTerraform() (after it) still has.
    Testing.synth(stack);
    const errors = stack.node
      .findAll()
      .filter((construct) => !TerraformStack.isStack(construct))
      .flatMap((construct) => construct.node.validate().map((error) => `${construct.node.path}: ${error}`));
    if (errors.length > 0) throw new Error(`Validation failed:\n${errors.map((error) => `  ${error}`).join('\n')}`);
    return new Template(JSON.parse(JSON.stringify(stack.toTerraform())) as Json);
  }

  /** A template of Terraform JSON already synthesized (a `cdk.tf.json`). */
  static fromJson(json: Json): Template {
    return new Template(json);
  }

  private readonly byType = new Map<string, SynthesizedResource[]>();

  private constructor(
    /** The whole synthesized JSON. */
    readonly json: Json,
  ) {
    for (const [type, resources] of Object.entries<Json>(json.resource ?? {})) {
      this.byType.set(
        type,
        Object.entries<Json>(resources).map(([logicalId, config]) => ({
          type,
          logicalId,
          path: String(config['//']?.metadata?.path ?? logicalId).replace(/^[^/]+\//, ''),
          config: withoutMetadata(config),
        })),
      );
    }
  }

  /** Every resource type in the stack, sorted. */
  resourceTypes(): string[] {
    return [...this.byType.keys()].sort();
  }

  /** The resources of `type` (every type when omitted). */
  resources(type?: string): SynthesizedResource[] {
    return type === undefined ? [...this.byType.values()].flat() : [...(this.byType.get(type) ?? [])];
  }

  /** The resources of `type` whose arguments match `pattern`, by construct path. */
  findResources(type: string, pattern: unknown = {}): Record<string, Json> {
    return Object.fromEntries(
      this.resources(type)
        .filter((resource) => matchValue(pattern, resource.config).length === 0)
        .map((resource) => [resource.path, resource.config]),
    );
  }

  /** Throws unless the stack holds exactly `count` resources of `type`. */
  resourceCountIs(type: string, count: number): void {
    const found = this.resources(type).length;
    if (found !== count) {
      throw new Error(`expected ${count} ${type}, found ${found}${found > 0 ? `: ${this.resources(type).map((r) => r.path).join(', ')}` : ''}`);
    }
  }

  /** Throws unless some resource of `type` has arguments matching `pattern`; says how the closest one differs. */
  hasResourceProperties(type: string, pattern: unknown): void {
    const candidates = this.resources(type);
    if (candidates.length === 0) throw new Error(`expected a ${type} matching the pattern; the stack has none (types: ${this.resourceTypes().join(', ')})`);
    const results = candidates.map((resource) => ({ resource, failures: matchValue(pattern, resource.config) }));
    if (results.some((result) => result.failures.length === 0)) return;
    const closest = results.reduce((best, result) => (result.failures.length < best.failures.length ? result : best));
    throw new Error(
      `no ${type} of ${candidates.length} matches the pattern; the closest, ${closest.resource.path}, differs at\n${describe(closest.failures)}`,
    );
  }

  /** The arguments of the resource of `type` at construct `path`. */
  resource(type: string, path: string): Json {
    return this.resourceAt(type, path).config;
  }

  /** The resource of `type` at construct `path`, with its logical id. */
  resourceAt(type: string, path: string): SynthesizedResource {
    const found = this.resources(type).find((resource) => resource.path === path);
    if (!found) throw new Error(`no ${type} at ${path}; have ${this.resources(type).map((r) => r.path).join(', ') || 'none'}`);
    return found;
  }

  /** Throws unless the resource of `type` at `path` matches `pattern`. */
  resourceMatches(type: string, path: string, pattern: unknown): void {
    const failures = matchValue(pattern, this.resource(type, path));
    if (failures.length > 0) throw new Error(`${type} at ${path} differs at\n${describe(failures)}`);
  }

  /** `<type>.<logical id>` of the resource at `path`. */
  address(type: string, path: string): string {
    return `${type}.${this.resourceAt(type, path).logicalId}`;
  }

  /** `${<type>.<logical id>.<attribute>}`: how another resource references it. */
  ref(type: string, path: string, attribute = 'id'): string {
    return `\${${this.address(type, path)}.${attribute}}`;
  }

  /** Terraform outputs by name. */
  outputs(): Record<string, Json> {
    return Object.fromEntries(Object.entries<Json>(this.json.output ?? {}).map(([name, output]) => [name, withoutMetadata(output)]));
  }

  /** Throws unless output `name` exists and matches `pattern`. */
  hasOutput(name: string, pattern: unknown = {}): void {
    const output = this.outputs()[name];
    if (!output) throw new Error(`no output ${name}; have ${Object.keys(this.outputs()).join(', ') || 'none'}`);
    const failures = matchValue(pattern, output);
    if (failures.length > 0) throw new Error(`output ${name} differs at\n${describe(failures)}`);
  }
}
