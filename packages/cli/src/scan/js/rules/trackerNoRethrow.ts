// swallowed-error: an error tracker's handler wrapper told not to rethrow (`Sentry.AWSLambda.wrapHandler(fn,
// { rethrowAfterCapture: false })`). The wrapper captures what the handler throws and then resolves, so any
// failure the handler lets out becomes a successful invocation. For an API that is a 200 with no body; for a
// queue, a schedule, an asynchronous source or a Step Functions task it is the message deleted, the event
// dropped, the task done. Reported at the option when the handler does work outside its try blocks that can
// throw (an awaited call, a `JSON.parse` of the body): that failure is the one the option swallows. Kept by
// the project pass only when a template wires the handler to an invoker that reads no answer.
import { calleeName, forEachDescendant, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { exportNamesOf } from './lambda.js';
import type { Report } from './Report.js';

/** The `rethrowAfterCapture: false` property of a wrapper's options object, if it has one. */
function noRethrowOption(options: Node | undefined): Node | undefined {
  const o = unwrap(options);
  if (o?.type !== 'ObjectExpression') return undefined;
  return (o.properties as Node[]).find(
    (p) =>
      p.type === 'Property' &&
      propertyName(p.key as Node, p.computed as boolean) === 'rethrowAfterCapture' &&
      unwrap(p.value as Node)?.type === 'Literal' &&
      unwrap(p.value as Node)?.value === false,
  );
}

/** `node` sits in the `block` of a try statement below `fn` (a catch clause or finally is outside it). */
function guarded(ctx: ModuleContext, node: Node, fn: Node): boolean {
  let child = node;
  for (let at = ctx.parentOf(node); at !== undefined && at !== fn; at = ctx.parentOf(at)) {
    if (at.type === 'TryStatement' && at.block === child) return true;
    child = at;
  }
  return false;
}

/** An awaited call or a `JSON.parse` in `fn`'s own body that no try block of `fn` guards. */
function unguardedWork(ctx: ModuleContext, fn: Node): boolean {
  let found = false;
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (found) return false;
      const parse =
        n.type === 'CallExpression' &&
        calleeName(n) === 'parse' &&
        /^JSON\b/.test(ctx.source.slice(n.start, n.end));
      if ((parse || n.type === 'AwaitExpression') && !guarded(ctx, n, fn)) found = true;
      return !found;
    },
    true,
  );
  return found;
}

/**
 * Reports each `rethrowAfterCapture: false` given to a wrapper of an exported entry handler that does
 * unguarded work, kept when the handler's invoker reads no answer.
 *
 * @example
 * // export const consume = Sentry.AWSLambda.wrapHandler(async (e) => { JSON.parse(e.Records[0].body) ... },
 * //   { rethrowAfterCapture: false })   // SQS-wired: reported at the option
 */
export function trackerNoRethrowRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('rethrowAfterCapture')) return;
  for (const call of ctx.of('CallExpression')) {
    const [inner, options] = call.arguments as Node[];
    const option = noRethrowOption(options);
    const fn = ctx.functionOf(inner);
    if (option === undefined || fn === undefined || ctx.handlers.get(fn) !== 'entry') continue;
    const names = exportNamesOf(ctx, fn);
    if (names.length === 0 || !unguardedWork(ctx, fn)) continue;
    report(
      'swallowed-error',
      option,
      "the wrapper captures what the handler throws and does not rethrow it: the invocation succeeds whatever failed outside the handler's catches, so what invokes it (a queue, a schedule, an asynchronous source) takes the work for done and nothing retries it",
      { onlyIfAnswerUnread: names },
    );
  }
}
