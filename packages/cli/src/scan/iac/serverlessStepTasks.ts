// The functions a serverless.yml's state machines run as Task states (the serverless-step-functions plugin's
// `stepFunctions.stateMachines.<name>.definition`): `Resource: { 'Fn::GetAtt': [sweep, Arn] }` names the
// function by its key under `functions`, or by the logical id the framework gives it (`SweepLambdaFunction`).
// A Task state's Retry and Catch act only on a thrown error: a returned failure passes as the task's output,
// so such a function's answer is read by no one who would fail on it (unreadAnswerHandlers.ts).
import { type Json, obj } from './IacResult.js';
import { refsIn } from './yamlDocument.js';

/**
 * The logical id the Framework gives a function's resource: its key with `-` and `_` spelled out, the first
 * letter upper-cased, and `LambdaFunction` after it.
 * @example
 * functionLogicalId('send-digest') // 'SendDashdigestLambdaFunction'
 */
export function functionLogicalId(key: string): string {
  const spelled = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${spelled.charAt(0).toUpperCase()}${spelled.slice(1)}LambdaFunction`;
}

/**
 * Keys of `functions` that some state machine under `stepFunctions` names as a resource.
 *
 * @example
 * serverlessStepTasks({ functions: { sweep: {} }, stepFunctions: { stateMachines: { s: { definition:
 *   { States: { A: { Type: 'Task', Resource: { 'Fn::GetAtt': ['sweep', 'Arn'] } } } } } } } })
 * // Set { 'sweep' }
 */
export function serverlessStepTasks(config: Record<string, Json>): Set<string> {
  const out = new Set<string>();
  const machines = obj(obj(config.stepFunctions)?.stateMachines);
  if (machines === undefined) return out;
  const named = refsIn(Object.values(machines).map((m) => obj(m)?.definition));
  for (const key of Object.keys(obj(config.functions) ?? {}))
    if (named.has(key) || named.has(functionLogicalId(key))) out.add(key);
  return out;
}
