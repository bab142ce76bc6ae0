// Functions a SAM or CloudFormation template hands to others through an environment variable
// (`NOTIFY_FN: !Ref NotifyFunction`, `!GetAtt NotifyFunction.Arn`): code that invokes by the variable with
// `InvocationType: 'Event'` discards the answer and leaves failed events to the named function
// (js/rules/asyncInvokeEnv.ts). Read once here for cfnAsyncInvokers.ts and unreadAnswerHandlers.ts.
import { type Json, obj } from './IacResult.js';
import { refsIn } from './yamlDocument.js';

/** One variable handing a function: who holds it (undefined for the Globals'), and the function's id. */
export interface EnvHanded {
  readonly variable: string;
  readonly holder: string | undefined;
  readonly target: string;
}

/**
 * The variables of the Globals and of each resource that name another function of the template.
 * @example
 * envHandedFunctions(template) // [{ variable: 'NOTIFY_FN', holder: 'Upload', target: 'Notify' }]
 */
export function envHandedFunctions(template: Record<string, Json>): EnvHanded[] {
  const resources = obj(template.Resources) ?? {};
  const isFunction = (id: string) => /::Function$/.test(String(obj(resources[id])?.Type));
  const holders: [string | undefined, Record<string, Json> | undefined][] = [
    [undefined, obj(obj(obj(obj(template.Globals)?.Function)?.Environment)?.Variables)],
    ...Object.entries(resources).map(([id, r]): [string, Record<string, Json> | undefined] => [
      id,
      obj(obj(obj(obj(r)?.Properties)?.Environment)?.Variables),
    ]),
  ];
  const out: EnvHanded[] = [];
  for (const [holder, vars] of holders)
    for (const [variable, value] of Object.entries(vars ?? {}))
      for (const target of refsIn(value)) if (isFunction(target)) out.push({ variable, holder, target });
  return out;
}

/**
 * The variables some module invokes by with `'Event'`, each with the files that do.
 * @example
 * envInvokers(modules) // Map { 'NOTIFY_FN' => ['/app/src/upload.js'] }
 */
export function envInvokers(
  modules: Iterable<{
    readonly file: string;
    readonly asyncInvokedEnv?: readonly string[];
    readonly scheduledInvokedEnv?: readonly string[];
  }>,
  withScheduled = false,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of modules)
    for (const v of [...(m.asyncInvokedEnv ?? []), ...(withScheduled ? (m.scheduledInvokedEnv ?? []) : [])])
      out.set(v, [...(out.get(v) ?? []), m.file]);
  return out;
}
