// swallowed-error for a batch API sent in the aws-sdk v2 callback style (`sqs.sendMessageBatch(params,
// (err, data) => {...})`): the entries the API refused are only in the callback's second argument
// (rules/batchApis.ts names the field), so a callback that takes no answer, only prints it, or hands it
// on raw as a Lambda handler's result (`callback(null, data)`: no trigger but an API reads that, and an
// API would need a status) loses them while the invocation succeeds. rules/partialBatch.ts judges the
// promise and v3 spellings; a callback that hands the answer to a promise leaves it to that promise's caller.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { isKeyName } from '../keyNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersData, answersSuccess, lostWhat, V2_FAILURE_FIELD } from './batchApis.js';
import { onlyOtherFields, printedReference } from './batchResultUse.js';
import { isHandlerCallback } from './callbackResult.js';
import type { Rule } from './Report.js';
import { sdkCallWithCallback } from './sdkCallbackAnswers.js';

/**
 * `callback(null, data)` where `callback` is the third parameter of an entry handler of the module, the
 * Lambda handler's `(event, context, callback)` (callbackResult.ts): the answer becomes the invocation's result.
 */
function answeredRaw(ctx: ModuleContext, reference: Node): boolean {
  const call = ctx.parentOf(reference);
  const args = call?.type === 'CallExpression' ? (call.arguments as Node[]) : [];
  const callee = call === undefined ? undefined : unwrap(call.callee);
  if (args[1] !== reference || unwrap(args[0])?.type !== 'Literal' || callee?.type !== 'Identifier')
    return false;
  return unwrap(args[0])?.value === null && isHandlerCallback(ctx, callee);
}

/** Why the callback loses the failed entries, or undefined when it looks at (or hands on) its answer. */
function lostIn(
  ctx: ModuleContext,
  callback: Node,
  field: string,
  method: string,
): 'unread' | 'printed' | undefined {
  const data = unwrap((callback.params as Node[])[1]);
  if (data === undefined) return 'unread';
  if (data.type !== 'Identifier') return undefined;
  const body = callback.body as Node;
  // Reading only the data beside the leftovers (`data.Responses.T`, `data.SecretValues`) is not looking.
  if (answersData(field, method) && onlyOtherFields(ctx, body, data.name as string, field, body.start))
    return 'unread';
  let printed = false;
  const kept = someDescendant(body, (n) => {
    if (n.type !== 'Identifier' || n.name !== data.name) return false;
    // `data.Failed`: looked at; `x.data`, `{ data: 1 }`: another name.
    if (isKeyName(ctx, n)) return false;
    if (printedReference(ctx, body, n)) {
      printed = true;
      return false;
    }
    return !answeredRaw(ctx, n);
  });
  if (kept) return undefined;
  const reads = someDescendant(
    body,
    (n) => n.type === 'MemberExpression' && unwrap(n.property as Node)?.name === field,
  );
  if (reads) return undefined;
  return printed ? 'printed' : 'unread';
}

/**
 * @example
 * sqs.sendMessageBatch(params, (err, data) => { if (err) return cb(err); cb(null, data) }) // reported
 */
export const batchCallbackRules: Rule = (ctx, report) => {
  // Through the module's word index (ctx.spells, exactly `includes`): most modules lack these words, and
  // each plain `includes` searched the whole text.
  if (!ctx.spells('aws-sdk') || !Object.keys(V2_FAILURE_FIELD).some((m) => ctx.spells(`.${m}(`))) return;
  for (const call of ctx.of('CallExpression')) {
    const method = sdkCallWithCallback(ctx, call);
    const field = method === undefined ? undefined : V2_FAILURE_FIELD[method];
    const callback = unwrap((call.arguments as Node[]).at(-1));
    if (field === undefined || callback === undefined || !isFunction(callback)) continue;
    const lost = lostIn(ctx, callback, field, method as string);
    if (lost === undefined) continue;
    report(
      'swallowed-error',
      call,
      lost === 'printed'
        ? `${answersSuccess(method as string)}: the callback only logs its answer and never looks at ${field}, ${lostWhat(method as string)}`
        : `${answersSuccess(method as string)}: the callback never looks at ${field} in its answer, ${lostWhat(method as string)}`,
    );
  }
};
