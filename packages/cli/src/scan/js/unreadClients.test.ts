// Which module-level clients send no request (unreadClient): only one the module neither reads nor exports.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { contextOf } from './testing/parsed.js';
import { unreadClient } from './unreadClients.js';

/** unreadClient for the one `new S3(...)` of `source`. */
function unread(source: string): boolean {
  const ctx = contextOf(source, 'm.ts');
  const created = ctx.of('NewExpression').find((n) => (n.callee as Node).name === 'S3') as Node;
  return unreadClient(ctx, created);
}

describe('unreadClient', () => {
  it.each([
    ['never read, not exported', 'const s3 = new S3({});', true],
    [
      'read by a function',
      'const s3 = new S3({});\nexports.handler = async () => s3.getObject({}).promise();',
      false,
    ],
    [
      'read by an arrow at module level',
      'const s3 = new S3(opts);\nconst get = async (k) => await s3.getObject(k);\nmodule.exports = { get };',
      false,
    ],
    [
      'a shadowing parameter is another variable',
      'const s3 = new S3({});\nexport function f(s3) { return s3.send(x); }',
      true,
    ],
    [
      'a member named like it is not a read',
      'const s3 = new S3({});\nexport const f = () => other.s3;',
      true,
    ],
    ['exported by declaration', 'export const s3 = new S3({});', false],
    ['exported by specifier', 'const s3 = new S3({});\nexport { s3 };', false],
    ['exported by CommonJS shorthand', 'const s3 = new S3({});\nmodule.exports = { s3 };', false],
    // A function's local never read (its send commented out, a helper building its own client) sends nothing.
    ['inside a function, never read', 'export function make() { const s3 = new S3({}); return 1; }', true],
    ['inside a function, returned', 'export function make() { const s3 = new S3({}); return s3; }', false],
    [
      'inside a function, read by a closure',
      'export async function run(keys) { const s3 = new S3({}); await Promise.all(keys.map((k) => s3.send(k))); }',
      false,
    ],
    [
      'inside a function, a like-named variable of another function is not a read',
      'export function a() { const s3 = new S3({}); return 1; }\nexport function b(s3) { return s3.send(x); }',
      true,
    ],
    // Only the class reads a private field: one its class never names sends nothing.
    [
      'a private static field the class never names',
      'export class Y { private static readonly s3 = new S3({}); run() { return get(k); } }',
      true,
    ],
    ['a #field the class never names', 'export class Y { #s3 = new S3({}); run() { return 1; } }', true],
    [
      'a private field the class reads',
      'export class Y { private s3 = new S3({}); run() { return this.s3.send(x); } }',
      false,
    ],
    [
      'a static private field read through the class',
      'export class Y { private static s3 = new S3({}); static run() { return Y.s3.send(x); } }',
      false,
    ],
    [
      'a private field read by a computed string',
      "export class Y { private s3 = new S3({}); run() { return this['s3'].send(x); } }",
      false,
    ],
    ['a #field read', 'export class Y { #s3 = new S3({}); run() { return this.#s3.send(x); } }', false],
    ['a public field may be read from outside', 'export class Y { s3 = new S3({}); }', false],
    ['an arrow body holds no declaration', 'export const make = () => new S3({});', false],
    [
      'read only where a constant false switches it off',
      'const s3 = new S3({});\nconst doTrace = false;\nexport const save = async () => { if (doTrace) { await s3.send(x); } };\nexport const put = () => doTrace && s3.send(y);',
      true,
    ],
    [
      'read where a constant true lets it run',
      'const s3 = new S3({});\nconst doTrace = true;\nexport const save = async () => { if (doTrace) { await s3.send(x); } };',
      false,
    ],
    [
      'read in the else branch of a constant false',
      'const s3 = new S3({});\nconst dryRun = false;\nexport const save = async () => { if (dryRun) { log(); } else { await s3.send(x); } };',
      false,
    ],
    // The switch shared with fixedOff.ts since round 47: other falsy literals, `||`, the else of a negation and
    // code after an early exit the switch always takes.
    [
      'read only behind a switch fixed to 0, null or after `||` on its negation',
      'const s3 = new S3({});\nconst LIMIT = 0;\nconst OFF = null;\nexport const a = () => LIMIT && s3.send(x);\nexport const b = () => !OFF || s3.send(y);',
      true,
    ],
    [
      'read only in the else of a negated switch and after an early exit',
      'const s3 = new S3({});\nconst USE_S3 = false;\nexport const a = async () => { if (!USE_S3) { log(); } else { await s3.send(x); } };\nexport const b = async () => { if (!USE_S3) return;\n await s3.send(y); };',
      true,
    ],
    [
      'read in a hoisted function the early exit calls',
      'const s3 = new S3({});\nconst USE_CACHE = false;\nexport async function get(k) {\n  if (!USE_CACHE) return viaS3(k);\n  async function viaS3(k) { return s3.send(k); }\n}',
      false,
    ],
  ])('%s', (_, source, expected) => {
    expect(unread(source)).toBe(expected);
  });
});

describe('unreadClient through a document-client wrapper', () => {
  /** unreadClient for the one `new DynamoDBClient(...)` of `source`. */
  const unreadDdb = (source: string): boolean => {
    const ctx = contextOf(source, 'm.js');
    const created = ctx.of('NewExpression').find((n) => (n.callee as Node).name === 'DynamoDBClient') as Node;
    return unreadClient(ctx, created);
  };

  it.each([
    [
      'a wrapper nothing reads',
      'const ddb = new DynamoDBClient({});\nconst doc = DynamoDBDocumentClient.from(ddb);',
      true,
    ],
    [
      'the v3 DynamoDBDocument wrapper, unread',
      'const ddb = new DynamoDBClient({});\nconst doc = DynamoDBDocument.from(ddb);',
      true,
    ],
    [
      'a wrapper that sends',
      'const ddb = new DynamoDBClient({});\nconst doc = DynamoDBDocumentClient.from(ddb);\nexports.get = (k) => doc.send(new GetCommand(k));',
      false,
    ],
    [
      'a wrapper exported',
      'const ddb = new DynamoDBClient({});\nconst doc = DynamoDBDocumentClient.from(ddb);\nmodule.exports = { doc };',
      false,
    ],
    // Handed to a project helper, the client may send there.
    ['handed to another call', 'const ddb = new DynamoDBClient({});\nconst repo = makeRepo(ddb);', false],
  ])('%s -> %s', (_name, source, expected) => {
    expect(unreadDdb(source)).toBe(expected);
  });
});
