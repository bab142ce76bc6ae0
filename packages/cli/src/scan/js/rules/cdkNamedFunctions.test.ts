// A function handed to code by its deployed name written out (`SELF_FN: 'orders-api'`), and the variable a
// self-invoking handler reads behind a written fallback.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { asyncInvokeEnvRules } from './asyncInvokeEnv.js';
import { envHandedFunctions } from './cdkEnvHanded.js';

const STACK = (body: string) => `import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Function } from 'aws-cdk-lib/aws-lambda';
export class S { constructor() {
${body}
} }
`;

/** The variables of the stack that hand a function, each with the line of the construct it names. */
function handed(body: string): [string, number][] {
  const ctx = contextOf(STACK(body), '/app/lib/stack.ts');
  return envHandedFunctions(ctx).map(({ variable, fn }) => [variable, ctx.position(fn.start as number).line]);
}

describe('namedFunction, through envHandedFunctions', () => {
  it('names the one construct deployed under the literal, its own environment included', () => {
    expect(
      handed(`const api = new NodejsFunction(this, 'Api', { functionName: 'orders-api', entry: 'src/api.ts',
  environment: { SELF_FN: 'orders-api', TABLE: 'orders' } });`),
    ).toEqual([['SELF_FN', 4]]);
  });
  it('names a sibling built under a const name', () => {
    expect(
      handed(`const NAME = 'orders-worker';
const worker = new Function(this, 'Worker', { functionName: NAME, handler: 'index.handler' });
const api = new NodejsFunction(this, 'Api', { entry: 'src/api.ts', environment: { WORKER_FN: 'orders-worker' } });`),
    ).toEqual([['WORKER_FN', 5]]);
  });
  it.each([
    [
      'no construct has the name',
      `const api = new NodejsFunction(this, 'Api', { environment: { SELF_FN: 'orders-api' } });`,
    ],
    [
      'two constructs share it',
      `new NodejsFunction(this, 'A', { functionName: 'dup' });
const b = new NodejsFunction(this, 'B', { functionName: 'dup', environment: { SELF_FN: 'dup' } });`,
    ],
    [
      'the name is built at deploy time',
      `const api = new NodejsFunction(this, 'Api', { functionName: \`\${stage}-api\`, environment: { SELF_FN: \`\${stage}-api\` } });`,
    ],
    [
      'the construct is not a function',
      `new Queue(this, 'Q', { functionName: 'jobs' });
const api = new NodejsFunction(this, 'Api', { environment: { JOBS: 'jobs' } });`,
    ],
  ])('names nothing when %s', (_why, body) => {
    expect(handed(body)).toEqual([]);
  });
});

/** The variables an invoking module notes as asynchronously invoked. */
function invokedBy(source: string): string[] {
  const ctx = contextOf(source, '/app/src/api/routes.ts');
  asyncInvokeEnvRules(ctx, () => {});
  return [...ctx.asyncInvokedEnv];
}

describe('asyncInvokeEnvRules, a FunctionName with a written fallback', () => {
  it.each([
    ['||', "process.env.SELF_FN || 'orders-api'"],
    ['??', "process.env.SELF_FN ?? 'orders-api'"],
  ])('reads the variable behind %s', (_op, init) => {
    expect(
      invokedBy(`const SELF = ${init};
export const kick = (lambda) => lambda.send(new InvokeCommand({ FunctionName: SELF, InvocationType: 'Event' }));`),
    ).toEqual(['SELF_FN']);
  });
  it('reads no variable behind a fallback that is not a written name, or a wait for the answer', () => {
    expect(
      invokedBy(`const SELF = process.env.SELF_FN || other();
const B = process.env.B_FN || 'b';
export const kick = (lambda) => lambda.send(new InvokeCommand({ FunctionName: SELF, InvocationType: 'Event' }));
export const ask = (lambda) => lambda.send(new InvokeCommand({ FunctionName: B, InvocationType: 'RequestResponse' }));`),
    ).toEqual([]);
  });
});

describe('asyncInvokeEnvRules, the handlers a stack hands by name', () => {
  it('wires a sibling named by its literal name, not a function handed its own name', () => {
    const ctx = contextOf(
      STACK(`new NodejsFunction(this, 'Worker', { functionName: 'shop-worker', entry: 'src/worker.ts' });
const api = new NodejsFunction(this, 'Api', { functionName: 'shop-api', entry: 'src/api.ts',
  environment: { WORKER_FN: 'shop-worker', SELF_FN: 'shop-api' } });`),
      '/app/lib/stack.ts',
    );
    asyncInvokeEnvRules(ctx, () => {});
    expect(ctx.envFunctions.map(([variable]) => variable)).toEqual(['WORKER_FN']);
  });
});
