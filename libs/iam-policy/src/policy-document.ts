/**
 * IAM policy documents built in code (docs/design.md decision 3): no `aws_iam_policy_document` data
 * source, so every stack plans offline and the JSON is reviewable in the synthesized output.
 */

export type Principal =
  | { readonly Service: string | readonly string[] }
  | { readonly AWS: string | readonly string[] }
  | { readonly Federated: string }
  | '*';

/** Condition operator to condition key to value(s), as in IAM. */
export type Conditions = Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;

export interface Statement {
  /** Statement id; say why the statement exists. */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Principal;
  readonly Action: string | readonly string[];
  /** Omitted only in trust policies. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Conditions;
}

/** Serialises statements as a policy document. Property order is fixed, so output is stable. */
export function policyDocument(statements: readonly Statement[]): string {
  if (statements.length === 0) throw new Error('a policy document needs at least one statement');
  const seen = new Set<string>();
  for (const statement of statements) {
    if (seen.has(statement.Sid)) throw new Error(`duplicate statement id "${statement.Sid}"`);
    seen.add(statement.Sid);
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * Trust policy for an AWS service principal. With `sourceAccount` it adds the
 * `aws:SourceAccount` condition that stops the confused-deputy problem.
 */
export function serviceTrustPolicy(service: string, sourceAccount?: string): string {
  return policyDocument([
    {
      Sid: 'TrustService',
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      ...(sourceAccount ? { Condition: { StringEquals: { 'aws:SourceAccount': sourceAccount } } } : {}),
    },
  ]);
}

/** Denies any request to `resources` that does not arrive over TLS. */
export function denyInsecureTransport(resources: readonly string[]): Statement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: '*',
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * The account may administer a KMS key through IAM. Every key policy needs it: without it the
 * key becomes unmanageable, and IAM policies then decide who in the account may use the key.
 */
export function accountAdministersKey(accountId: string): Statement {
  return {
    Sid: 'AccountAdministersKey',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${accountId}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

/**
 * CloudWatch Logs of one region may use a KMS key, and only for the named log groups: the
 * encryption context Logs sends carries the log group's ARN (`*` patterns allowed).
 */
export function logsMayEncryptLogGroups(sid: string, region: string, logGroupArns: readonly string[]): Statement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArns.length === 1 ? logGroupArns[0] : [...logGroupArns] } },
  };
}
