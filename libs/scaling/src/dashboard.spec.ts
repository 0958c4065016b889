import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVICE_WIDGETS } from './dashboard';
import { prodProps, synthScaling, webOutputs, writeExampleStack } from './test-support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('ServicesDashboard', () => {
  const prod = synthScaling();
  const dashboard = prod.resources('aws_cloudwatch_dashboard')['scaling/dashboard/dashboard'];
  const body = JSON.parse(dashboard.dashboard_body) as { widgets: Json[] };
  const metricWidgets = (service: string) => body.widgets.filter((w) => w.type === 'metric' && w.properties.title.startsWith(`${service}: `));
  const titled = (service: string, title: string) => metricWidgets(service).find((w) => w.properties.title === `${service}: ${title}`);

  it('is one dashboard per environment whose body parses', () => {
    expect(dashboard.dashboard_name).toBe('prod-services');
    expect(Array.isArray(body.widgets)).toBe(true);
  });

  it('has a heading and a widget per metric for each service; a worker has no load balancer widgets', () => {
    expect(body.widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown)).toEqual(['## storefront', '## mailer']);
    expect(metricWidgets('storefront').map((w) => w.properties.title)).toEqual(SERVICE_WIDGETS.map((title) => `storefront: ${title}`));
    expect(metricWidgets('mailer').map((w) => w.properties.title)).toEqual(['mailer: CPU', 'mailer: Memory', 'mailer: Running tasks']);
    for (const widget of body.widgets.filter((w) => w.type === 'metric')) expect(widget.properties.region).toBe('eu-central-1');
  });

  it('charts the metrics with their dimensions and statistics', () => {
    const ecs = ['ClusterName', 'prod', 'ServiceName', 'prod-storefront'];
    const target = ['LoadBalancer', 'app/prod-public/50dc6c495c0c9188', 'TargetGroup', 'targetgroup/prod-storefront/73e2d6bc24d8a067'];
    expect(titled('storefront', 'CPU')?.properties.metrics).toEqual([['AWS/ECS', 'CPUUtilization', ...ecs, { stat: 'Average', label: 'CPU %' }]]);
    expect(titled('storefront', 'CPU')?.properties.annotations).toEqual({ horizontal: [{ label: 'scaling target', value: 55 }] });
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
});

describe('ScalingAndMonitoring', () => {
  it('is deterministic: the same input gives the same bytes', () => {
    expect(synthScaling().synthesized).toBe(synthScaling().synthesized);
  });

  it('keeps the addresses of a service when another one is added before it', () => {
    const props = prodProps();
    const before = synthScaling({ ...props, definition: { ...props.definition, services: [props.definition.services[0]] }, services: { storefront: props.services.storefront } });
    const after = synthScaling({
      ...props,
      definition: { ...props.definition, services: [{ name: 'api', minCount: 1, maxCount: 2 }, props.definition.services[0]] },
      services: { ...props.services, api: webOutputs('api', false) },
    });
    const addresses = (json: Json) =>
      Object.entries(json.resource as Record<string, Record<string, Json>>).flatMap(([type, byName]) =>
        Object.entries(byName)
          .filter(([, body]) => !body['//'].metadata.path.includes('/dashboard/'))
          .map(([name]) => `${type}.${name}`),
      );
    const afterAddresses = addresses(after.json);
    for (const address of addresses(before.json)) expect(afterAddresses).toContain(address);
  });

  it.each<[string, (props: ReturnType<typeof prodProps>) => void, string]>([
    ['a service without compute outputs', (p) => delete (p.services as Record<string, unknown>).mailer, 'service "mailer": no compute outputs (serviceName, clusterName, ...) were given for it'],
    [
      'compute and the definition disagreeing on autoScaled',
      (p) => ((p.services as Record<string, Json>).storefront = { ...p.services.storefront, autoScaled: false }),
      'service "storefront": compute says autoScaled=false but the definition has "scaling"; Terraform must ignore desired_count exactly when the service is auto-scaled (docs/design.md decision 5)',
    ],
    [
      'a web service without its load balancer suffixes',
      (p) => ((p.services as Record<string, Json>).storefront = { ...p.services.storefront, targetGroupArnSuffix: undefined }),
      'service "storefront" is a web service: its compute outputs need loadBalancerArnSuffix and targetGroupArnSuffix',
    ],
  ])('refuses %s', (_, change, message) => {
    const props = prodProps();
    change(props);
    expect(() => synthScaling(props)).toThrow(message);
  });

  it('writes a stack the offline Terraform gate can read', () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-example-'));
    try {
      writeExampleStack(outDir);
      const file = path.join(outDir, 'stacks/scaling-example/cdk.tf.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
      expect(Object.keys(json.resource).sort()).toEqual([
        'aws_appautoscaling_policy',
        'aws_appautoscaling_scheduled_action',
        'aws_appautoscaling_target',
        'aws_cloudwatch_dashboard',
        'aws_cloudwatch_metric_alarm',
        'aws_kms_alias',
        'aws_kms_key',
        'aws_sns_topic',
        'aws_sns_topic_policy',
        'aws_sns_topic_subscription',
      ]);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});
