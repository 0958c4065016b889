/**
 * What the specs build on: literal values so assertions can name them, structural doubles of a
 * service (what `grant` and `connect` call), and the problems a constructor refused.
 */
import { formatPropPath, InvalidPropsError } from '@ecs-platform/construct-props';
import { Construct } from 'constructs';
import type { GrantStatement, IDatabaseClient, IGrantee } from './props';

export const ACCOUNT = '210987654321';
export const REGION = 'eu-west-1';
export const WHERE = { accountId: ACCOUNT, region: REGION };

/** `path: message` of every problem `build` was refused with; fails when it was not refused. */
export function refusals(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof InvalidPropsError) return error.problems.map((problem) => `${formatPropPath(problem.path)}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected the constructor to refuse its props');
}

/** Records the statements it is granted. */
export class FakeGrantee implements IGrantee {
  readonly statements: GrantStatement[] = [];
  grant(policies: readonly GrantStatement[]): void {
    this.statements.push(...policies);
  }
}

/** Records what a database does to it. */
export class FakeClient extends Construct implements IDatabaseClient {
  readonly securityGroup = { id: 'sg-client' };
  readonly egress: { peer: string; port: number; description: string }[] = [];
  readonly secrets: Record<string, { secretArn: string; jsonKey?: string; kmsKeyArn?: string }> = {};
  readonly environment: Record<string, string> = {};

  allowTo(peer: string, port: number, description: string): void {
    this.egress.push({ peer, port, description });
  }

  addSecret(name: string, secret: { readonly secretArn: string; readonly jsonKey?: string; readonly kmsKeyArn?: string }): void {
    this.secrets[name] = { ...secret };
  }

  addEnvironment(name: string, value: string): void {
    this.environment[name] = value;
  }
}
