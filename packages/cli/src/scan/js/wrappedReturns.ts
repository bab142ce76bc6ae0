// A function handed to a wrapper that calls it and answers what it answers: `export const assumeRole =
// zod(schema, async (id) => { ... return { credentials, region } })`, where the project's own `zod` returns
// `(input) => func(schema.parse(input))`. Validation, tracing and error-mapping helpers are written this
// way; what a caller gets from the export is what the wrapped function returns, so SDK client options built
// from its answer are read from that function. The wrapper is trusted only when its own body shows the
// forwarding (a returned function whose every return is a call of that parameter), never by its name.
import { isFunction, memberPath, type Node, unwrap } from './ast.js';
import type { ImportRef, OptionsFact } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { returnedValues } from './returnedValues.js';
import { importRefOf, returnFact } from './sdkOptions.js';

/** `fn(...)`, `await fn(...)`, `fn.apply(fn, [...])`, `fn.call(this, ...)`: the called identifier. */
function calledName(value: Node): Node | undefined {
  let v = unwrap(value);
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument as Node);
  if (v?.type !== 'CallExpression') return undefined;
  let callee = unwrap(v.callee as Node);
  const path = memberPath(callee);
  if (
    callee?.type === 'MemberExpression' &&
    path?.length === 2 &&
    (path[1] === 'apply' || path[1] === 'call')
  )
    callee = unwrap(callee.object as Node);
  return callee?.type === 'Identifier' ? callee : undefined;
}

/**
 * The index of the parameter whose call's answer `wrapper` hands back through the function it returns
 * (`zod(schema, func)` returning `(input) => { ...; return func(parsed) }`), or undefined.
 *
 * @example
 * forwardedParam(ctx, zodDeclaration) // 1
 */
export function forwardedParam(ctx: ModuleContext, wrapper: Node): number | undefined {
  const outer = returnedValues(wrapper);
  if (outer?.length !== 1) return undefined;
  const inner = ctx.functionOf(outer[0] as Node);
  if (inner === undefined || inner === wrapper) return undefined;
  const calls = returnedValues(inner);
  if (calls === undefined) return undefined;
  let index: number | undefined;
  for (const value of calls) {
    const id = calledName(value);
    const b = id === undefined ? undefined : ctx.resolve(id.name as string, id);
    if (b?.kind !== 'param' || b.scope !== wrapper) return undefined;
    const i = (wrapper.params as Node[]).findIndex(
      (p) => p === b.declaration || unwrap(p.left) === b.declaration,
    );
    if (i === -1 || (index !== undefined && index !== i)) return undefined;
    index = i;
  }
  return index;
}

/**
 * The options an export built as `wrapper(..., fn)` answers: `fn`'s returned options, kept when a
 * module-local wrapper forwards `fn`, or handed to the project pass with the imported wrapper to check
 * (`through`). Undefined when the last argument is not a function or its returns are not options.
 */
export function wrappedOptions(
  ctx: ModuleContext,
  call: Node,
): (OptionsFact & { readonly through?: { readonly ref: ImportRef; readonly param: number } }) | undefined {
  const args = call.arguments as Node[];
  const param = args.length - 1;
  const fn = unwrap(args[param]);
  if (param < 0 || !isFunction(fn)) return undefined;
  const fact = returnFact(ctx, fn as Node);
  if (fact === undefined || fact.param !== undefined) return undefined;
  const local = ctx.functionOf(call.callee as Node);
  if (local !== undefined) return forwardedParam(ctx, local) === param ? fact : undefined;
  const ref = importRefOf(ctx, call.callee as Node);
  return ref === undefined ? undefined : { ...fact, through: { ref, param } };
}
