import { expectCompliant, expectNotApplicable, expectViolation, res } from '../test-support';
import { cache001 } from './cache-001';

describe('CACHE-001 ElastiCache encryption at rest and in transit', () => {
  it('passes both', () => expectCompliant(cache001, res('aws_elasticache_replication_group', 'r', { at_rest_encryption_enabled: true, transit_encryption_enabled: true })));
  it('fails either missing, and transit in preferred mode', () => {
    expectViolation(cache001, res('aws_elasticache_replication_group', 'r', { transit_encryption_enabled: true }), /at_rest_encryption_enabled is not true/);
    expectViolation(cache001, res('aws_elasticache_replication_group', 'r', { at_rest_encryption_enabled: 'true' }), /transit_encryption_enabled is not true/);
    expectViolation(
      cache001,
      res('aws_elasticache_replication_group', 'r', { at_rest_encryption_enabled: true, transit_encryption_enabled: true, transit_encryption_mode: 'preferred' }),
      /clear text/,
    );
  });
  it('leaves members of a global datastore to it', () =>
    expectNotApplicable(cache001, res('aws_elasticache_replication_group', 'r', { global_replication_group_id: '${aws_elasticache_global_replication_group.g.global_replication_group_id}' })));
});
