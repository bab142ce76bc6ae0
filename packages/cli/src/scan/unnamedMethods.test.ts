// A method of an exported class or singleton that no module of its package names is dead code: its
// outbound findings go. The checks on a small Serverless service, with each way a method may still run.
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';

const tree = tempTrees('bulwark-methods-');

const SERVICE = `import axios from 'axios';
const API = process.env.API ?? '';
class BookingService {
  async create(slot: string) {
    return axios.post(\`\${API}/bookings\`, { slot });
  }
  async cancel(uid: string) {
    return axios.post(\`\${API}/bookings/\${uid}/void\`);
  }
}
export const bookings = new BookingService();
`;
const HANDLER = `import { bookings } from './bookings.js';
export const handler = async (event: { body: string }) => {
  await bookings.create(event.body);
  return { statusCode: 200, body: '' };
};
`;
const PRIVATE = '{ "name": "booking-api", "private": true }';

/** The lines of src/bookings.ts reported by http-no-timeout, once `files` are written over the service. */
async function reportedLines(files: Record<string, string>): Promise<number[]> {
  const all = { 'package.json': PRIVATE, 'src/bookings.ts': SERVICE, 'src/handler.ts': HANDLER, ...files };
  const root = tree(all);
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'src/bookings.ts' && f.rule === 'http-no-timeout')
    .map((f) => f.line)
    .sort((a, b) => a - b);
}

describe('unnamedMethod', () => {
  it('drops the request of a method no module names', async () => {
    expect(await reportedLines({})).toEqual([5]);
  });

  it.each([
    [
      'called in a module that does not import the class (an instance handed to it)',
      { 'src/jobs.ts': 'export const run = (s: any) => s.cancel("1");\n' },
    ],
    [
      'named by a computed member of the instance',
      {
        'src/handler.ts': HANDLER.replace(
          'bookings.create(event.body)',
          'bookings.create(event.body);\n  await bookings[event.body as "create"]("x")',
        ),
      },
    ],
    [
      'an importer may call by a computed member of another name',
      {
        'src/handler.ts': HANDLER.replace(
          'bookings.create(event.body)',
          'bookings.create(event.body);\n  const svc: any = bookings;\n  await svc[event.body]("x")',
        ),
      },
    ],
    [
      'named in its own module beyond its declaration',
      {
        'src/bookings.ts': SERVICE.replace(
          'export const bookings',
          'export const drop = (u: string) => new BookingService().cancel(u);\nexport const bookings',
        ),
      },
    ],
    [
      'of a class a framework decorator registers',
      { 'src/bookings.ts': SERVICE.replace('class Booking', '@Injectable()\nexport class Booking') },
    ],
    [
      'of a class that extends another (a base may call it)',
      { 'src/bookings.ts': SERVICE.replace('class BookingService {', 'class BookingService extends Base {') },
    ],
    [
      'of a class that implements an interface (a caller typed by it may call it)',
      {
        'src/bookings.ts': SERVICE.replace(
          'class BookingService {',
          'class BookingService implements Bookings {',
        ),
      },
    ],
    [
      'a decorator registers',
      { 'src/bookings.ts': SERVICE.replace('  async cancel(', "  @Post('/void')\n  async cancel(") },
    ],
    [
      'the runtime calls by itself',
      { 'src/bookings.ts': SERVICE.replace('async cancel(uid: string)', "async toJSON(uid = '')") },
    ],
    [
      'its own class calls by a computed member',
      {
        'src/bookings.ts': SERVICE.replace(
          'class BookingService {',
          'class BookingService {\n  run(action: string) {\n    return (this as any)[action]("1");\n  }',
        ),
        'src/handler.ts': HANDLER.replace(
          'await bookings',
          'await bookings.run(event.body);\n  await bookings',
        ),
      },
    ],
    ['of a published library', { 'package.json': '{ "name": "booking-client", "main": "src/bookings.js" }' }],
  ])('keeps the request of a method %s', async (_case, files) => {
    expect(await reportedLines(files)).toHaveLength(2);
  });

  it('judges a method of thousands of requests, its name in thousands of comments, in linear time', async () => {
    const calls = Array.from(
      { length: 1500 },
      (_, i) => `    await axios.get(\`\${API}/\${i}\`); // cancel ${i}\n`,
    );
    const notes = Array.from({ length: 1500 }, (_, i) => `// cancel is not called ${i}\n`);
    const service = SERVICE.replace(
      / {2}async cancel\(uid: string\) \{\n.*\n {2}\}/,
      `  async cancel(uid: string) {\n${calls.join('')}    return uid;\n  }`,
    ).replace('class BookingService', `${notes.join('')}class BookingService`);
    expect(await reportedLines({ 'src/bookings.ts': service })).toEqual([1505]);
  }, 10_000);
});

describe('a method called from another package through a module in between', () => {
  it('keeps its findings: the instance is re-exported and called as services.invoices.voidInvoice()', async () => {
    // Prepare
    const sls =
      'service: s\nprovider:\n  name: aws\n  runtime: nodejs18.x\nfunctions:\n  h:\n    handler: handler.handler\n    events:\n      - http: GET /x\n';
    const files: Record<string, string> = {
      'package.json': '{"name":"m","private":true,"workspaces":["packages/*"]}',
      'packages/api/package.json': '{"name":"api","private":true,"dependencies":{"@acme/billing":"*"}}',
      'packages/api/serverless.yml': sls,
      'packages/api/container.ts':
        "import { invoices } from '@acme/billing';\nexport const services = { invoices };\n",
      'packages/api/handler.ts':
        "import { services } from './container';\nexport const handler = async (e: any) => { await services.invoices.voidInvoice(e.id); return { statusCode: 200, body: '' }; };\n",
      'packages/billing/package.json': '{"name":"@acme/billing","private":true,"main":"index.ts"}',
      'packages/billing/serverless.yml': sls,
      'packages/billing/index.ts': "export * from './service';\n",
      'packages/billing/service.ts':
        "export class InvoiceService {\n  async other(id: string) { const r = await fetch('https://x/' + id); return r.json(); }\n  async voidInvoice(id: string) { const r = await fetch('https://x/void/' + id, { method: 'POST' }); return r.json(); }\n}\nexport const invoices = new InvoiceService();\n",
      'packages/billing/handler.ts':
        "import { invoices } from './service';\nexport const handler = async (e: any) => { await invoices.other(e.id); return { statusCode: 200, body: '' }; };\n",
    };
    const root = tree(files);

    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    const lines = result.findings
      .filter((f) => f.rule === 'http-no-timeout' && f.file === 'packages/billing/service.ts')
      .map((f) => f.line);
    expect(lines).toEqual([2, 3]);
  });
});
