// A function whose catch calls the function again with a value the error carries: CloudWatch Logs'
// `catch (e) { return put(events, e.expectedSequenceToken) }`, or the token parsed out of the error's
// message. No wait is asked (retryRecursion.ts judges only catches that wait): the error itself hands over
// what the next attempt needs, so the code assumes the second call succeeds. Nothing bounds it, though:
// while other writers keep moving the token, every call fails the same way and recurses again until the
// invocation times out and the work is lost.
import { isFunction, type Node, propertyName, rootIdentifier, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { RetrySite } from './retryLibraries.js';
import { bounded, callsSelf, countsAttempts, selfName } from './retryRecursion.js';

/** Whether `arg` is read off the caught error `error` (directly or through a const worked out from it). */
function fromError(ctx: ModuleContext, arg: Node, error: Node): boolean {
  const name = error.name as string;
  const a = unwrap(arg);
  // The error itself handed on (`handle(e)`) is no value taken from it.
  if (a === undefined || (a.type === 'Identifier' && a.name === name)) return false;
  const value = a.type === 'Identifier' ? ctx.valueOf(a) : a;
  if (value === undefined || value.type === 'Identifier') return false;
  const root = rootIdentifier(value);
  return root === name && ctx.resolve(name, value) === ctx.resolve(name, error);
}

/**
 * Whether, before `call`, the catch body stores a value read off `error` on `this` or on a parameter of
 * `fn` (`this.sequenceToken = e.expectedSequenceToken`): the self-call then reads the hint from there.
 */
function storesHint(ctx: ModuleContext, body: Node, call: Node, error: Node, fn: Node): boolean {
  const params = new Set(
    (fn.params as Node[]).map((p) => unwrap(p.type === 'AssignmentPattern' ? p.left : p)?.name as string),
  );
  return someDescendant(
    body,
    (n) => {
      if (n.type !== 'AssignmentExpression' || n.end > call.start) return false;
      const left = unwrap(n.left as Node);
      if (left?.type !== 'MemberExpression') return false;
      let object = unwrap(left.object as Node);
      while (object?.type === 'MemberExpression') object = unwrap(object.object as Node);
      const onOwner =
        object?.type === 'ThisExpression' ||
        (object?.type === 'Identifier' && params.has(object.name as string));
      return onOwner && fromError(ctx, n.right as Node, error);
    },
    true,
  );
}

/** The self-call in `body` handing on a value read off `error`, directly or stored first, if any. */
function againWithErrorValue(
  ctx: ModuleContext,
  body: Node,
  self: { name: string; viaThis: boolean },
  error: Node,
  fn: Node,
): Node | undefined {
  let again: Node | undefined;
  someDescendant(
    body,
    (n) => {
      if (
        again === undefined &&
        n.type === 'CallExpression' &&
        callsSelf(n, self) &&
        ((n.arguments as Node[]).some((a) => fromError(ctx, a, error)) || storesHint(ctx, body, n, error, fn))
      )
        again = n;
      return again !== undefined;
    },
    true,
  );
  return again;
}

/** `(catch body, error parameter)` of a try's catch clause or of a `.catch(err => ...)` callback. */
function caught(ctx: ModuleContext, node: Node): { body: Node; error: Node } | undefined {
  if (node.type === 'CatchClause') {
    const param = unwrap(node.param as Node | undefined);
    return param?.type === 'Identifier' ? { body: node.body as Node, error: param } : undefined;
  }
  const callee = unwrap(node.callee);
  if (callee?.type !== 'MemberExpression' || propertyName(callee.property as Node) !== 'catch')
    return undefined;
  const handler = ctx.valueOf((node.arguments as Node[])[0]);
  const param =
    handler !== undefined && isFunction(handler) ? unwrap((handler.params as Node[])[0]) : undefined;
  return param?.type === 'Identifier' && handler !== undefined
    ? { body: handler.body as Node, error: param }
    : undefined;
}

/** The tests of the `if`s and `? :`s the call sits under, up to the catch body. */
function guards(ctx: ModuleContext, call: Node, body: Node): Node[] {
  const tests: Node[] = [];
  for (let c = call, p = ctx.parentOf(call); p !== undefined && c !== body; c = p, p = ctx.parentOf(p))
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.test !== c)
      tests.push(p.test as Node);
  return tests;
}

/**
 * Beyond a counter or a flag (`bounded`): the parameter the hint comes back in is tested before the catch
 * (`if (failure) return notify(event, failure)`: the second call takes another branch), or a guard compares
 * a parameter with undefined/null (`region === undefined`: the second call passes one, so it stops).
 */
function boundedHint(ctx: ModuleContext, fn: Node, again: Node, c: { body: Node; error: Node }): boolean {
  const tests = guards(ctx, again, c.body);
  if (bounded(ctx, fn, again, tests)) return true;
  const params = (fn.params as Node[]).map((p) => unwrap(p.type === 'AssignmentPattern' ? p.left : p));
  const names = params.flatMap((p) => (p?.type === 'Identifier' ? [p.name as string] : []));
  const nullish = (name: string) =>
    new RegExp(`(?:^|[^\\w$])${name.replace(/\$/g, '\\$')}\\s*[!=]==?\\s*(?:undefined|null)\\b`);
  const texts = tests.map((t) =>
    ctx.source.slice(t.start, t.end).replace(/\b(undefined|null)\s*([!=]==?)\s*([\w$]+)/g, '$3 $2 $1'),
  );
  if (texts.some((t) => names.some((n) => nullish(n).test(t)))) return true;
  const hinted = (again.arguments as Node[]).flatMap((a, i) => {
    const p = params[i];
    return fromError(ctx, a, c.error) && p?.type === 'Identifier' ? [p.name as string] : [];
  });
  const isHinted = (x: Node) => x.type === 'Identifier' && hinted.includes(x.name as string);
  return someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'IfStatement' &&
      n.end <= c.body.start &&
      (isHinted(n.test as Node) || someDescendant(n.test as Node, isHinted, true)),
  );
}

/**
 * Recursions on an error's own hint, unbounded when the function counts nothing (no `attempt`, `retries`,
 * `count` compared anywhere in it).
 *
 * @example
 * errorHintRecursions(ctx) // catch (e) { if (e.expectedSequenceToken) return put(id, e.expectedSequenceToken) } -> [site]
 */
export function errorHintRecursions(ctx: ModuleContext): RetrySite[] {
  if (!ctx.spells('catch')) return [];
  const sites: RetrySite[] = [];
  const nodes = [...ctx.of('CatchClause'), ...ctx.of('CallExpression')];
  for (const node of nodes) {
    const c = caught(ctx, node);
    if (c === undefined) continue;
    const fn = ctx.enclosingFunction(node);
    const self = fn === undefined ? undefined : selfName(ctx, fn);
    if (fn === undefined || self === undefined) continue;
    if (countsAttempts(ctx, fn)) continue;
    const again = againWithErrorValue(ctx, c.body, self, c.error, fn);
    if (again === undefined || boundedHint(ctx, fn, again, c)) continue;
    sites.push({
      node: again,
      label: 'recursive retry on the error',
      unbounded:
        'the catch calls the function again with a value the error carries (a fresh sequence token) and nothing counts the attempts: while the error recurs it recurses until the invocation times out',
      noBreaker: true,
    });
  }
  return sites;
}
