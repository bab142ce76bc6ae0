import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { paramsObject } from './answerSends.js';
import { invokeResultRule } from './invokeResult.js';
import type { Report } from './Report.js';

/** The lines the Invoke rule reports in `source`. */
const reported = (source: string, file = 'm.js'): number[] => {
  const ctx = contextOf(source, file);
  const lines: number[] = [];
  const report: Report = (_rule, node) => {
    lines.push(source.slice(0, node.start).split('\n').length);
  };
  invokeResultRule(ctx, report);
  return lines;
};

describe('paramsObject', () => {
  it.each([
    ['const params = { FunctionName: "a" };\nlambda.invoke(params);', 'ObjectExpression'],
    [
      'async function f() { params = { FunctionName: "a" }; return lambda.invoke(params); }',
      'ObjectExpression',
    ],
    ['async function f() { let p; p = { FunctionName: "b" }; return lambda.invoke(p); }', 'ObjectExpression'],
    ['var params = { FunctionName: "a" };\nlambda.invoke(params);', 'ObjectExpression'],
    // Assigned twice, or a property written: unknown.
    [
      'async function f() { let p; p = { A: 1 }; p = { FunctionName: "b" }; return lambda.invoke(p); }',
      'Identifier',
    ],
    [
      'async function f() { params = { FunctionName: "z" }; params.InvocationType = "Event"; return lambda.invoke(params); }',
      undefined,
    ],
    ['async function f() { lambda.invoke(params); params = { FunctionName: "a" }; }', 'Identifier'],
    ['async function f(params) { return lambda.invoke(params); }', 'Identifier'],
  ])('%s -> %s', (source, type: string | undefined) => {
    // Arrange
    const ctx = contextOf(source, 'm.js');
    const call = ctx.of('CallExpression').find((c) => calleeName(c) === 'invoke') as Node;

    // Act
    const object = paramsObject(ctx, (call.arguments as Node[])[0], call);

    // Assess
    expect(object?.type).toBe(type);
    if (type === 'ObjectExpression')
      expect(JSON.stringify(source.slice(object?.start, object?.end))).not.toContain('A: 1');
  });
});

describe('invokeResultRule', () => {
  it('reports a Payload-only .then of an Invoke whose params are assigned without a declaration', () => {
    // Arrange
    const source = [
      "const lambda = new (require('aws-sdk').Lambda)();",
      'module.exports = async (p) => {',
      '  params = { FunctionName: "fetch", Payload: JSON.stringify(p) };',
      '  return await lambda.invoke(params).promise().then((data) => JSON.parse(data.Payload));',
      '};',
    ].join('\n');

    // Act
    const lines = reported(source);

    // Assess
    expect(lines).toEqual([4]);
  });

  it.each([
    ['.then((data) => { if (data.FunctionError) throw new Error("x"); return JSON.parse(data.Payload); })'],
    ['.then((data) => data)'],
  ])('leaves alone an Invoke whose .then reads FunctionError or hands the answer on: %s', (then) => {
    // Arrange
    const source = `const lambda = new (require('aws-sdk').Lambda)();\nmodule.exports = async () => lambda.invoke({ FunctionName: 'f' }).promise()${then};`;

    // Act
    const lines = reported(source);

    // Assess
    expect(lines).toEqual([]);
  });

  it.each([
    // Another `params` (a loop's own `let`) is not the one sent; the sent one is asynchronous.
    "params = { FunctionName: 'x', InvocationType: 'Event' };\nfor (const r of event.Records) { let params; params = { FunctionName: r.body }; }\nawait lambda.invoke(params).promise();",
    "params = { FunctionName: 'z' };\nparams.InvocationType = 'Event';\nawait lambda.invoke(params).promise();",
  ])('leaves alone an Invoke whose params are not known to be synchronous: %s', (body) => {
    // Arrange
    const source = `const lambda = new (require('aws-sdk').Lambda)();\nmodule.exports = async (event) => {\n${body}\n};`;

    // Act
    const lines = reported(source);

    // Assess
    expect(lines).toEqual([]);
  });

  it.each([
    [
      "var params = { FunctionName: 'f' };\nmodule.exports = async () => {\nawait lambda.invoke(params).promise();\n};",
      'm.js',
    ],
    [
      "module.exports = async () => {\nawait v3.invoke({ FunctionName: 'f' }).then((d) => JSON.parse(d.Payload));\n};",
      'm.js',
    ],
    [
      "export const f = async () => {\nreturn lambda.invoke({ FunctionName: 'f' }).promise().then((data) => JSON.parse((data as any).Payload));\n};",
      'm.ts',
    ],
    [
      "export const f = async () => {\nreturn lambda.invoke({ FunctionName: 'f' }).promise().then((data) => JSON.parse(data!.Payload));\n};",
      'm.ts',
    ],
  ])('reports on line 4 %s', (body, file) => {
    // Arrange
    const source = `const { Lambda } = require('@aws-sdk/client-lambda');\nconst lambda = new (require('aws-sdk').Lambda)();\nconst v3 = new Lambda({});\n${body}`;

    // Act
    const lines = reported(source, file);

    // Assess
    expect(lines).toEqual([source.split('\n').findIndex((l) => l.includes('invoke(')) + 1]);
  });

  it.each(["'Event'", "'DryRun'"])('leaves alone an Invoke with InvocationType %s', (type) => {
    // Arrange
    const source = `const lambda = new (require('aws-sdk').Lambda)();\nmodule.exports = async () => { await lambda.invoke({ FunctionName: 'f', InvocationType: ${type} }).promise(); };`;

    // Act
    const lines = reported(source);

    // Assess
    expect(lines).toEqual([]);
  });
});

describe('an Invoke whose InvocationType is the helper parameter', () => {
  /** The conditions the rule reports the send with. */
  const conditioned = (source: string) => {
    const ctx = contextOf(source, 'm.ts');
    const found: unknown[] = [];
    invokeResultRule(ctx, (_rule, _node, _message, extra) => found.push(extra?.onlyIfCallerOmits));
    return found;
  };

  it('is reported, kept when some caller passes no type or RequestResponse', () => {
    expect(
      conditioned(`export async function invokeLambda(name: string, event: unknown, invocationType?: string) {
  const { Payload } = await client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event), InvocationType: invocationType }));
  return Payload;
}`),
    ).toEqual([
      {
        names: ['invokeLambda'],
        local: 'invokeLambda',
        arg: 2,
        untimedArgs: ["'RequestResponse'", '"RequestResponse"', 'InvocationType.RequestResponse'],
      },
    ]);
  });

  it.each([
    [
      "a type defaulting to 'Event'",
      `export async function fire(name: string, invocationType = 'Event') {
  const { Payload } = await client.send(new InvokeCommand({ FunctionName: name, InvocationType: invocationType }));
  return Payload;
}`,
    ],
    [
      'a helper that tests the type itself and waits on its own branch',
      `export async function invokeService(name: string, invocationType: string) {
  const params = { FunctionName: name, InvocationType: invocationType };
  if (invocationType === 'RequestResponse') {
    const res = await lambda.invoke(params).promise();
    if (res.FunctionError) throw new Error(res.FunctionError);
    return res.Payload;
  }
  await lambda.invoke(params).promise();
}`,
    ],
  ])('is not judged for %s', (_, source) => {
    expect(conditioned(source)).toEqual([]);
  });
});
