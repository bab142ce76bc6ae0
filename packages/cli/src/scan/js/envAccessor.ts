// The environment variable a call of a project's one-parameter accessor reads: `env('IMPORTER_FN')` with
// `function env(name) { const v = process.env[name]; if (!v) throw new Error(...); return v; }`, or
// `const requireEnv = (n: string) => process.env[n] ?? ''`. Services that fail fast on a missing variable
// write one such function and read every variable through it, so the call stands for `process.env.IMPORTER_FN`
// wherever the rules read a variable's name (envVariable.ts).
import { forEachDescendant, isFunction, memberPath, type Node, stringValue, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** `process.env[param]`, the accessor's read of the variable its caller names. */
function readsParam(node: Node | undefined, param: string): boolean {
  const n = unwrap(node);
  if (n?.type !== 'MemberExpression' || n.computed !== true) return false;
  const key = unwrap(n.property as Node);
  return (
    key?.type === 'Identifier' &&
    key.name === param &&
    memberPath(unwrap(n.object as Node))?.join('.') === 'process.env'
  );
}

/**
 * What the accessor answers is the read: `process.env[param]` itself, through a const holding it, or with a
 * fallback (`?? ''`, `|| 'dev'`), a non-null assertion or a cast (unwrapped).
 */
function answersRead(ctx: ModuleContext, value: Node | undefined, param: string, depth = 0): boolean {
  const v = unwrap(value);
  if (v === undefined || depth > 3) return false;
  if (readsParam(v, param)) return true;
  if (v.type === 'LogicalExpression' && v.operator !== '&&')
    return answersRead(ctx, v.left as Node, param, depth + 1);
  if (v.type === 'Identifier') {
    const held = ctx.valueOf(v);
    return held !== v && answersRead(ctx, held, param, depth + 1);
  }
  return false;
}

/**
 * The function is an accessor: one plain parameter, and every value it returns (its own `return`s, or an
 * arrow's expression) is the variable that parameter names.
 */
function isAccessor(ctx: ModuleContext, fn: Node): boolean {
  const params = fn.params as Node[];
  const param = params.length === 1 ? unwrap(params[0]) : undefined;
  if (param?.type !== 'Identifier') return false;
  const name = param.name as string;
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return answersRead(ctx, body, name);
  const returned: (Node | undefined)[] = [];
  // Its own returns: a nested function's answer is not the accessor's.
  forEachDescendant(
    body,
    (n) => {
      if (n.type === 'ReturnStatement') returned.push(n.argument as Node | undefined);
      return undefined;
    },
    true,
  );
  return returned.length > 0 && returned.every((r) => answersRead(ctx, r, name));
}

/**
 * The variable a call of a module-local accessor names with a literal; undefined for any other expression.
 * @example
 * // function env(n: string) { const v = process.env[n]; if (!v) throw new Error(n); return v; }
 * accessorEnvName(ctx, callOf("env('IMPORTER_FN')")) // 'IMPORTER_FN'
 */
export function accessorEnvName(ctx: ModuleContext, node: Node | undefined): string | undefined {
  const call = unwrap(node);
  if (call?.type !== 'CallExpression' || (call.arguments as Node[]).length !== 1) return undefined;
  const variable = stringValue((call.arguments as Node[])[0]);
  // A template with a part the code computes (stringValue's placeholder) names no one variable.
  if (variable === undefined || variable.includes('\u0024{}')) return undefined;
  const fn = ctx.functionOf(call.callee as Node);
  return fn !== undefined && isFunction(fn) && isAccessor(ctx, fn) ? variable : undefined;
}
