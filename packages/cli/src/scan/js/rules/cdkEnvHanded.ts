// Functions a CDK stack hands to another function through an environment variable
// (`environment: { NOTIFY_FN: notify.functionName }`, `api.addEnvironment('NOTIFY_FN', notify.functionArn)`):
// read once per module for asyncInvokeEnv.ts (which handler a variable names) and cdkEnvInvoked.ts
// (iac-missing-dlq for a function the holder's code invokes asynchronously).
import { type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The function whose `functionName` or `functionArn` a value reads, through a local constant.
 * @example
 * referencedFunction(ctx, `dispatch.functionArn`) // the `dispatch` expression
 */
export function referencedFunction(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  const v = unwrap(ctx.valueOf(value));
  if (v?.type !== 'MemberExpression') return undefined;
  const field = propertyName(v.property as Node, v.computed as boolean);
  return field === 'functionName' || field === 'functionArn' ? (v.object as Node) : undefined;
}

/** One variable handing a function, with the construct whose environment holds it (when one is seen). */
export interface EnvHanded {
  readonly fn: Node;
  readonly variable: string;
  /** `new NodejsFunction(this, id, { environment })`, or the `api` of `api.addEnvironment(...)`. */
  readonly holder: Node | undefined;
}

/** One entry of an `environment` object or `addEnvironment` call, with its holder (when one is seen). */
export interface EnvEntry {
  readonly variable: string;
  readonly value: Node | undefined;
  readonly holder: Node | undefined;
}

const cache = new WeakMap<ModuleContext, EnvEntry[]>();

/**
 * Each environment variable the module sets: the entries of an `environment` object and the
 * `x.addEnvironment(NAME, value)` calls, read once per module.
 * @example
 * environmentEntries(ctx) // [{ variable: 'JOBS_URL', value: `jobs.queueUrl`, holder: `new NodejsFunction(...)` }]
 */
export function environmentEntries(ctx: ModuleContext): readonly EnvEntry[] {
  const known = cache.get(ctx);
  if (known !== undefined) return known;
  const out: EnvEntry[] = [];
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node, p.computed as boolean) !== 'environment') continue;
    // `new NodejsFunction(this, id, { ..., environment })`: the construct the props are written into.
    const ctor = ctx.parentOf(ctx.parentOf(p) as Node);
    const holder = ctor?.type === 'NewExpression' ? ctor : undefined;
    for (const [variable, value] of objectProps(ctx.valueOf(p.value as Node))?.props ?? [])
      out.push({ variable, value, holder });
  }
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (
      callee?.type !== 'MemberExpression' ||
      propertyName(callee.property as Node, false) !== 'addEnvironment'
    )
      continue;
    const [key, value] = call.arguments as Node[];
    const variable = stringValue(ctx.valueOf(key) ?? key);
    if (variable !== undefined) out.push({ variable, value, holder: callee.object as Node });
  }
  cache.set(ctx, out);
  return out;
}

/**
 * Each environment variable of the module that names a function, with the function and its holder.
 * @example
 * envHandedFunctions(ctx) // [{ fn: `notify`, variable: 'NOTIFY_FN', holder: `new NodejsFunction(this, 'Api', ...)` }]
 */
export function envHandedFunctions(ctx: ModuleContext): readonly EnvHanded[] {
  const out: EnvHanded[] = [];
  for (const { variable, value, holder } of environmentEntries(ctx)) {
    const fn = referencedFunction(ctx, value);
    if (fn !== undefined) out.push({ fn, variable, holder });
  }
  return out;
}
