/**
 * S3-005: the configuration resources of one bucket (ownership, public access block,
 * encryption, versioning, policy, lifecycle, ...) are applied one after another. S3 refuses
 * concurrent changes to a bucket's configuration (409 OperationAborted, "A conflicting
 * conditional operation is currently in progress"), and Terraform applies resources that do
 * not depend on each other at the same time; the first apply then fails now and then.
 * Equivalents: none known (ordering the graph cannot infer).
 */
import { referencedAddresses, strings } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule, type ResourceView } from '../types';

export const s3005: PolicyRule = {
  id: 'S3-005',
  description: 'The configuration resources of one S3 bucket depend on each other in a chain (no two applied at once)',
  severity: 'low',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_s3_bucket'],
  equivalents: ['none (ordering the graph cannot infer)'],
  check: (bucket, context) => {
    const parts = context.resources.filter(
      (resource) => resource.type.startsWith('aws_s3_bucket_') && referencedAddresses(resource.config.bucket, 'aws_s3_bucket').includes(bucket.address),
    );
    if (parts.length < 2) return notApplicable();
    const edges = new Map(parts.map((part) => [part.address, strings(part.config.depends_on)]));
    const reaches = (from: ResourceView, to: ResourceView): boolean => {
      const seen = new Set<string>();
      const visit = (address: string): boolean => {
        if (address === to.address) return true;
        if (seen.has(address)) return false;
        seen.add(address);
        return (edges.get(address) ?? []).some(visit);
      };
      return (edges.get(from.address) ?? []).some(visit);
    };
    const unordered: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        if (!reaches(parts[i], parts[j]) && !reaches(parts[j], parts[i])) unordered.push(`${parts[i].address} and ${parts[j].address}`);
      }
    }
    return unordered.length > 0 ? nonCompliant(`may be applied at the same time: ${unordered.join('; ')}`) : compliant();
  },
};
