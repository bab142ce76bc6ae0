// Which clients only presign (onlyPresigns): every use is a presigning call's client, through casts, and a
// test of whether the field is set (`if (!this.s3)`) is no use.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { onlyPresigns } from './presignOnly.js';
import { contextOf } from './testing/parsed.js';

/** onlyPresigns for the one `new S3Client(...)` of `source`. */
function presigns(source: string): boolean {
  const ctx = contextOf(source, 'm.ts');
  const created = ctx.of('NewExpression').find((n) => (n.callee as Node).name === 'S3Client') as Node;
  return onlyPresigns(ctx, created);
}

describe('onlyPresigns', () => {
  it.each([
    [
      'a variable passed to getSignedUrl',
      'const s3 = new S3Client({});\nexport const f = () => getSignedUrl(s3, c);',
      true,
    ],
    [
      'through an `as any` cast',
      'const s3 = new S3Client({});\nexport const f = () => getSignedUrl(s3 as any, c);',
      true,
    ],
    [
      'also sent through',
      'const s3 = new S3Client({});\nexport const f = () => getSignedUrl(s3, c);\nexport const g = () => s3.send(c);',
      false,
    ],
    [
      'a class field through a cast',
      'export class A { private s3 = new S3Client({}); u() { return getSignedUrl(this.s3 as any, c); } }',
      true,
    ],
    [
      'a field built behind `if (!this.s3)`, then presigned',
      'export class A { s3 = null; constructor() { if (!this.s3) { this.s3 = new S3Client({}); } } u() { return getSignedUrl(this.s3!, c); } }',
      true,
    ],
    [
      'a field built behind `if (!this.s3)`, then sent',
      'export class A { s3 = null; constructor() { if (!this.s3) { this.s3 = new S3Client({}); } } u() { return this.s3.send(c); } }',
      false,
    ],
    [
      'a lazy singleton getter whose every call is presigned',
      'let _c = null;\nfunction client() { return (_c ??= new S3Client({})); }\nexport const f = () => getSignedUrl(client(), c);',
      true,
    ],
    [
      'a guarded singleton getter whose every call is presigned',
      'let _c;\nconst client = () => { if (!_c) _c = new S3Client({}); return _c; };\nexport const f = () => getSignedUrl(client(), c);',
      true,
    ],
    [
      'a lazy singleton getter also called to send',
      'let _c = null;\nfunction client() { return (_c ??= new S3Client({})); }\nexport const f = () => getSignedUrl(client(), c);\nexport const g = () => client().send(c);',
      false,
    ],
    [
      'a lazy singleton getter the module exports (importers may send)',
      'let _c = null;\nexport function client() { return (_c ??= new S3Client({})); }\nexport const f = () => getSignedUrl(client(), c);',
      false,
    ],
    [
      'a getter that fills the cache but hands out something built from it',
      'let _c = null;\nfunction client() { _c ??= new S3Client({}); return withRetries(_c); }\nexport const f = () => getSignedUrl(client(), c);',
      false,
    ],
    [
      'a lazy singleton getter exported by an export list',
      'let _c = null;\nfunction client() { return (_c ??= new S3Client({})); }\nexport const f = () => getSignedUrl(client(), c);\nexport { client };',
      false,
    ],
    [
      'a lazy singleton getter exported as the default',
      'let _c = null;\nconst client = () => (_c ??= new S3Client({}));\nexport const f = () => getSignedUrl(client(), c);\nexport default client;',
      false,
    ],
    [
      'a lazy singleton getter handed to module.exports',
      'let _c = null;\nfunction client() { return (_c ??= new S3Client({})); }\nconst f = () => getSignedUrl(client(), c);\nmodule.exports = { f, client };',
      false,
    ],
    [
      'a lazy singleton whose cache is read outside its getter',
      'let _c = null;\nfunction client() { return (_c ??= new S3Client({})); }\nexport const f = () => getSignedUrl(client(), c);\nexport const g = () => _c?.send(c);',
      false,
    ],
    [
      'a guard alone is no presign',
      'const s3 = new S3Client({});\nexport const f = () => (s3 ? 1 : 0);',
      false,
    ],
    [
      'a cast handed to another function',
      'const s3 = new S3Client({});\nexport const f = () => upload(s3 as any, c);',
      false,
    ],
    [
      'instrumented in place by a dropped capture call, then presigned',
      'const s3 = new S3Client({});\ntracer.captureAWSv3Client(s3);\nexport const f = () => getSignedUrl(s3, c);',
      true,
    ],
    [
      'instrumented in place, then also sent through',
      'const s3 = new S3Client({});\ntracer.captureAWSv3Client(s3);\nexport const f = () => getSignedUrl(s3, c);\nexport const g = () => s3.send(c);',
      false,
    ],
    [
      'a capture whose answer is kept hands the client on',
      'const s3 = new S3Client({});\nconst traced = tracer.captureAWSv3Client(s3);\nexport const f = () => getSignedUrl(s3, c);',
      false,
    ],
    [
      'a field instrumented in place in the constructor, then presigned',
      'export class A { private s3 = new S3Client({}); constructor() { tracer.captureAWSv3Client(this.s3); } u() { return getSignedUrl(this.s3, c); } }',
      true,
    ],
    [
      'a field instrumented in place, then also sent through',
      'export class A { private s3 = new S3Client({}); constructor() { tracer.captureAWSv3Client(this.s3); } u() { return getSignedUrl(this.s3, c); } g() { return this.s3.send(c); } }',
      false,
    ],
    [
      'only instrumented: no presign seen',
      'const s3 = new S3Client({});\ntracer.captureAWSv3Client(s3);',
      false,
    ],
  ])('%s', (_name, source, expected) => {
    expect(presigns(source)).toBe(expected);
  });
});
