// swallowed-error: a remote answer that fails its schema (`Schema.safeParse(await fetchPage())`) is only
// logged, and the generator or loop that reads the pages just stops (`return;`, `break`): an error answer, a
// 429 or a changed format ends the poll with the items read so far, and the run reports success.
import { type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLogCall, isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

const PARSE = /^safeParse(Async)?$/;
const LOOP = /^(For|ForOf|ForIn|While|DoWhile)Statement$/;

/** The parsed value came from elsewhere: the argument awaits, or names a const that was awaited. */
function parsesRemote(ctx: ModuleContext, call: Node): boolean {
  const arg = unwrap(call.arguments[0]);
  if (arg === undefined) return false;
  if (arg.type === 'AwaitExpression' || someDescendant(arg, (n) => n.type === 'AwaitExpression', true))
    return true;
  const init = arg.type === 'Identifier' ? ctx.resolve(arg.name as string, arg)?.init : undefined;
  return unwrap(init)?.type === 'AwaitExpression';
}

/** `!success`, `!result.success`, `success === false`: the test names the failed parse. */
function testsFailure(test: Node | undefined, success: (n: Node | undefined) => boolean): boolean {
  const t = unwrap(test);
  if (t?.type === 'UnaryExpression' && t.operator === '!') return success(unwrap(t.argument));
  if (t?.type === 'BinaryExpression' && /^===?$/.test(t.operator as string))
    return (
      (success(unwrap(t.left)) && unwrap(t.right)?.value === false) ||
      (success(unwrap(t.right)) && unwrap(t.left)?.value === false)
    );
  return false;
}

/** The branch logs and stops with nothing: `{ log(...); return; }`, `{ log(...); break; }`. */
function logsAndStops(branch: Node): boolean {
  const statements = branch.type === 'BlockStatement' ? (branch.body as Node[]) : [branch];
  const last = statements.at(-1);
  const stops =
    last?.type === 'BreakStatement' ||
    (last?.type === 'ReturnStatement' &&
      (last.argument == null ||
        (unwrap(last.argument)?.type === 'Identifier' && last.argument.name === 'undefined')));
  const before = statements.slice(0, -1);
  return stops && before.some((s) => isLogCall(s)) && before.every((s) => isObservation(s));
}

/** The `if` sits in a generator, or in a loop of the function: stopping there drops the pages not read. */
function stopsReading(ctx: ModuleContext, at: Node, fn: Node): boolean {
  if (fn.generator === true) return true;
  for (let n = ctx.parentOf(at); n !== undefined && n !== fn; n = ctx.parentOf(n))
    if (LOOP.test(n.type)) return true;
  return false;
}

/**
 * Reports each failed parse of a remote answer that a generator or a loop on a handler path only logs
 * before it stops.
 *
 * @example
 * parseFailureRule(ctx, report) // `if (!success) { console.error(...); return; }` in `async function* pages()`
 */
export function parseFailureRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('safeParse')) return;
  // Two parses in one function may bind the same name (`const { success } = ...` per page): one finding each.
  const judged = new Set<Node>();
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression' || !PARSE.test(propertyName(callee.property) ?? '')) continue;
    if (!parsesRemote(ctx, call)) continue;
    const { parent } = ctx.climb(
      call,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    const id = parent?.type === 'VariableDeclarator' ? (parent.id as Node) : undefined;
    let success: (n: Node | undefined) => boolean;
    if (id?.type === 'Identifier')
      success = (n) =>
        n?.type === 'MemberExpression' &&
        unwrap(n.object)?.name === id.name &&
        propertyName(n.property, n.computed as boolean) === 'success';
    else if (id?.type === 'ObjectPattern') {
      const prop = (id.properties as Node[]).find(
        (p) => p.type === 'Property' && propertyName(p.key, p.computed as boolean) === 'success',
      );
      const local = unwrap(prop?.value)?.name as string | undefined;
      if (local === undefined) continue;
      success = (n) => n?.type === 'Identifier' && n.name === local;
    } else continue;
    const fn = ctx.enclosingFunction(call);
    if (fn === undefined) continue;
    someDescendant(
      fn.body as Node,
      (n) => {
        if (n.type !== 'IfStatement' || n.start < call.end || judged.has(n) || !testsFailure(n.test, success))
          return false;
        judged.add(n);
        if (!logsAndStops(n.consequent as Node) || !stopsReading(ctx, n, fn)) return false;
        // A helper module's loop: on the handler path when a handler elsewhere calls an export reaching it.
        const exported = ctx.handlerKindAt(n) === undefined ? exportsReaching(ctx, n, true) : [];
        if (ctx.handlerKindAt(n) !== undefined || exported.length > 0)
          report(
            'swallowed-error',
            n,
            'a remote answer that fails its schema is only logged and the reading stops: the pages or items not read are dropped while the run reports success',
            exported.length > 0 ? { onlyIfExportOnHandlerPath: exported } : undefined,
          );
        return false;
      },
      true,
    );
  }
}
