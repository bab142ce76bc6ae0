// swallowed-error: a call of a helper that ends its own errors cannot fail the caller's try. An exported
// function of this module whose every call to another system sits in an inner try whose catch does not
// rethrow (`export async function slackApi(...) { try { ... await fetch(...) } catch (e) { log(e) } }`)
// resolves whatever the remote system answers, so a caller's catch around it (`try { await slackApi(...) }
// catch (e) { log(e) }`) is reached only by local errors. The failure is judged once, at the helper's own
// catch. Only exported helpers count: an unexported helper whose every call sits in a try that only logs
// defers to that caller's catch instead (catchAfter.ts feedsOnlyBestEffort), and counting it here too would
// leave the failure judged nowhere.
import { calleeName, forEachDescendant, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { exportNamesOf } from './lambda.js';

/** The call's own arguments reach no other system (`slackApi('POST', url, body)`, not `slackApi(await load())`). */
function localArguments(ctx: ModuleContext, call: Node, isIo: (n: Node) => boolean): boolean {
  let io = false;
  for (const arg of call.arguments as Node[])
    forEachDescendant(arg, (n) => {
      if (io) return false;
      if (isIo(n) && !(n.type === 'AwaitExpression' && selfHandledCall(ctx, unwrap(n.argument), isIo)))
        io = true;
      return !io;
    });
  return !io;
}

/**
 * The call is of an exported function of this module whose body ends the failures of its own calls to
 * other systems (`handledInside` answers for that body), or a `Promise.all` over a list of such calls
 * (`Promise.all(subs.map((s) => postToConnection(s.id, data)))`).
 */
export function selfHandledCall(
  ctx: ModuleContext,
  call: Node | undefined,
  isIo: (n: Node) => boolean,
  handledInside: (block: Node) => boolean = () => false,
): boolean {
  if (call?.type !== 'CallExpression') return false;
  const callee = unwrap(call.callee);
  if (callee?.type === 'MemberExpression' && unwrap(callee.object)?.name === 'Promise') {
    if (!/^(all|allSettled)$/.test(calleeName(call) ?? '')) return false;
    let calls = 0;
    let handled = 0;
    forEachDescendant((call.arguments as Node[])[0], (n) => {
      if (n.type !== 'CallExpression') return true;
      if (/^(map|forEach|filter|flatMap)$/.test(calleeName(n) ?? '')) return true;
      calls++;
      if (selfHandledCall(ctx, n, isIo, handledInside)) handled++;
      return false;
    });
    return calls > 0 && calls === handled;
  }
  if (callee?.type !== 'Identifier') return false;
  const fn = ctx.functionOf(callee);
  if (fn === undefined || exportNamesOf(ctx, fn).length === 0) return false;
  const body = fn.body as Node;
  return body.type === 'BlockStatement' && handledInside(body) && localArguments(ctx, call, isIo);
}
