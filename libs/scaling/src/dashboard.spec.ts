import { type Json, Template, testStack } from '@ecs-platform/testing';
import { dashboardBody, type DashboardService, SERVICE_WIDGETS, ServicesDashboard } from './dashboard';

const LOAD_BALANCER = 'app/prod-public/50dc6c495c0c9188';
const TARGET_GROUP = 'targetgroup/prod-storefront/73e2d6bc24d8a067';

const services: DashboardService[] = [
  {
    name: 'storefront',
    service: { clusterName: 'prod', serviceName: 'prod-storefront' },
    loadBalancerTarget: { loadBalancerArnSuffix: LOAD_BALANCER, targetGroupArnSuffix: TARGET_GROUP },
    cpuTarget: 55,
    memoryTarget: 70,
  },
  { name: 'mailer', service: { clusterName: 'prod', serviceName: 'prod-mailer' } },
];

describe('ServicesDashboard', () => {
  const stack = testStack();
  new ServicesDashboard(stack, 'dashboard', { environment: 'prod', region: 'eu-central-1', services });
  const dashboard = Template.fromStack(stack).resource('aws_cloudwatch_dashboard', 'dashboard/dashboard');
  const body = JSON.parse(dashboard.dashboard_body) as { widgets: Json[] };
  const metricWidgets = (service: string) => body.widgets.filter((w) => w.type === 'metric' && w.properties.title.startsWith(`${service}: `));
  const titled = (service: string, title: string) => metricWidgets(service).find((w) => w.properties.title === `${service}: ${title}`);

  it('is one dashboard per environment, named after it by default, whose body parses', () => {
    expect(dashboard.dashboard_name).toBe('prod-services');
    expect(Array.isArray(body.widgets)).toBe(true);
  });

  it('takes another name', () => {
    const other = testStack();
    new ServicesDashboard(other, 'dashboard', { environment: 'prod', dashboardName: 'prod-overview', region: 'eu-central-1', services });
    expect(Template.fromStack(other).resource('aws_cloudwatch_dashboard', 'dashboard/dashboard').dashboard_name).toBe('prod-overview');
  });

  it('has a heading and a widget per metric for each service; one without a load balancer target has no load balancer widgets', () => {
    expect(body.widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown)).toEqual(['## storefront', '## mailer']);
    expect(metricWidgets('storefront').map((w) => w.properties.title)).toEqual(SERVICE_WIDGETS.map((title) => `storefront: ${title}`));
    expect(metricWidgets('mailer').map((w) => w.properties.title)).toEqual(['mailer: CPU', 'mailer: Memory', 'mailer: Running tasks']);
    for (const widget of body.widgets.filter((w) => w.type === 'metric')) expect(widget.properties.region).toBe('eu-central-1');
  });

  it('charts the metrics with their dimensions and statistics, and the scaling targets as lines', () => {
    const ecs = ['ClusterName', 'prod', 'ServiceName', 'prod-storefront'];
    const target = ['LoadBalancer', LOAD_BALANCER, 'TargetGroup', TARGET_GROUP];
    expect(titled('storefront', 'CPU')?.properties.metrics).toEqual([['AWS/ECS', 'CPUUtilization', ...ecs, { stat: 'Average', label: 'CPU %' }]]);
    expect(titled('storefront', 'CPU')?.properties.annotations).toEqual({ horizontal: [{ label: 'scaling target', value: 55 }] });
    expect(titled('storefront', 'Memory')?.properties.annotations).toEqual({ horizontal: [{ label: 'scaling target', value: 70 }] });
    expect(titled('mailer', 'CPU')?.properties.annotations).toBeUndefined();
    expect(titled('storefront', 'Memory')?.properties.metrics[0].slice(0, 2)).toEqual(['AWS/ECS', 'MemoryUtilization']);
    expect(titled('storefront', 'Running tasks')?.properties.metrics.map((m: unknown[]) => m[1])).toEqual(['RunningTaskCount', 'DesiredTaskCount']);
    expect(titled('storefront', 'Requests')?.properties.metrics[0]).toEqual(['AWS/ApplicationELB', 'RequestCount', ...target, { stat: 'Sum', label: 'requests' }]);
    expect(titled('storefront', 'Latency')?.properties.metrics).toEqual(
      ['p50', 'p90', 'p99'].map((stat) => ['AWS/ApplicationELB', 'TargetResponseTime', ...target, { stat, label: stat }]),
    );
    expect(titled('storefront', '5xx')?.properties.metrics.map((m: unknown[]) => m[1])).toEqual(['HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count']);
    expect(titled('storefront', 'Healthy hosts')?.properties.metrics.map((m: unknown[]) => [m[1], (m.at(-1) as Json).stat])).toEqual([
      ['HealthyHostCount', 'Minimum'],
      ['UnHealthyHostCount', 'Maximum'],
    ]);
  });

  it('lays widgets out on the 24-column grid without overlaps', () => {
    const cells = new Set<string>();
    for (const w of body.widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('is stable: the same services give the same bytes', () => {
    expect(dashboardBody('eu-central-1', services)).toBe(dashboard.dashboard_body);
  });
});
