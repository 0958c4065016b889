import { expectCompliant, expectViolation, ref, res } from '../test-support';
import { rds003 } from './rds-003';

const vpc = res('aws_vpc', 'main');
const igw = res('aws_internet_gateway', 'igw', { vpc_id: ref(vpc) });
const isolatedA = res('aws_subnet', 'isolated_a', { vpc_id: ref(vpc) });
const isolatedB = res('aws_subnet', 'isolated_b', { vpc_id: ref(vpc) });
const publicA = res('aws_subnet', 'public_a', { vpc_id: ref(vpc) });
const isolatedTable = res('aws_route_table', 'isolated', { vpc_id: ref(vpc) });
const publicTable = res('aws_route_table', 'public', { vpc_id: ref(vpc) });
const network = [
  vpc,
  igw,
  isolatedA,
  isolatedB,
  publicA,
  isolatedTable,
  publicTable,
  res('aws_route_table_association', 'isolated_a', { subnet_id: ref(isolatedA), route_table_id: ref(isolatedTable) }),
  res('aws_route_table_association', 'isolated_b', { subnet_id: ref(isolatedB), route_table_id: ref(isolatedTable) }),
  res('aws_route_table_association', 'public_a', { subnet_id: ref(publicA), route_table_id: ref(publicTable) }),
  res('aws_route', 'internet', { route_table_id: ref(publicTable), destination_cidr_block: '0.0.0.0/0', gateway_id: ref(igw) }),
];
const isolatedGroup = res('aws_db_subnet_group', 'isolated', { name: 'db-isolated', subnet_ids: [ref(isolatedA), ref(isolatedB)] });
const mixedGroup = res('aws_db_subnet_group', 'mixed', { name: 'db-mixed', subnet_ids: [ref(isolatedA), ref(publicA)] });
const all = [...network, isolatedGroup, mixedGroup];

describe('RDS-003 private or isolated subnets', () => {
  it('passes an instance whose subnet group has no internet route (by reference or by name)', () => {
    expectCompliant(rds003, res('aws_db_instance', 'db', { db_subnet_group_name: ref(isolatedGroup, 'name') }), all);
    expectCompliant(rds003, res('aws_rds_cluster', 'aurora', { db_subnet_group_name: 'db-isolated' }), all);
  });
  it('fails a subnet group with a subnet routed to the internet gateway', () =>
    expectViolation(rds003, res('aws_db_instance', 'db', { db_subnet_group_name: ref(mixedGroup, 'name') }), /aws_subnet\.public_a \(aws_route\.internet\)/, all));
  it('sees inline routes and the main route table of subnets without an association', () => {
    const loose = res('aws_subnet', 'loose', { vpc_id: ref(vpc) });
    const main = res('aws_route_table', 'main', { vpc_id: ref(vpc), route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref(igw) }] });
    const group = res('aws_db_subnet_group', 'loose', { subnet_ids: [ref(loose)] });
    expectViolation(rds003, res('aws_db_instance', 'db', { db_subnet_group_name: ref(group, 'name') }), /aws_route_table\.main \(inline route\)/, [
      ...network,
      loose,
      main,
      group,
      res('aws_main_route_table_association', 'main', { vpc_id: ref(vpc), route_table_id: ref(main) }),
    ]);
  });
  it('fails without a subnet group (the default VPC), and with subnets it cannot see', () => {
    expectViolation(rds003, res('aws_db_instance', 'db', {}), /default VPC/, all);
    expectViolation(rds003, res('aws_db_instance', 'db', { db_subnet_group_name: 'elsewhere' }), /does not define/, all);
    const external = res('aws_db_subnet_group', 'external', { subnet_ids: ['subnet-0123'] });
    expectViolation(rds003, res('aws_db_instance', 'db', { db_subnet_group_name: ref(external, 'name') }), /subnet-0123/, [...all, external]);
  });
  it("checks an Aurora instance through its cluster's subnet group", () => {
    const cluster = res('aws_rds_cluster', 'aurora', { db_subnet_group_name: ref(mixedGroup, 'name') });
    expectViolation(rds003, res('aws_rds_cluster_instance', 'writer', { cluster_identifier: ref(cluster) }), /of aws_rds_cluster\.aurora/, [...all, cluster]);
  });
});
