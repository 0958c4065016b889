import { expectCompliant, expectNotApplicable, expectViolation, ref, res, taskDefinition } from '../test-support';
import { ecs018 } from './ecs-018';

const task = taskDefinition([{ name: 'catalog', portMappings: [{ containerPort: 8080, protocol: 'tcp', name: 'catalog', appProtocol: 'http' }] }]);
const logs = { log_driver: 'awslogs', options: { 'awslogs-group': '/ecs/staging/catalog', 'awslogs-stream-prefix': 'service-connect' } };
const service = (connect: Record<string, unknown> | undefined) =>
  res('aws_ecs_service', 'catalog', { task_definition: ref(task, 'arn'), ...(connect ? { service_connect_configuration: connect } : {}) });
const server = (portName: string) => [{ port_name: portName, discovery_name: 'catalog', client_alias: { port: 8080, dns_name: 'catalog' } }];

describe('ECS-018 Service Connect logs its proxy and serves a named port', () => {
  it('passes a server on a named port mapping, with proxy logs', () =>
    expectCompliant(ecs018, service({ enabled: true, namespace: 'ns', log_configuration: logs, service: server('catalog') }), [task]));
  it('passes a client with proxy logs', () => expectCompliant(ecs018, service({ enabled: true, namespace: 'ns', log_configuration: logs }), [task]));
  it('fails a proxy without logs', () =>
    expectViolation(ecs018, service({ enabled: true, namespace: 'ns' }), /the Service Connect proxy has no log_configuration/, [task]));
  it('fails a server entry naming no port mapping', () =>
    expectViolation(
      ecs018,
      service({ enabled: true, namespace: 'ns', log_configuration: logs, service: server('http') }),
      /server port_name "http" is no port mapping of aws_ecs_task_definition\.task \(named: catalog\)/,
      [task],
    ));
  it('is not applicable without Service Connect', () => {
    expectNotApplicable(ecs018, service(undefined), [task]);
    expectNotApplicable(ecs018, service({ enabled: false }), [task]);
  });
});
