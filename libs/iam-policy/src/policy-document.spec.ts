import {
  accountAdministersKey,
  denyInsecureTransport,
  logsMayEncryptLogGroups,
  policyDocument,
  serviceTrustPolicy,
} from './policy-document';

describe('policy documents', () => {
  it('serialises statements with a version', () => {
    const document = JSON.parse(
      policyDocument([{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }]),
    );
    expect(document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }],
    });
  });

  it('rejects empty documents and duplicate statement ids', () => {
    expect(() => policyDocument([])).toThrow('a policy document needs at least one statement');
    const statement = { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } as const;
    expect(() => policyDocument([statement, statement])).toThrow('duplicate statement id "A"');
  });

  it('builds a service trust policy with the confused-deputy condition', () => {
    expect(JSON.parse(serviceTrustPolicy('ecs-tasks.amazonaws.com', '123456789012')).Statement).toEqual([
      {
        Sid: 'TrustService',
        Effect: 'Allow',
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
  });

  it('denies requests without TLS', () => {
    expect(denyInsecureTransport(['arn:aws:s3:::b'])).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('lets the account administer a key through IAM', () => {
    expect(accountAdministersKey('123456789012')).toEqual({
      Sid: 'AccountAdministersKey',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'kms:*',
      Resource: '*',
    });
  });

  it('lets CloudWatch Logs of one region use a key for the named log groups only', () => {
    const one = logsMayEncryptLogGroups('Logs', 'eu-west-1', ['arn:aws:logs:eu-west-1:123456789012:log-group:/a']);
    expect(one.Principal).toEqual({ Service: 'logs.eu-west-1.amazonaws.com' });
    expect(one.Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:123456789012:log-group:/a' } });
    const two = logsMayEncryptLogGroups('Logs', 'eu-west-1', ['arn:a', 'arn:b*']);
    expect(two.Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': ['arn:a', 'arn:b*'] } });
  });
});
