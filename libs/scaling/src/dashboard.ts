import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { dashboardName } from '@ecs-platform/aws-names';
import { Construct } from 'constructs';
import type { EcsServiceRef, LoadBalancerTargetRef } from './refs';

/** One service's row on the dashboard. */
export interface DashboardService {
  /** The service's name in its environment (`storefront`): the row's heading and the widget titles. */
  readonly name: string;
  /** The ECS service: the `ClusterName` and `ServiceName` dimensions. */
  readonly service: EcsServiceRef;
  /** @default none: a service without a load balancer (a worker), whose row has no load balancer widgets */
  readonly loadBalancerTarget?: LoadBalancerTargetRef;
  /** CPU scaling target, percent, drawn as a line on the CPU widget. @default none */
  readonly cpuTarget?: number;
  /** Memory scaling target, percent, drawn as a line on the memory widget. @default none */
  readonly memoryTarget?: number;
}

/** The widgets of a service row, in order; workers have the first three. */
export const SERVICE_WIDGETS = ['CPU', 'Memory', 'Running tasks', 'Requests', 'Latency', '5xx', 'Healthy hosts'] as const;
export type ServiceWidget = (typeof SERVICE_WIDGETS)[number];

type MetricLine = Array<string | Record<string, string>>;
type Json = Record<string, unknown>;

const WIDTH = 8;
const HEIGHT = 6;
const PER_ROW = 24 / WIDTH;

/**
 * The dashboard body (CloudWatch dashboard JSON): per service a heading, then CPU, memory,
 * running task count and, behind the load balancer, requests, latency percentiles
 * (p50/p90/p99), 5xx (targets and load balancer) and healthy/unhealthy hosts. Pure, and
 * stable: the same services give the same bytes.
 */
export function dashboardBody(region: string, services: readonly DashboardService[]): string {
  const widgets: Json[] = [];
  let y = 0;
  for (const svc of services) {
    widgets.push({ type: 'text', x: 0, y, width: 24, height: 1, properties: { markdown: `## ${svc.name}` } });
    y += 1;
    const cells = serviceWidgets(region, svc);
    cells.forEach((properties, i) => {
      widgets.push({ type: 'metric', x: (i % PER_ROW) * WIDTH, y: y + Math.floor(i / PER_ROW) * HEIGHT, width: WIDTH, height: HEIGHT, properties });
    });
    y += Math.ceil(cells.length / PER_ROW) * HEIGHT;
  }
  return JSON.stringify({ widgets });
}

function serviceWidgets(region: string, svc: DashboardService): Json[] {
  const ecs = ['ClusterName', svc.service.clusterName, 'ServiceName', svc.service.serviceName];
  const widget = (title: ServiceWidget, metrics: MetricLine[], extra: Json = {}): Json => ({
    title: `${svc.name}: ${title}`,
    region,
    view: 'timeSeries',
    stacked: false,
    period: 60,
    metrics,
    ...extra,
  });
  const targetLine = (label: string, value: number | undefined): Json =>
    value === undefined ? {} : { annotations: { horizontal: [{ label, value }] } };
  const percentAxis = { yAxis: { left: { min: 0, max: 100 } } };

  const widgets = [
    widget('CPU', [['AWS/ECS', 'CPUUtilization', ...ecs, { stat: 'Average', label: 'CPU %' }]], {
      ...percentAxis,
      ...targetLine('scaling target', svc.cpuTarget),
    }),
    widget('Memory', [['AWS/ECS', 'MemoryUtilization', ...ecs, { stat: 'Average', label: 'memory %' }]], {
      ...percentAxis,
      ...targetLine('scaling target', svc.memoryTarget),
    }),
    widget('Running tasks', [
      ['ECS/ContainerInsights', 'RunningTaskCount', ...ecs, { stat: 'Average', label: 'running' }],
      ['ECS/ContainerInsights', 'DesiredTaskCount', ...ecs, { stat: 'Average', label: 'desired' }],
    ]),
  ];
  const lb = svc.loadBalancerTarget;
  if (!lb) return widgets;
  const target = ['LoadBalancer', lb.loadBalancerArnSuffix, 'TargetGroup', lb.targetGroupArnSuffix];
  widgets.push(
    widget('Requests', [
      ['AWS/ApplicationELB', 'RequestCount', ...target, { stat: 'Sum', label: 'requests' }],
      ['AWS/ApplicationELB', 'RequestCountPerTarget', ...target, { stat: 'Sum', label: 'per target', yAxis: 'right' }],
    ]),
    widget(
      'Latency',
      ['p50', 'p90', 'p99'].map((stat) => ['AWS/ApplicationELB', 'TargetResponseTime', ...target, { stat, label: stat }]),
    ),
    widget('5xx', [
      ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', ...target, { stat: 'Sum', label: 'from tasks' }],
      ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'LoadBalancer', lb.loadBalancerArnSuffix, { stat: 'Sum', label: 'from load balancer' }],
    ]),
    widget('Healthy hosts', [
      ['AWS/ApplicationELB', 'HealthyHostCount', ...target, { stat: 'Minimum', label: 'healthy' }],
      ['AWS/ApplicationELB', 'UnHealthyHostCount', ...target, { stat: 'Maximum', label: 'unhealthy' }],
    ]),
  );
  return widgets;
}

export interface ServicesDashboardProps {
  /** Environment name; names the dashboard unless `dashboardName` does. */
  readonly environment: string;
  /** @default `<environment>-services` (dashboardName) */
  readonly dashboardName?: string;
  /** Region of the metrics. */
  readonly region: string;
  /** One row per service, in this order. */
  readonly services: readonly DashboardService[];
}

/** The environment's dashboard, `<environment>-services`. */
export class ServicesDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: ServicesDashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.dashboardName ?? dashboardName(props.environment),
      dashboardBody: dashboardBody(props.region, props.services),
    });
  }
}
