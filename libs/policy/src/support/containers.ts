/**
 * ECS container definitions: `aws_ecs_task_definition.container_definitions` is a JSON string
 * (camelCase keys, as the ECS API takes them).
 */
import type { ResourceView } from '../types';
import { nonCompliant, type RuleResult } from '../types';

export interface ContainerDefinition {
  readonly name?: string;
  readonly image?: unknown;
  readonly user?: unknown;
  readonly privileged?: unknown;
  readonly readonlyRootFilesystem?: unknown;
  readonly logConfiguration?: { readonly logDriver?: unknown; readonly options?: Record<string, unknown> };
  readonly environment?: readonly { readonly name?: unknown; readonly value?: unknown }[];
  readonly secrets?: readonly { readonly name?: unknown; readonly valueFrom?: unknown }[];
  readonly portMappings?: readonly { readonly containerPort?: unknown; readonly name?: unknown }[];
}

export type ParsedContainers =
  | { readonly ok: true; readonly containers: readonly ContainerDefinition[] }
  | { readonly ok: false; readonly failure: RuleResult };

/** The task definition's containers, or a failure when they cannot be read. */
export function containersOf(resource: ResourceView): ParsedContainers {
  const raw = resource.config.container_definitions;
  if (typeof raw !== 'string') {
    return { ok: false, failure: nonCompliant('container_definitions is missing or not a JSON string') };
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return { ok: false, failure: nonCompliant('container_definitions is not a JSON list') };
    return { ok: true, containers: parsed as ContainerDefinition[] };
  } catch {
    return {
      ok: false,
      failure: nonCompliant('container_definitions is not literal JSON (a Terraform expression?); build it with JSON.stringify so rules can read it'),
    };
  }
}

/** Names a container in messages. */
export function containerName(container: ContainerDefinition, index: number): string {
  return typeof container.name === 'string' ? `container "${container.name}"` : `container ${index + 1}`;
}

/** Checks every container; one message per failing container. */
export function checkContainers(
  resource: ResourceView,
  problem: (container: ContainerDefinition) => string | undefined,
): RuleResult {
  const parsed = containersOf(resource);
  if (!parsed.ok) return parsed.failure;
  if (parsed.containers.length === 0) return nonCompliant('the task definition has no containers');
  const problems = parsed.containers.flatMap((container, index) => {
    const found = problem(container);
    return found ? [`${containerName(container, index)}: ${found}`] : [];
  });
  return problems.length > 0 ? nonCompliant(problems.join('; ')) : { status: 'compliant' };
}

/** The port mappings of a task definition's containers, with their names when named. */
export function portMappingsOf(resource: ResourceView): Array<{ readonly containerPort?: number; readonly name?: string }> | undefined {
  const parsed = containersOf(resource);
  if (!parsed.ok) return undefined;
  return parsed.containers.flatMap((container) =>
    (Array.isArray(container.portMappings) ? container.portMappings : []).map((mapping) => ({
      ...(typeof mapping.containerPort === 'number' ? { containerPort: mapping.containerPort } : {}),
      ...(typeof mapping.name === 'string' ? { name: mapping.name } : {}),
    })),
  );
}
