import type { ContainerHealthCheck } from './types';

/** One container of a task, every default applied. */
export interface ResolvedContainer {
  readonly name: string;
  readonly essential: boolean;
  /** Image URI. */
  readonly image: string;
  readonly cpu?: number;
  readonly memory?: number;
  readonly containerPort?: number;
  /**
   * Name of the container port's mapping, which Service Connect's server configuration points
   * at (`port_name`); the port then also declares its protocol (`http`). @default none: an unnamed mapping
   */
  readonly portName?: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly healthCheck?: Required<ContainerHealthCheck>;
  readonly readOnlyRootFilesystem: boolean;
  readonly user: string;
  readonly stopTimeout: number;
  readonly command?: readonly string[];
}

/** Scratch volumes every task gets, so that a read-only root filesystem still has a writable /tmp. */
export const SCRATCH_VOLUME = { name: 'tmp', containerPath: '/tmp' } as const;

/**
 * Where the SSM agent of ECS Exec writes its state and logs. ECS Exec needs them writable; with
 * writable volumes mounted there, exec sessions work while the root filesystem stays read-only
 * (aws/containers-roadmap#1359).
 */
export const ECS_EXEC_VOLUMES = [
  { name: 'ssm-agent-state', containerPath: '/var/lib/amazon' },
  { name: 'ssm-agent-logs', containerPath: '/var/log/amazon' },
] as const;

export interface ContainerContext {
  readonly logGroupName: string;
  readonly region: string;
  readonly ecsExec: boolean;
}

const byName = (record: Readonly<Record<string, string>>, key: 'value' | 'valueFrom') =>
  Object.keys(record)
    .sort()
    .map((name) => ({ name, [key]: record[name] }));

/**
 * The `container_definitions` of a task, as ECS takes them. Every container: pinned image,
 * awslogs to the service's log group, read-only root filesystem (unless the definition says
 * why not), a non-root user, an init process that reaps zombies and forwards signals, every
 * Linux capability dropped, a stop timeout, secrets only through `valueFrom` (docs/design.md decision 8).
 * Keys and lists are sorted, so the same definition gives the same JSON.
 */
export function containerDefinitions(containers: readonly ResolvedContainer[], context: ContainerContext): Record<string, unknown>[] {
  const volumes = [SCRATCH_VOLUME, ...(context.ecsExec ? ECS_EXEC_VOLUMES : [])];
  return containers.map((container) => {
    return {
      name: container.name,
      image: container.image,
      essential: container.essential,
      ...(container.command ? { command: [...container.command] } : {}),
      ...(container.cpu !== undefined ? { cpu: container.cpu } : {}),
      ...(container.memory !== undefined ? { memory: container.memory } : {}),
      portMappings:
        container.containerPort !== undefined
          ? [
              {
                containerPort: container.containerPort,
                protocol: 'tcp',
                ...(container.portName !== undefined ? { name: container.portName, appProtocol: 'http' } : {}),
              },
            ]
          : [],
      environment: byName(container.environment, 'value'),
      secrets: byName(container.secrets, 'valueFrom'),
      ...(container.healthCheck
        ? {
            healthCheck: {
              command: [...container.healthCheck.command],
              interval: container.healthCheck.interval,
              timeout: container.healthCheck.timeout,
              retries: container.healthCheck.retries,
              startPeriod: container.healthCheck.startPeriod,
            },
          }
        : {}),
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': context.logGroupName,
          'awslogs-region': context.region,
          'awslogs-stream-prefix': container.name,
        },
      },
      readonlyRootFilesystem: container.readOnlyRootFilesystem,
      user: container.user,
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
      stopTimeout: container.stopTimeout,
      mountPoints: volumes.map((volume) => ({ sourceVolume: volume.name, containerPath: volume.containerPath, readOnly: false })),
      volumesFrom: [],
    };
  });
}
