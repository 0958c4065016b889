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

  describe('whose Lazy value adds constructs while the stack is resolved', () => {
    // cdktf's preparing resolution (which the resolve shortcut skips in an app of one stack)
    // runs before aspects and the policy: what a Lazy value adds then is in the JSON, checked.
    const lazyQueueApp = (sse: boolean): string[] => [
      "import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';",
      "import { Lazy, TerraformOutput } from 'cdktf';",
      "import { defineEnvironmentApp } from '@ecs-platform/environment-app';",
      '',
      'export default defineEnvironmentApp((environment) => {',
      '  let queue: SqsQueue | undefined;',
      "  new TerraformOutput(environment.stack, 'late-queue', {",
      '    value: Lazy.stringValue({',
      "      produce: () => (queue ??= new SqsQueue(environment.stack, 'late', { name: 'dev-late', sqsManagedSseEnabled: " + (sse ? 'true' : 'false') + ' })).name,',
      '    }),',
      '  });',
      '});',
    ];

    it('are written, the same bytes as with the shortcut off', () => {
      writeApp(root, 'dev', lazyQueueApp(true));
      const read = () => fs.readFileSync(path.join(outdir, 'stacks/dev/cdk.tf.json'), 'utf8');
      // Report mode: only the bytes matter here (the queue's policy findings, in the next test).
      const policy = { mode: 'report' } as const;
      expect(synthesize({ root, outdir, stacks: ['dev'], policy }).failures).toEqual([]);
      const shortcut = read();
      expect(JSON.parse(shortcut).resource.aws_sqs_queue.late.name).toBe('dev-late');
      const before = process.env.PLATFORM_RESOLVE_SHORTCUT;
      process.env.PLATFORM_RESOLVE_SHORTCUT = '0';
      try {
        expect(synthesize({ root, outdir, stacks: ['dev'], policy }).failures).toEqual([]);
      } finally {
        if (before === undefined) delete process.env.PLATFORM_RESOLVE_SHORTCUT;
        else process.env.PLATFORM_RESOLVE_SHORTCUT = before;
      }
      expect(read()).toBe(shortcut);
    });

    it('are checked by the policy, which reports them once', () => {
      writeApp(root, 'dev', lazyQueueApp(false));
      const result = synthesize({ root, outdir, stacks: ['dev'] });
      expect(result.failures.map((failure) => failure.message)).toEqual([expect.stringMatching(/SQS-001 \[\w+\] aws_sqs_queue\.late \(dev\/late\)/)]);
      const reports: string[] = [];
      synthesize({ root, outdir, stacks: ['dev'], policy: { mode: 'report', onReport: (report) => reports.push(report.stack) } });
      expect(reports).toEqual(['dev']);
    });
  });

  it('must export a default function, and say so', () => {
    writeApp(root, 'dev', ['export const extend = 1;']);
    expect(synthesize({ root, outdir, stacks: ['dev'] }).failures[0].message).toBe(
      'stack dev: environments/dev/stack.ts: an environment app has a default export, the function that adds to the stack (export default defineEnvironmentApp((environment) => { ... })); this one exports extend',
    );
  });
});
