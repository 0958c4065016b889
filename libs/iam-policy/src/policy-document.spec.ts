import { denyInsecureTransport, policyDocument, serviceTrustPolicy } from './policy-document';

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
});
