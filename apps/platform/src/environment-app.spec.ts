/**
 * Environment apps (`environments/<env>/stack.ts`) on scratch workspaces: what an app adds lands
 * in its environment's stack only, and an app that throws, names a handle the environment does
 * not have, or adds what the policy refuses fails its own environment, naming the app's file
 * and line (or the construct path and the rule), while every other stack is synthesized.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Json } from '@ecs-platform/testing';
import { synthesize } from './synthesize';
import { scratchWorkspace } from './testing';

function writeApp(root: string, env: string, lines: readonly string[]): string {
  const file = path.join(root, 'environments', env, 'stack.ts');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function readStack(outdir: string, name: string): Json {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json;
}

/** The line of `text` in the app, 1-based. */
function lineOf(file: string, text: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
}

const QUEUE_APP = [
  "import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';",
  "import { defineEnvironmentApp } from '@ecs-platform/environment-app';",
  '',
  'export default defineEnvironmentApp((environment) => {',
  "  const deadLetters = new SqsQueue(environment.stack, 'orders-dlq', { name: `${environment.name}-orders-dlq`, sqsManagedSseEnabled: true });",
  "  const queue = new SqsQueue(environment.stack, 'orders', {",
  '    name: `${environment.name}-orders`,',
  '    sqsManagedSseEnabled: true,',
  '    redrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: 5 }),',
  '  });',
  "  environment.service('storefront').grant({ sid: 'SendOrders', actions: ['sqs:SendMessage'], resources: [queue.arn] });",
  '});',
];

describe('environment apps', () => {
  let root: string;
  let outdir: string;
  beforeEach(() => {
    root = scratchWorkspace();
    outdir = path.join(root, 'cdktf.out');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('add constructs to their own environment, with the typed handles of what the definition built', () => {
    writeApp(root, 'dev', QUEUE_APP);
    const result = synthesize({ root, outdir, stacks: ['dev', 'staging'], policy: { mode: 'report' } });
    expect(result.failures).toEqual([]);
    const dev = readStack(outdir, 'dev');
    expect(Object.values<Json>(dev.resource.aws_sqs_queue).map((queue) => queue.name).sort()).toEqual(['dev-orders', 'dev-orders-dlq']);
    const taskPolicy = Object.values<Json>(dev.resource.aws_iam_role_policy).find((policy) => policy['//'].metadata.path === 'dev/compute/services/storefront/task-role-policy');
    expect(JSON.parse(taskPolicy?.policy).Statement).toContainEqual(expect.objectContaining({ Sid: 'SendOrders', Action: ['sqs:SendMessage'] }));
    // Dev's app adds nothing to staging (whose only queue is its nightly job's dead-letter queue).
    const stagingQueues = Object.values<Json>(readStack(outdir, 'staging').resource.aws_sqs_queue ?? {}).map((queue) => queue.name);
    expect(stagingQueues.filter((name) => name.includes('orders'))).toEqual([]);
  });

  it('fail their own environment with the file and line that threw; the others are synthesized', () => {
    const file = writeApp(root, 'dev', [
      "import { defineEnvironmentApp } from '@ecs-platform/environment-app';",
      '',
      'export default defineEnvironmentApp(() => {',
      "  throw new Error('the orders queue needs a name');",
      '});',
    ]);
    const result = synthesize({ root, outdir });
    expect(result.failures).toEqual([
      {
        stack: 'dev',
        message: `stack dev: environments/dev/stack.ts:${lineOf(file, 'throw')}:9: the environment app threw: the orders queue needs a name`,
      },
    ]);
    expect(result.synthesized).toEqual(expect.arrayContaining(['staging', 'prod', 'registry']));
    expect(fs.existsSync(path.join(outdir, 'stacks/dev'))).toBe(false);
  });

  it('name the services there are when an app asks for one the definition does not have', () => {
    const file = writeApp(root, 'staging', [
      "import { defineEnvironmentApp } from '@ecs-platform/environment-app';",
      '',
      'export default defineEnvironmentApp((environment) => {',
      "  environment.services.checkout.grant({ sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/k'] });",
      '});',
    ]);
    const [failure] = synthesize({ root, outdir, stacks: ['staging'] }).failures;
    expect(failure.message).toBe(
      `stack staging: environments/staging/stack.ts:${lineOf(file, 'checkout')}:24: the environment app threw: environment "staging" has no service "checkout" (environments/staging/environment.yaml); its services: storefront, catalog, order-worker`,
    );
  });

  it('fail their environment with the construct path and the rule when the policy refuses what they add', () => {
    writeApp(root, 'dev', [
      "import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';",
      "import { defineEnvironmentApp } from '@ecs-platform/environment-app';",
      '',
      'export default defineEnvironmentApp((environment) => {',
      "  new SqsQueue(environment.stack, 'plain', { name: 'dev-plain', sqsManagedSseEnabled: false });",
      '});',
    ]);
    const result = synthesize({ root, outdir, stacks: ['dev', 'prod'] });
    expect(result.failures.map((failure) => failure.stack)).toEqual(['dev']);
    expect(result.failures[0].message).toMatch(/SQS-001 \[\w+\] aws_sqs_queue\.plain \(dev\/plain\): neither sqs_managed_sse_enabled true nor a kms_master_key_id/);
    expect(result.synthesized).toEqual(['prod']);
  });

  it('must export a default function, and say so', () => {
    writeApp(root, 'dev', ['export const extend = 1;']);
    expect(synthesize({ root, outdir, stacks: ['dev'] }).failures[0].message).toBe(
      'stack dev: environments/dev/stack.ts: an environment app has a default export, the function that adds to the stack (export default defineEnvironmentApp((environment) => { ... })); this one exports extend',
    );
  });
});
