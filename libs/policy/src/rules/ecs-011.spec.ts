import { expectCompliant, expectViolation, taskDefinition } from '../test-support';
import { ecs011 } from './ecs-011';

describe('ECS-011 no secrets in plain environment variables', () => {
  it('passes configuration and references to secrets', () =>
    expectCompliant(
      ecs011,
      taskDefinition([
        {
          environment: [
            { name: 'PORT', value: '8080' },
            { name: 'DB_PASSWORD_SECRET_ARN', value: 'arn:aws:secretsmanager:eu-west-1:1:secret:db' },
            { name: 'TOKEN_ISSUER', value: '' },
          ],
        },
      ]),
    ));
  it('fails a password in the environment', () =>
    expectViolation(ecs011, taskDefinition([{ environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }] }]), /DB_PASSWORD look like secrets/));
  it('fails an AWS access key value under any name', () =>
    expectViolation(ecs011, taskDefinition([{ environment: [{ name: 'X', value: 'AKIAABCDEFGHIJKLMNOP' }] }]), /X look like secrets/));
  it('fails credentials in a URL', () =>
    expectViolation(ecs011, taskDefinition([{ environment: [{ name: 'DATABASE_URL', value: 'postgres://app:pw@db:5432/app' }] }]), /DATABASE_URL/));
});
