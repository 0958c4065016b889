import { expectCompliant, expectNotApplicable, expectViolation, ref, res } from '../test-support';
import { rds001 } from './rds-001';

describe('RDS-001 storage encrypted', () => {
  const source = res('aws_db_instance', 'main', { engine: 'postgres', storage_encrypted: true });
  it('passes an encrypted instance and an encrypted Aurora cluster', () => {
    expectCompliant(rds001, source);
    expectCompliant(rds001, res('aws_rds_cluster', 'aurora', { engine: 'aurora-postgresql', storage_encrypted: true }));
  });
  it('fails an unencrypted instance and cluster', () => {
    expectViolation(rds001, res('aws_db_instance', 'db', { engine: 'postgres' }), /storage_encrypted is not true/);
    expectViolation(rds001, res('aws_rds_cluster', 'aurora', { engine: 'aurora-postgresql', storage_encrypted: false }), /storage_encrypted is not true/);
  });
  it('follows a replica to its source in the stack', () => {
    expectCompliant(rds001, res('aws_db_instance', 'replica', { replicate_source_db: ref(source, 'identifier') }), [source]);
    const plain = res('aws_db_instance', 'plain', { engine: 'postgres' });
    expectViolation(rds001, res('aws_db_instance', 'replica', { replicate_source_db: ref(plain, 'identifier') }), /source aws_db_instance\.plain is not encrypted/, [plain]);
  });
  it('leaves Aurora members to their cluster; Serverless v1 is always encrypted', () => {
    expectNotApplicable(rds001, res('aws_db_instance', 'member', { engine: 'aurora-mysql' }));
    expectCompliant(rds001, res('aws_rds_cluster', 'v1', { engine: 'aurora-mysql', engine_mode: 'serverless' }));
  });
});
