// A function that takes a batch event and only converts it: synchronous, it returns a value built from the
// records (`createReceiveOutput(event: SQSEvent): ReceiveMessageCommandOutput`) and reaches nothing outside
// the process. Lambda cannot have handed it a batch to acknowledge (a Lambda handler answers through a
// promise or a callback), and nothing in it can fail a record for a transient reason: whoever calls it and
// does the work with the answer is the consumer, judged where it is. So is the caller of a runner handed
// its work that returns the failed items for that caller to answer (answersForCaller).
import { isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Globals whose methods compute in the process (`Object.keys`, `JSON.parse`, `Buffer.from`). */
const PURE_GLOBALS = new Set(['Object', 'JSON', 'Array', 'Math', 'String', 'Number', 'Buffer', 'Date']);

/** Is this call one the process answers itself: a method of a value or of a pure global, no I/O? */
function computes(ctx: ModuleContext, call: Node, fn: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return false;
  let root = unwrap(callee.object as Node);
  while (root?.type === 'MemberExpression' || root?.type === 'CallExpression')
    root = unwrap((root.type === 'CallExpression' ? root.callee : root.object) as Node);
  if (root?.type !== 'Identifier') return true;
  const name = root.name as string;
  if (PURE_GLOBALS.has(name)) return ctx.resolve(name, root) === undefined;
  // `Promise.resolve(value)` hands a computed value back through the promise an interface asks for
  // (a converter's `convertFrom(event: SQSEvent)`); it starts nothing.
  if (name === 'Promise' && callee.object === root)
    return (
      propertyName(callee.property as Node, callee.computed as boolean) === 'resolve' &&
      ctx.resolve(name, root) === undefined
    );
  // A method of a value the function declares or is given (`event.Records.map`, `out.push`) is computation;
  // one of a module-scope client (`sqs.send`) or an import is not.
  const b = ctx.resolve(name, root);
  return b !== undefined && b.declaration.start >= fn.start && b.declaration.end <= fn.end;
}

/**
 * Does the function only convert its event: not async, no await, no `new`, no throw, every call a
 * computation on values (no imported or module function, no callback), and a returned value?
 * @example
 * // export function toOutput(event: SQSEvent) { return { Messages: event.Records.map((r) => ({ Body: r.body })) } } -> true
 */
export function onlyConverts(ctx: ModuleContext, fn: Node): boolean {
  if (fn.async === true || fn.generator === true) return false;
  const body = fn.body as Node;
  const returns =
    body.type !== 'BlockStatement' ||
    (body.body as Node[]).some((s) => s.type === 'ReturnStatement' && s.argument != null);
  if (!returns) return false;
  return !someDescendant(body, (n) => {
    if (
      n.type === 'AwaitExpression' ||
      n.type === 'YieldExpression' ||
      n.type === 'NewExpression' ||
      n.type === 'ThrowStatement'
    )
      return true;
    if (n.type !== 'CallExpression') return false;
    // Callbacks of the array methods are walked as part of the body: their calls are judged the same way.
    return (
      !computes(ctx, n, fn) ||
      (n.arguments as Node[]).some((a) => isFunction(unwrap(a)) && unwrap(a)?.async === true)
    );
  });
}

/**
 * Is the function a batch runner handed its work: its second parameter is typed as a function (Lambda hands
 * a context object there, never a function), and it returns the list of failed items (`{ itemIdentifier }`
 * objects) for its caller to answer (`return { batchItemFailures: await runBatch(event, work) }`)? Not an
 * entry: the handler that calls it answers, or fails to, where it is.
 * @example
 * // export const runBatch = async (event: SQSEvent, work: (body: string) => Promise<void>) => { ...; return failed } -> true
 */
export function answersForCaller(ctx: ModuleContext, fn: Node): boolean {
  const work = (fn.params as Node[])[1];
  const type = (work?.type === 'AssignmentPattern' ? (work.left as Node) : work)?.typeAnnotation
    ?.typeAnnotation;
  if (type?.type !== 'TSFunctionType') return false;
  const body = fn.body as Node;
  const itemKey = (n: Node) =>
    n.type === 'Property' && propertyName(n.key as Node, n.computed as boolean) === 'itemIdentifier';
  if (!someDescendant(body, itemKey)) return false;
  // The list itself, not an answer built around it (that one is judged as answering batchItemFailures).
  const returned = (n: Node | undefined) => {
    const v = unwrap(ctx.valueOf(n) ?? n);
    return v !== undefined && v.type !== 'ObjectExpression';
  };
  if (body.type !== 'BlockStatement') return returned(body);
  let answers = false;
  someDescendant(
    body,
    (n) => {
      if (n.type === 'ReturnStatement' && n.argument != null) answers ||= returned(n.argument as Node);
      return false;
    },
    true,
  );
  return answers;
}
