import type * as fs from 'node:fs';
import type * as IamActions from './iam-actions';
import {
  actionAccessLevel,
  actionMatches,
  actionProblem,
  canonicalActionName,
  editDistance,
  expandActionPattern,
  iamActionExists,
  iamActionsOfService,
  iamDataVersion,
  iamServiceExists,
  iamServicePrefixes,
} from './iam-actions';

describe('services', () => {
  it('knows real prefixes, case-insensitively', () => {
    expect(iamServiceExists('s3')).toBe(true);
    expect(iamServiceExists('SQS')).toBe(true);
    expect(iamServiceExists('rds-data')).toBe(true);
    expect(iamServiceExists('sqss')).toBe(false);
  });

  it('lists prefixes sorted', () => {
    const prefixes = iamServicePrefixes();
    expect(prefixes).toEqual([...prefixes].sort());
    expect(prefixes).toEqual(expect.arrayContaining(['ec2', 'ecs', 'iam', 's3', 'sqs']));
  });
});

describe('actions', () => {
  it('knows real actions, case-insensitively as IAM does', () => {
    expect(iamActionExists('s3:GetObject')).toBe(true);
    expect(iamActionExists('S3:getobject')).toBe(true);
    expect(iamActionExists('sqs:SendMessage')).toBe(true);
    expect(iamActionExists('sqs:SendMessages')).toBe(false);
    expect(iamActionExists('sqss:SendMessage')).toBe(false);
    expect(iamActionExists('s3:Get*')).toBe(false);
    expect(iamActionExists('s3')).toBe(false);
  });

  it('gives the canonical spelling', () => {
    expect(canonicalActionName('S3:getobject')).toBe('s3:GetObject');
    expect(canonicalActionName('s3:NoSuchThing')).toBeUndefined();
  });

  it('lists one service, canonical and sorted', () => {
    const sqs = iamActionsOfService('SQS');
    expect(sqs).toEqual([...sqs].sort());
    expect(sqs).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:SendMessage', 'sqs:GetQueueAttributes']));
    expect(iamActionsOfService('sqss')).toEqual([]);
  });
});

describe('expandActionPattern', () => {
  it('expands * and ? within a service', () => {
    const describes = expandActionPattern('ecs:Describe*');
    expect(describes).toEqual(expect.arrayContaining(['ecs:DescribeClusters', 'ecs:DescribeServices', 'ecs:DescribeTaskDefinition']));
    expect(describes.every((action) => action.startsWith('ecs:Describe'))).toBe(true);
    expect(expandActionPattern('sqs:?endMessage')).toEqual(['sqs:SendMessage']);
  });

  it('is case-insensitive and returns canonical names', () => {
    expect(expandActionPattern('S3:getobject')).toEqual(['s3:GetObject']);
    expect(expandActionPattern('s3:getobjectversion*')).toEqual(expect.arrayContaining(['s3:GetObjectVersion', 's3:GetObjectVersionAcl']));
  });

  it('matches wildcards in the service part', () => {
    expect(expandActionPattern('sq?:SendMessage')).toEqual(['sqs:SendMessage']);
  });

  it('yields nothing for unknown services, non-actions and non-matching patterns', () => {
    expect(expandActionPattern('sqss:*')).toEqual([]);
    expect(expandActionPattern('s3')).toEqual([]);
    expect(expandActionPattern('ecs:Descibe*')).toEqual([]);
  });

  it('gives each caller its own list: changing one does not change the next answer', () => {
    const first = expandActionPattern('sqs:Get*');
    first.push('sqs:NotAnAction');
    first.splice(0, 1);
    expect(expandActionPattern('sqs:Get*')).toEqual(expect.arrayContaining(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl']));
    expect(expandActionPattern('sqs:Get*')).not.toContain('sqs:NotAnAction');
  });

  it('expands * to every action', () => {
    const all = expandActionPattern('*');
    expect(all.length).toBeGreaterThan(10000);
    expect(all).toEqual(expect.arrayContaining(['s3:GetObject', 'kms:Decrypt']));
  });
});

describe('actionMatches', () => {
  it('matches as IAM does: the whole string, * and ?, any case', () => {
    expect(actionMatches('*', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get*', 'S3:GETOBJECT')).toBe(true);
    expect(actionMatches('s3:GetObjec?', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get', 's3:GetObject')).toBe(false);
    expect(actionMatches('s3:Get.bject', 's3:GetObject')).toBe(false);
    expect(actionMatches('*:Decrypt', 'kms:Decrypt')).toBe(true);
  });
});

describe('actionProblem', () => {
  it('accepts real actions, any case, and patterns that match', () => {
    expect(actionProblem('s3:GetObject')).toBeUndefined();
    expect(actionProblem('S3:GETOBJECT')).toBeUndefined();
    expect(actionProblem('ecs:Describe*')).toBeUndefined();
    expect(actionProblem('ecs:Describ*')).toBeUndefined(); // a prefix of Describe: it matches
    expect(actionProblem('*')).toBeUndefined();
    expect(actionProblem('s3:*')).toBeUndefined();
  });

  it('suggests the nearest action of the service', () => {
    expect(actionProblem('sqs:SendMessages')).toBe(
      '"sqs:SendMessages" is not an IAM action of service sqs (did you mean "sqs:SendMessage"?)',
    );
    expect(actionProblem('s3:getobjekt')).toBe('"s3:getobjekt" is not an IAM action of service s3 (did you mean "s3:GetObject"?)');
  });

  it('gives no suggestion when nothing is near', () => {
    expect(actionProblem('sqs:LaunchRocket')).toBe('"sqs:LaunchRocket" is not an IAM action of service sqs');
  });

  it('suggests the nearest service prefix', () => {
    expect(actionProblem('sqss:SendMessage')).toBe('"sqss:SendMessage": no AWS service has the prefix "sqss" (did you mean "sqs"?)');
    expect(actionProblem('zzzzzzzz:Foo')).toBe('"zzzzzzzz:Foo": no AWS service has the prefix "zzzzzzzz"');
  });

  it('names patterns that match nothing', () => {
    expect(actionProblem('ecs:Descibe*')).toBe('"ecs:Descibe*" matches no ecs action');
    expect(actionProblem('zz?:Get*')).toBe('"zz?:Get*" matches no IAM action');
  });

  it('rejects strings that are not <service>:<action>', () => {
    expect(actionProblem('s3')).toBe('"s3" is not an IAM action: use "<service>:<action>"');
    expect(actionProblem('s3:')).toBe('"s3:" is not an IAM action: use "<service>:<action>"');
    expect(actionProblem(':GetObject')).toBe('":GetObject" is not an IAM action: use "<service>:<action>"');
  });
});

describe('actionAccessLevel', () => {
  it('reads the levels from the dataset', () => {
    expect(actionAccessLevel('s3:GetObject')).toEqual(['Read']);
    expect(actionAccessLevel('s3:ListBucket')).toEqual(['List']);
    expect(actionAccessLevel('sqs:SendMessage')).toEqual(['Write']);
    expect(actionAccessLevel('sqs:AddPermission')).toEqual(['Permissions management', 'Write']);
    expect(actionAccessLevel('sqs:TagQueue')).toEqual(['Tagging', 'Write']);
  });

  it('throws for anything but a real action', () => {
    expect(() => actionAccessLevel('sqs:SendMessages')).toThrow(
      '"sqs:SendMessages" is not an IAM action of service sqs (did you mean "sqs:SendMessage"?)',
    );
    expect(() => actionAccessLevel('s3:Get*')).toThrow('"s3:Get*" is a pattern, not one action');
  });
});

describe('editDistance', () => {
  it('counts edits, ignoring case', () => {
    expect(editDistance('sqss', 'sqs')).toBe(1);
    expect(editDistance('GetObject', 'getobject')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('iamDataVersion', () => {
  it('is the installed package version', () => {
    expect(iamDataVersion()).toMatch(/^\d+\.\d+\.\d{9}$/);
  });
});

describe('dataset layout', () => {
  it('fails clearly if the package no longer has data/ two levels above its main entry', () => {
    jest.isolateModules(() => {
      jest.doMock('node:fs', () => ({ ...jest.requireActual<typeof fs>('node:fs'), existsSync: () => false }));
      const isolated = jest.requireActual<typeof IamActions>('./iam-actions');
      expect(() => isolated.iamServiceExists('s3')).toThrow(
        /@cloud-copilot\/iam-data's layout has changed: expected its main entry .*dist\/cjs\/index\.js two levels below/,
      );
    });
    jest.dontMock('node:fs');
  });
});

describe('action lists kept between runs (keepIamActionLists)', () => {
  /** A fresh copy of the module, as a new process has, keeping its lists in `store`. */
  function freshModule(store: Map<string, unknown>): typeof IamActions {
    let isolated: typeof IamActions | undefined;
    jest.isolateModules(() => {
      isolated = jest.requireActual<typeof IamActions>('./iam-actions');
    });
    const module = isolated as typeof IamActions;
    module.keepIamActionLists({ read: (key) => store.get(key), write: (key, data) => store.set(key, data) });
    return module;
  }
  const answers = (module: typeof IamActions) => ({
    canonical: module.canonicalActionName('s3:getobject'),
    level: module.actionAccessLevel('iam:PassRole'),
    exists: module.iamActionExists('sqs:NoSuchAction'),
    ecs: module.iamActionsOfService('ecs'),
    pattern: module.expandActionPattern('kms:Describe*'),
  });

  it('writes each service read once, under the dataset version, and answers the same from it', () => {
    const store = new Map<string, unknown>();
    const first = answers(freshModule(store));
    const version = iamDataVersion();
    expect([...store.keys()].sort()).toEqual([`${version}-ecs`, `${version}-iam`, `${version}-kms`, `${version}-s3`, `${version}-sqs`]);
    const s3 = store.get(`${version}-s3`) as string[][];
    expect(s3).toContainEqual(['getobject', 'GetObject', 'Read']);
    // A later run takes the lists from the store, never the dataset's files.
    const written = new Map(store);
    const second = answers(freshModule(store));
    expect(second).toEqual(first);
    expect(store).toEqual(written);
    expect(first).toEqual(answers(jest.requireActual<typeof IamActions>('./iam-actions')));
  });

  it('reads a list that does not have the kept form from the dataset again, and rewrites it', () => {
    const version = iamDataVersion();
    for (const broken of [{ getobject: 'GetObject' }, [['getobject', 'GetObject']], [], 'text', [['getobject', 'GetObject', 3]]]) {
      const store = new Map<string, unknown>([[`${version}-s3`, broken]]);
      expect(freshModule(store).canonicalActionName('s3:getobject')).toBe('s3:GetObject');
      expect(store.get(`${version}-s3`)).toContainEqual(['getobject', 'GetObject', 'Read']);
    }
  });
});
