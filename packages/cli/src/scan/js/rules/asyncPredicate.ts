// floating-promise: an async function handed to an array's predicate method. `every`, `some`, `filter`,
// `find` and their kin test what the callback returns for truthiness, and an async callback returns a
// promise, which is always truthy: `every` always answers true, `some` true, `filter` keeps every item,
// `find` the first. The callback's work runs on with nobody waiting for it, and a rejection inside it is
// unhandled. Unlike a dropped call this is wrong wherever it runs, not only where the invocation may end.
import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** Array methods whose callback's answer is tested for truthiness, with what a promise makes of them. */
const PREDICATES: Readonly<Record<string, string>> = {
  every: 'every() always answers true',
  some: 'some() always answers true',
  filter: 'filter() keeps every item',
  find: 'find() always answers the first item',
  findLast: 'findLast() always answers the last item',
  findIndex: 'findIndex() always answers 0',
  findLastIndex: 'findLastIndex() always answers the last index',
};

// Bluebird's promise methods (`Promise.map(...).filter(async ...)`), async-iterator libraries and Node's
// stream helpers (`Readable.from(xs).filter(async ...)`, Node >= 17.4) await the callback's promise: a
// module that loads one is not judged, since the receiver's kind is unknown. (Bluebird's statics take the
// iterable first, `Promise.filter(xs, async ...)`, so their callback is never argument 0 and needs no test.)
const AWAITING_LIBRARIES =
  /\brequire\(\s*['"`](bluebird|ix|iter-tools|p-filter|(?:node:)?stream)['"`]|\bfrom\s+['"](bluebird|ix|iter-tools|p-filter|(?:node:)?stream)['"]/;

/**
 * The calls of `ctx` that hand an async function (inline, or a local one by name) to an array predicate
 * method as its callback, each with the message saying what the always-truthy promise does to the answer.
 *
 * @example asyncPredicates(contextOf('const ok = users.every(async (u) => await check(u));'))
 * // [{ call: <the every call>, message: 'every(async ...) ...' }]
 */
export function asyncPredicates(ctx: ModuleContext): { call: Node; message: string }[] {
  if (!/\.(every|some|filter|find\w*)\(/.test(ctx.source) || AWAITING_LIBRARIES.test(ctx.source)) return [];
  const found: { call: Node; message: string }[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    const name = calleeName(call);
    const effect = name === undefined ? undefined : PREDICATES[name];
    if (effect === undefined) continue;
    const cb = ctx.valueOf((call.arguments as Node[])[0]);
    if (cb === undefined || !isFunction(cb) || cb.async !== true) continue;
    found.push({
      call,
      message: `${name}(async ...) tests a promise, which is always truthy: ${effect}, the callback's work is awaited by nobody and a rejection inside it is unhandled`,
    });
  }
  return found;
}

/**
 * Reports each async predicate callback (asyncPredicates). In a module with a handler of its own it is
 * reported where it stands, like a promise's fields read as its answer; in a helper module only when a
 * handler elsewhere reaches the function holding it.
 */
export function asyncPredicateRule(ctx: ModuleContext, report: Report): void {
  const helper = ctx.handlers.size === 0;
  for (const { call, message } of asyncPredicates(ctx)) {
    const reaching = helper ? exportsReaching(ctx, call, true) : undefined;
    if (reaching?.length === 0) continue;
    report(
      'floating-promise',
      call,
      message,
      reaching === undefined ? {} : { onlyIfExportOnHandlerPath: reaching },
    );
  }
}
