import { PULL_ACTIONS, pullPolicy } from './pull-policy';

describe('pullPolicy', () => {
  it('lets exactly the other accounts pull, with the pull actions only', () => {
    const policy = JSON.parse(pullPolicy('567890123456', ['456789012345', '210987654321', '456789012345']) ?? '');
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowPullFromEnvironmentAccounts',
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::210987654321:root', 'arn:aws:iam::456789012345:root'] },
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        },
      ],
    });
    expect(PULL_ACTIONS).toHaveLength(3);
    expect(JSON.stringify(policy)).not.toMatch(/"\*"|Push|Put|Delete|Upload/);
  });

  it('needs no policy for same-account pulls (IAM in the account suffices)', () => {
    expect(pullPolicy('567890123456', ['567890123456'])).toBeUndefined();
    expect(pullPolicy('567890123456', [])).toBeUndefined();
  });
});
