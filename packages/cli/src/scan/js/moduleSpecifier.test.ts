// specifierValue / requiredSpecifier: a backtick string without `${}` names a module as a quoted one does.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import {
  awaitedImportRoot,
  dynamicImportSpecifier,
  requiredSpecifier,
  specifierValue,
} from './moduleSpecifier.js';
import { contextOf, firstOfType } from './testing/parsed.js';

const call = (source: string) => firstOfType(source, 'CallExpression', 'm.js');

describe('requiredSpecifier', () => {
  it('reads quoted and no-expression template specifiers alike', () => {
    expect(requiredSpecifier(call("const a = require('axios');"))).toBe('axios');
    expect(requiredSpecifier(call('const a = require(`axios`);'))).toBe('axios');
  });

  it('leaves a template with an expression, another callee, or no argument unread', () => {
    expect(requiredSpecifier(call('const g = require(`\u0024{dir}/globals`);'))).toBeUndefined();
    expect(requiredSpecifier(call('const a = load(`axios`);'))).toBeUndefined();
    expect(requiredSpecifier(call('const a = require();'))).toBeUndefined();
    // A computed name is no specifier, though a property key spelled the same would be one.
    expect(requiredSpecifier(call('const a = require(name);'))).toBeUndefined();
    expect(specifierValue(firstOfType('const n = 42;', 'Literal'))).toBeUndefined();
  });

  it('makes a backtick require an import the module index knows', () => {
    const ctx = contextOf('const axios = require(`axios`);\naxios.get(url);\n', 'm.js');
    expect(ctx.importOf('axios', ctx.program)?.source).toBe('axios');
  });
});

describe('dynamic imports', () => {
  const awaited = (source: string) => firstOfType(source, 'AwaitExpression');

  it('reads the module an awaited import names, and nothing else', () => {
    expect(dynamicImportSpecifier(awaited("const m = await import('@aws-sdk/client-sns');"))).toBe(
      '@aws-sdk/client-sns',
    );
    expect(dynamicImportSpecifier(awaited('const m = await import(`./jobs/\u0024{job}`);'))).toBeUndefined();
    expect(dynamicImportSpecifier(awaited("const m = await load('@aws-sdk/client-sns');"))).toBeUndefined();
    expect(dynamicImportSpecifier(awaited("const m = await import('./report.js');"))).toBeUndefined();
  });

  it("leaves out the project's own modules: workspace packages and path aliases as relative paths", () => {
    expect(
      dynamicImportSpecifier(awaited("const m = await import('@serverless-saas/cache');")),
    ).toBeUndefined();
    expect(dynamicImportSpecifier(awaited("const m = await import('@/lib/authz');"))).toBeUndefined();
    expect(dynamicImportSpecifier(awaited("const m = await import('got');"))).toBe('got');
  });

  it('binds names only from the AWS SDK v3 client packages', () => {
    const ctx = contextOf(
      [
        'export async function f(u) {',
        "  const https = await import('https');",
        "  const { default: got } = await import('got');",
        "  const { IncomingWebhook: W } = await import('@slack/webhook');",
        "  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');",
        '  return [https.get(u), got(u), new W(u)];',
        '}',
      ].join('\n'),
    );
    const at = ctx.of('NewExpression')[0] as Node;
    expect(['https', 'got', 'W'].map((name) => ctx.importOf(name, at))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(ctx.importOf('DynamoDBDocumentClient', at)?.source).toBe('@aws-sdk/lib-dynamodb');
    const chained = firstOfType(
      "new (await import('@slack/webhook')).IncomingWebhook(u);",
      'MemberExpression',
    );
    expect(awaitedImportRoot(chained)).toBeUndefined();
  });

  it('binds a name only in the function that awaits the import', () => {
    const ctx = contextOf(
      [
        "import { Client } from '@hubspot/api-client';",
        'const hub = new Client({});',
        'export async function f() {',
        "  const { DynamoDBClient: Client, SQSClient } = await import('@aws-sdk/client-dynamodb');",
        '  return new Client({});',
        '}',
        'export function g() {',
        '  return new SQSClient({});',
        '}',
      ].join('\n'),
    );
    const [top, nested, elsewhere] = ctx.of('NewExpression') as Node[];
    expect(ctx.importOf('Client', top as Node)).toEqual({
      source: '@hubspot/api-client',
      imported: 'Client',
    });
    expect(ctx.importOf('Client', nested as Node)).toEqual({
      source: '@aws-sdk/client-dynamodb',
      imported: 'DynamoDBClient',
    });
    expect(ctx.importOf('SQSClient', elsewhere as Node)).toBeUndefined();
  });

  it('makes the names an awaited import binds imports the module index knows', () => {
    const ctx = contextOf(
      [
        'export async function f() {',
        "  const { SNSClient: Sns } = await import('@aws-sdk/client-sns');",
        "  const sqs = await import('@aws-sdk/client-sqs');",
        "  const S3Client = (await import('@aws-sdk/client-s3')).S3Client;",
        '  return [new Sns({}), new sqs.SQSClient({}), new S3Client({})];',
        '}',
      ].join('\n'),
    );
    const at = ctx.of('NewExpression')[0] as Node;
    expect(ctx.importOf('Sns', at)).toEqual({ source: '@aws-sdk/client-sns', imported: 'SNSClient' });
    expect(ctx.importOf('sqs', at)).toEqual({ source: '@aws-sdk/client-sqs', imported: '*' });
    expect(ctx.importOf('S3Client', at)).toEqual({ source: '@aws-sdk/client-s3', imported: 'S3Client' });
  });

  it('reads a member chain straight off an awaited import as that module', () => {
    const member = firstOfType(
      "new (await import('@aws-sdk/client-sqs')).SQSClient({});",
      'MemberExpression',
    );
    expect(awaitedImportRoot(member)).toEqual({ source: '@aws-sdk/client-sqs', imported: '*' });
    expect(
      awaitedImportRoot(firstOfType('new (await load()).SQSClient({});', 'MemberExpression')),
    ).toBeUndefined();
  });
});
