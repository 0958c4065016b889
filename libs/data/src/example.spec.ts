/**
 * The stores beside a service, as an environment app composes them: a production network with
 * an isolated tier, a cluster and a worker service (libs/compute), a private bucket the
 * worker reads and writes, and a PostgreSQL database connected to it. Synthesized as
 * `App.synth` does, with the policy pack enforced at the production tier; the same output
 * passes the offline Terraform gate (`DATA_EXAMPLE_OUTDIR=<dir>` keeps it for
 * `node tools/terraform-gate/cli.js --out-dir <dir> --stack data-example`).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Cluster, ecsLogKey, Service } from '@ecs-platform/compute';
import { applyPermissionsBoundary } from '@ecs-platform/iam-policy';
import { Network } from '@ecs-platform/network';
import { applyPolicy } from '@ecs-platform/policy';
import { Match, Template } from '@ecs-platform/testing';
import { App, TerraformStack, Testing } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PostgresDatabase, PrivateBucket } from './index';

const STACK = 'data-example';

function exampleStack(app: App): TerraformStack {
  // --- the example ---------------------------------------------------------------------------
  const where = { accountId: '210987654321', region: 'eu-west-1' };
  const stack = new TerraformStack(app, STACK);
  new AwsProvider(stack, 'aws', { region: where.region, allowedAccountIds: [where.accountId] });
  applyPermissionsBoundary(stack, `arn:aws:iam::${where.accountId}:policy/ecs-platform-workload-boundary`);

  const network = new Network(stack, 'network', {
    name: 'shop',
    ...where,
    vpcCidr: '10.40.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    isolatedSubnets: true, // the database's subnets: no route to the internet
  });
  const { key: logKey } = ecsLogKey(stack, { name: 'shop', ...where });
  const cluster = new Cluster(stack, 'cluster', { clusterName: 'shop', ...where });
  const worker = new Service(stack, 'orders', {
    name: 'orders',
    environmentName: 'shop',
    ...where,
    cluster,
    network: {
      vpcId: network.outputs.vpcId,
      subnetIds: network.outputs.privateSubnetIds,
      endpointSecurityGroupId: network.outputs.endpointSecurityGroupId,
      egressDependencies: network.egressDependencies,
    },
    logKmsKeyArn: logKey.arn,
    image: '567890123456.dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2',
    cpu: 256,
    memory: 512,
    containerHealthCheck: { command: ['CMD-SHELL', 'find /tmp/heartbeat -mmin -1 | grep -q .'] },
  });

  const invoices = new PrivateBucket(stack, 'invoices', { environmentName: 'shop', name: 'invoices', ...where });
  invoices.grantReadWrite(worker);

  const database = new PostgresDatabase(stack, 'orders-db', {
    environmentName: 'shop',
    name: 'orders',
    ...where,
    vpcId: network.outputs.vpcId,
    subnetIds: network.outputs.isolatedSubnetIds,
    databaseName: 'orders',
  });
  database.connect(worker);
  // --- end of the example --------------------------------------------------------------------

  applyPolicy(stack, { tier: 'production' });
  return stack;
}

describe('a bucket and a database beside a service', () => {
  const stack = exampleStack(Testing.app());
  const template = Template.fromStack(stack);

  it('puts the database in the isolated subnets, reachable from the worker only', () => {
    template.resourceMatches('aws_db_subnet_group', 'orders-db/subnet-group', {
      subnet_ids: ['eu-west-1a', 'eu-west-1b'].map((zone) => template.ref('aws_subnet', `network/${zone}/isolated-subnet`)),
    });
    template.resourceMatches('aws_vpc_security_group_ingress_rule', 'orders-db/ingress-orders', {
      security_group_id: template.ref('aws_security_group', 'orders-db/security-group'),
      referenced_security_group_id: template.ref('aws_security_group', 'orders/security-group'),
      from_port: 5432,
      to_port: 5432,
    });
    template.hasResourceProperties('aws_vpc_security_group_egress_rule', {
      security_group_id: template.ref('aws_security_group', 'orders/security-group'),
      referenced_security_group_id: template.ref('aws_security_group', 'orders-db/security-group'),
      from_port: 5432,
    });
  });

  it('hands the worker the database by reference: credentials as secrets, the rest as variables', () => {
    const secretArn = template.ref('aws_db_instance', 'orders-db/instance', 'master_user_secret[0].secret_arn');
    template.resourceMatches('aws_ecs_task_definition', 'orders/task-definition', {
      container_definitions: Match.serializedJson([
        Match.objectLike({
          secrets: Match.arrayWith([
            { name: 'DATABASE_PASSWORD', valueFrom: `${secretArn}:password::` },
            { name: 'DATABASE_USERNAME', valueFrom: `${secretArn}:username::` },
          ]),
          environment: Match.arrayWith([
            { name: 'DATABASE_HOST', value: template.ref('aws_db_instance', 'orders-db/instance', 'address') },
            { name: 'DATABASE_NAME', value: 'orders' },
            { name: 'DATABASE_PORT', value: '5432' },
          ]),
        }),
      ]),
    });
    // The execution role reads exactly that secret, and decrypts it with the database's key.
    template.resourceMatches('aws_iam_role_policy', 'orders/execution-role-policy', {
      policy: Match.serializedJson(
        Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Action: 'secretsmanager:GetSecretValue', Resource: [secretArn] }),
            Match.objectLike({ Action: 'kms:Decrypt', Resource: Match.arrayWith([template.ref('aws_kms_key', 'orders-db/key', 'arn')]) }),
          ]),
        }),
      ),
    });
  });

  it('lets the worker read and write the bucket, and use its key', () => {
    template.resourceMatches('aws_iam_role_policy', 'orders/task-role-policy', {
      policy: Match.serializedJson(
        Match.objectLike({
          Statement: [
            { Sid: 'InvoicesObjectsReadWrite', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: ['arn:aws:s3:::shop-invoices-210987654321-eu-west-1/*'] },
            { Sid: 'InvoicesObjectsList', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::shop-invoices-210987654321-eu-west-1'] },
            { Sid: 'InvoicesObjectsKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [template.ref('aws_kms_key', 'invoices/key', 'arn')] },
          ],
        }),
      ),
    });
  });

  it('passes the policy pack at the production tier as App.synth runs it', () => {
    const outdir = process.env.DATA_EXAMPLE_OUTDIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'data-example-'));
    const app = new App({ outdir });
    exampleStack(app);
    expect(() => app.synth()).not.toThrow();
    expect(fs.existsSync(path.join(outdir, 'stacks', STACK, 'cdk.tf.json'))).toBe(true);
  });
});
