import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { rds007 } from './rds-007';

describe('RDS-007 multi-AZ in production', () => {
  const cluster = res('aws_rds_cluster', 'aurora', { engine: 'aurora-postgresql' });
  const writer = res('aws_rds_cluster_instance', 'writer', { cluster_identifier: ref(cluster) });
  const reader = res('aws_rds_cluster_instance', 'reader', { cluster_identifier: ref(cluster) });
  it('passes a multi_az instance and an Aurora cluster with a reader', () => {
    expectCompliant(rds007, res('aws_db_instance', 'db', { multi_az: true }));
    expectCompliant(rds007, cluster, [writer, reader]);
    expectCompliant(rds007, res('aws_rds_cluster', 'multi', { engine: 'postgres', db_cluster_instance_class: 'db.r6gd.large' }));
  });
  it('fails a single-AZ instance and an Aurora cluster with a writer only', () => {
    expectViolation(rds007, res('aws_db_instance', 'db', {}), /multi_az is not true/);
    expectViolation(rds007, cluster, /has 1 aws_rds_cluster_instance: add a reader/, [writer]);
  });
  it('leaves Aurora members to their cluster', () => expectNotApplicable(rds007, res('aws_db_instance', 'member', { engine: 'aurora-mysql' })));
  it('applies to production only', () => expect(rds007.tiers).toEqual(['production']));
});
