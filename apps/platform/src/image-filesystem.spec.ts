/**
 * Every task that runs one of this repository's images read-only as a non-root user can
 * write where it mounts a volume, on Fargate as on EC2: the image declares each mounted path
 * a VOLUME with an owner or mode that user may write, and runs as the same user. Checked for
 * every task definition of every synthesized stack against the Dockerfile of the image's
 * repository (registry/registry.yaml `build`), so a new mount or a Dockerfile change that
 * would make a task fail at start is caught here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Json } from '@ecs-platform/testing';
import { dockerfileFacts, unwritableReason } from './dockerfile-facts';
import { synthesize } from './synthesize';
import { loadWorkspace } from './workspace';

const root = path.resolve(__dirname, '../../..');

describe('dockerfileFacts', () => {
  const facts = dockerfileFacts(
    [
      'FROM node:20 AS build',
      'RUN chmod 0700 /tmp',
      'FROM node:20',
      'RUN chmod 1777 /tmp \\',
      ' && install -d -o 1000 -g 1000 -m 0755 /var/lib/amazon /var/log/amazon',
      'VOLUME ["/tmp", "/var/lib/amazon"]',
      'USER 1000:1000',
    ].join('\n'),
  );
  it('reads the final stage only: user, volumes, owners and modes', () => {
    expect(facts).toEqual({
      user: '1000:1000',
      volumes: ['/tmp', '/var/lib/amazon'],
      directories: { '/tmp': { mode: '1777' }, '/var/lib/amazon': { uid: '1000', mode: '0755' }, '/var/log/amazon': { uid: '1000', mode: '0755' } },
    });
  });
  it('tells why a mount is not writable for a user', () => {
    expect(unwritableReason(facts, '/tmp', '1000')).toBeUndefined();
    expect(unwritableReason(facts, '/var/lib/amazon', '1000')).toBeUndefined();
    expect(unwritableReason(facts, '/var/log/amazon', '1000')).toBe('/var/log/amazon is not a VOLUME of the image: on Fargate the mount is root-owned with mode 0755');
    expect(unwritableReason(facts, '/var/lib/amazon', '2000')).toMatch(/neither owner 2000 nor a mode everyone may write/);
  });
});

describe('task definitions against their images', () => {
  const workspace = loadWorkspace(root);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-filesystem-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const result = synthesize({ root, outdir });
  const repositories = (workspace.registry?.definition.repositories ?? [])
    .map((repository) => {
      const context = repository.build?.context ?? `apps/${repository.name}`;
      const file = path.join(root, context, repository.build?.dockerfile ?? 'Dockerfile');
      return { name: repository.name, file, facts: fs.existsSync(file) ? dockerfileFacts(fs.readFileSync(file, 'utf8')) : undefined };
    })
    .filter((repository) => repository.facts !== undefined);
  const containers = result.synthesized.flatMap((stack) => {
    const json: Json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    return Object.values<Json>(json.resource?.aws_ecs_task_definition ?? {}).flatMap((task) =>
      (JSON.parse(task.container_definitions) as Json[]).map((container) => ({ stack, family: task.family as string, container })),
    );
  });

  it('finds the images it checks', () => {
    expect(repositories.map((repository) => repository.name)).toContain('sample-service');
    expect(containers.length).toBeGreaterThan(0);
  });

  it.each(repositories.map((repository) => [repository.name, repository]))('%s: every read-only non-root task can write where it mounts a volume', (name, repository) => {
    const facts = repository.facts;
    if (!facts) throw new Error('unreachable');
    const running = containers.filter(({ container }) => new RegExp(`/${name}[@:]`).test(String(container.image)));
    expect(running.length).toBeGreaterThan(0);
    for (const { stack, family, container } of running) {
      const where = `${stack}/${family}/${container.name}`;
      const uid = String(container.user).split(':')[0];
      expect([where, container.readonlyRootFilesystem, uid === '0' || uid === 'root']).toEqual([where, true, false]);
      // The task's user is the image's: file ownership in the image was made for it.
      expect([where, uid]).toEqual([where, (facts.user ?? 'root').split(':')[0]]);
      for (const mount of container.mountPoints as Json[]) {
        expect([where, mount.containerPath, unwritableReason(facts, mount.containerPath, uid)]).toEqual([where, mount.containerPath, undefined]);
      }
    }
  });
});
