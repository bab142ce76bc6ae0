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
    [
      'async function f() { let p; p = { A: 1 }; p = { FunctionName: "b" }; return lambda.invoke(p); }',
      'ObjectExpression',
    ],
    ['async function f() { lambda.invoke(params); params = { FunctionName: "a" }; }', 'Identifier'],
    ['async function f(params) { return lambda.invoke(params); }', 'Identifier'],
  ])('%s -> %s', (source, type) => {
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

  it.each(["'Event'", "'DryRun'"])('leaves alone an Invoke with InvocationType %s', (type) => {
    // Arrange
    const source = `const lambda = new (require('aws-sdk').Lambda)();\nmodule.exports = async () => { await lambda.invoke({ FunctionName: 'f', InvocationType: ${type} }).promise(); };`;

    // Act
    const lines = reported(source);

    // Assess
    expect(lines).toEqual([]);
  });
});
