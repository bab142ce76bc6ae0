// A class method whose catch answers null after failed I/O, reached through an instance of the imported
// class or an exported instance: a swallow only when some caller may take the null for "nothing". Every
// caller in the project testing the answer and failing (an error status, a throw) decides the failure.
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';

const tree = tempTrees('bulwark-callers-');

const SERVICE = `import axios from 'axios';
export class AccountService {
  async create(email) {
    try {
      const res = await axios.post('https://api.example.com/accounts', { email }, { timeout: 5000 });
      return res.data.id;
    } catch (err) {
      console.log(err);
      return null;
    }
  }
}
`;
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Create:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: create.handler
      Runtime: nodejs20.x
      Timeout: 10
      Events:
        Post:
          Type: Api
          Properties:
            Path: /accounts
            Method: post
`;
const HANDLER = (body: string) => `const { AccountService } = require('./account.service');
const accounts = new AccountService();
export const handler = async (event) => {
${body}
};
`;
const TESTED = `  const id = await accounts.create(event.body);
  if (id) {
    return { statusCode: 201, body: JSON.stringify({ id }) };
  } else {
    return { statusCode: 500, body: '' };
  }`;

/** The lines of src/account.service.js reported by swallowed-error, once `files` are written over the service. */
async function reportedLines(files: Record<string, string>): Promise<number[]> {
  const all = { 'template.yaml': TEMPLATE, 'src/account.service.js': SERVICE, ...files };
  const root = tree(all);
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'src/account.service.js' && f.rule === 'swallowed-error')
    .map((f) => f.line);
}

describe('a method whose callers test its answer', () => {
  it.each([
    ['tests the answer and answers 500', { 'src/create.js': HANDLER(TESTED) }],
    [
      'throws on a missing answer',
      {
        'src/create.js': HANDLER(
          "  const id = await accounts.create(event.body);\n  if (!id) throw new Error('not created');\n  return { statusCode: 201, body: id };",
        ),
      },
    ],
    [
      'reaches an exported instance and tests the answer',
      {
        'src/account.service.js': `${SERVICE}export default new AccountService();\n`,
        'src/create.js': `import accounts from './account.service';\nexport const handler = async (event) => {\n${TESTED}\n};\n`,
      },
    ],
    [
      'is a handler named after the method, which names it in a log line too',
      {
        'src/create.js': `const { AccountService } = require('./account.service');\nconst accounts = new AccountService();\nexport const create = async (event) => {\n  console.log('create');\n${TESTED}\n};\n`,
      },
    ],
  ])('drops the catch when every caller %s', async (_, files) => {
    expect(await reportedLines(files)).toEqual([]);
  });

  it.each([
    [
      'answers success whatever came back',
      {
        'src/create.js': HANDLER(
          '  const id = await accounts.create(event.body);\n  return { statusCode: 200, body: JSON.stringify({ id }) };',
        ),
      },
    ],
    [
      'only logs the answer',
      {
        'src/create.js': HANDLER(
          "  const id = await accounts.create(event.body);\n  console.log('created', id);\n  return { statusCode: 200, body: '' };",
        ),
      },
    ],
    [
      'is one of two, and the other ignores the answer',
      {
        'src/create.js': HANDLER(TESTED),
        'src/job.js': HANDLER(
          "  await accounts.create('ops@example.com');\n  return { statusCode: 200, body: '' };",
        ),
      },
    ],
    [
      'is one of two calls in a module, and the other reaches the instance another way',
      {
        'src/create.js': HANDLER(
          `${TESTED.replace('} else {', '} else if (event.retry) {\n    const svc = accounts;\n    await svc.create(event.body);\n    return { statusCode: 200, body: "" };\n  } else {')}`,
        ),
      },
    ],
    [
      'hands the method on, in a module that does not import the class',
      { 'src/create.js': HANDLER(TESTED), 'src/retry.js': 'export const later = (svc) => [svc.create];\n' },
    ],
  ])('keeps the catch when a caller %s', async (_, files) => {
    expect(await reportedLines(files)).toEqual([7]);
  });
});

// The same judgement for a service factory's functions: `const WorkersService = () => { const create = ...;
// return { create } }`, reached as `const service = WorkersService(); await service.create(...)`.
const FACTORY = `import axios from 'axios';
const AccountService = () => {
  const create = async (email) => {
    try {
      const res = await axios.post('https://api.example.com/accounts', { email }, { timeout: 5000 });
      return res.data.id;
    } catch (err) {
      console.log(err);
      return null;
    }
  };
  return { create };
};
export default AccountService;
`;
const FACTORY_HANDLER = (body: string) => `import AccountService from './account.service';
export const handler = async (event) => {
  const accounts = AccountService();
${body}
};
`;

describe("a service factory's function whose callers test its answer", () => {
  it('drops the catch when every caller tests the answer and answers 500', async () => {
    expect(
      await reportedLines({ 'src/account.service.js': FACTORY, 'src/create.js': FACTORY_HANDLER(TESTED) }),
    ).toEqual([]);
  });

  it.each([
    [
      'answers success whatever came back',
      FACTORY_HANDLER(
        '  const id = await accounts.create(event.body);\n  return { statusCode: 200, body: JSON.stringify({ id }) };',
      ),
    ],
  ])('keeps the catch when a caller %s', async (_, create) => {
    expect(await reportedLines({ 'src/account.service.js': FACTORY, 'src/create.js': create })).toEqual([7]);
  });

  it('keeps the catch when another caller takes the function out by destructuring and ignores the answer', async () => {
    const job =
      "import AccountService from './account.service';\nexport const job = async () => {\n  const { create } = AccountService();\n  await create('ops@example.com');\n};\n";
    expect(
      await reportedLines({
        'src/account.service.js': FACTORY,
        'src/create.js': FACTORY_HANDLER(TESTED),
        'src/job.js': job,
      }),
    ).toEqual([7]);
  });

  it('keeps the catch when the factory hands the function on as well', async () => {
    const handedOn = FACTORY.replace('return { create };', 'queue.push(create);\n  return { create };');
    expect(
      await reportedLines({ 'src/account.service.js': handedOn, 'src/create.js': FACTORY_HANDLER(TESTED) }),
    ).toEqual([7]);
  });
});
