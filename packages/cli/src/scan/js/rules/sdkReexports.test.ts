// Which `new X.Y()` reexportedV2Client names for the project pass, and the gate's text check.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { mayBuildFromProjectSdk, reexportedV2Client } from './sdkReexports.js';

/** What reexportedV2Client gives the first `new` of `source`. */
function firstNew(source: string) {
  const ctx = contextOf(source, '/r/src/m.js');
  const created = ctx.of('NewExpression')[0] as Node;
  const out = reexportedV2Client(ctx, created.callee as Node);
  return out === undefined ? undefined : [out.name, out.ref.source, out.ref.name];
}

describe('reexportedV2Client', () => {
  it.each([
    ['a relative module', "const AWS = require('./aws');\nnew AWS.S3();", ['AWS.S3', './aws', 'default']],
    [
      'a workspace package',
      "const AWS = require('acme-commons/aws');\nnew AWS.DynamoDB.DocumentClient();",
      ['AWS.DynamoDB.DocumentClient', 'acme-commons/aws', 'default'],
    ],
  ])('a candidate: %s', (_, source, expected) => {
    expect(firstNew(source)).toEqual(expected);
  });

  it.each([
    ['a configuration', "const AWS = require('./aws');\nnew AWS.Config({});"],
    ['a lower-case member', "const lib = require('./lib');\nnew lib.thing();"],
    ['a Node module', "const events = require('events');\nnew events.EventEmitter();"],
    ['the whole import', "const Thing = require('./thing');\nnew Thing();"],
    [
      'a v3 client class (judged as a subclass)',
      "const { SESClient } = require('./mail');\nnew SESClient({});",
    ],
  ])('no candidate: %s', (_, source) => {
    expect(firstNew(source)).toBeUndefined();
  });
});

describe('mayBuildFromProjectSdk', () => {
  it('admits a class read off a required project module', () => {
    expect(mayBuildFromProjectSdk("const AWS = require('./aws');\nconst s3 = new AWS.S3();")).toBe(true);
    expect(mayBuildFromProjectSdk("import * as AWS from '@acme/aws';\nnew AWS.SQS();")).toBe(true);
  });
  it('leaves the SDK itself (admitted already) and names bound otherwise', () => {
    expect(mayBuildFromProjectSdk("const AWS = require('aws-sdk');\nnew AWS.S3();")).toBe(false);
    expect(mayBuildFromProjectSdk('function f(AWS) { return new AWS.S3(); }')).toBe(false);
  });
});
