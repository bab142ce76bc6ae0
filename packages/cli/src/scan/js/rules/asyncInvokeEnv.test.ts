// Which environment variables a module invokes functions by with 'Event' (asyncInvokeEnvRules).
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { asyncInvokeEnvRules } from './asyncInvokeEnv.js';

/** The variables the module is noted invoking by asynchronously. */
function invoked(source: string): string[] {
  const ctx = contextOf(source, '/app/src/validator.js');
  asyncInvokeEnvRules(ctx, () => {});
  return [...ctx.asyncInvokedEnv];
}

const HELPER = `async function invokeLambda(functionName, payload) {
  await client.send(new InvokeCommand({ FunctionName: functionName, InvocationType: TYPE, Payload: JSON.stringify(payload) }));
}
`;

describe('asyncInvokeEnvRules', () => {
  it.each([
    [
      'a direct read',
      "send({ FunctionName: process.env.NOTIFY_FN, InvocationType: 'Event' });",
      ['NOTIFY_FN'],
    ],
    [
      "a local helper's parameter, the variable handed with a fallback name",
      `${HELPER.replace('TYPE', "'Event'")}await invokeLambda(process.env.EXECUTOR_FN || 'Executor', body);`,
      ['EXECUTOR_FN'],
    ],
    [
      'a local arrow helper called with two variables',
      "const fire = async (name, body) => lambda.invoke({ FunctionName: name, InvocationType: 'Event', Payload: body }).promise();\nawait fire(process.env.A_FN, x);\nawait fire(process.env.B_FN ?? 'b', y);",
      ['A_FN', 'B_FN'],
    ],
    [
      'the position the helper takes the name at, among other calls handed variables',
      "async function run(bucket, functionName) {\n  await lambda.invoke({ FunctionName: functionName, InvocationType: 'Event' }).promise();\n}\nawait run(process.env.BUCKET, process.env.WORKER_FN);\nrecord(process.env.STAGE, process.env.AUDIT_FN);",
      ['WORKER_FN'],
    ],
  ])('notes %s', (_, source, expected) => {
    expect(invoked(source)).toEqual(expected);
  });

  it.each([
    [
      'a helper that invokes with RequestResponse',
      `${HELPER.replace('TYPE', "'RequestResponse'")}await invokeLambda(process.env.EXECUTOR_FN, body);`,
    ],
    [
      'a helper handed a literal name',
      `${HELPER.replace('TYPE', "'Event'")}await invokeLambda('Executor', body);`,
    ],
    [
      'a variable that is only the guard of an &&',
      `${HELPER.replace('TYPE', "'Event'")}await invokeLambda(process.env.ENABLED && 'Executor', body);`,
    ],
  ])('notes nothing for %s', (_, source) => {
    expect(invoked(source)).toEqual([]);
  });
});
