// Which `new this.AWS.X(...)` memberSdkClientName reads as an aws-sdk v2 client.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { memberSdkClientName } from './sdkV2Members.js';

/** The name memberSdkClientName gives the first `new` of `source` (a CommonJS module). */
function nameOfFirstNew(source: string): string | undefined {
  const ctx = contextOf(source, 'm.js');
  const created = ctx.of('NewExpression')[0] as Node;
  return memberSdkClientName(ctx, created.callee as Node);
}

const inherited = (build: string) =>
  `const Base = global.App.include('base.js');\nmodule.exports = class P extends Base {\n  f(p) { this.loadSdk(); this.c = ${build}; }\n};`;

describe('memberSdkClientName', () => {
  it.each([
    ['an inherited member', inherited('new this.AWS.SQS(p)'), 'this.AWS.SQS'],
    [
      'the DocumentClient',
      inherited('new this.AWS.DynamoDB.DocumentClient(p)'),
      'this.AWS.DynamoDB.DocumentClient',
    ],
    [
      'a member this module sets from aws-sdk',
      "class P { constructor() { this.AWS = require('aws-sdk'); this.s = new this.AWS.SNS({}); } }",
      'this.AWS.SNS',
    ],
  ])('a client: %s', (_, source, name) => {
    expect(nameOfFirstNew(source)).toBe(name);
  });

  it.each([
    ['a config, which sends nothing', inherited('new this.AWS.Config({})')],
    ['another member name', inherited('new this.sdk.SQS(p)')],
    ['a lower-case member under AWS', inherited('new this.AWS.util(p)')],
    [
      'a plain function inside the method, where `this` is not the instance',
      'class P extends B { f() { return function () { return new this.AWS.SQS({}); }; } }',
    ],
    [
      'a capture of something other than the SDK',
      "const stub = require('./stub');\nclass P { constructor() { this.AWS = captureAWS(stub); this.s = new this.AWS.SNS({}); } }",
    ],
    ['a class with no base and no assignment', 'class P { f() { return new this.AWS.SQS({}); } }'],
    [
      'a member this module sets from a stub',
      "const stub = require('./stub');\nclass P { constructor() { this.AWS = stub.create(); this.s = new this.AWS.SNS({}); } }",
    ],
  ])('not a client: %s', (_, source) => {
    expect(nameOfFirstNew(source)).toBeUndefined();
  });
});
