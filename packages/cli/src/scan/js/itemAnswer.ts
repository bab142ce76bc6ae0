// Whether one exported handler itself answers partial batch failures: positive evidence for a finding that
// is kept only when it does (rules/sstV3PartialResponses.ts). HandlerFact.answersItems is the wrong fact for
// that: it reads the whole module's text and takes a call into another module as answering, which is right
// where true only withholds an exemption (bisectedStreams.ts) but turns a type import, a comment, a sibling
// handler's answer or a thin handler over a library into a false finding where true keeps one (r44 review).
import { memberPath, type Node, propertyName } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { someBelow } from './subtreeIndex.js';

/** Powertools' one-call answer (`return processPartialResponse(event, recordHandler, processor)`). */
const POWERTOOLS_CALL = /^processPartialResponse(Sync)?$/;
/** Middy middleware that turns the handler's result into the answer, used on the export (`.use(...)`). */
const MIDDLEWARE = /^(sqsPartialBatchFailure|processPartialResponse)$/;
/** Powertools processors whose `.response()` is the answer. */
const PROCESSOR =
  /^(BatchProcessor|BatchProcessorSync|SqsFifoPartialProcessor|SqsFifoPartialProcessorAsync)$/;

/** `processor.response()` on a processor built in this module. */
function processorResponse(ctx: ModuleContext, call: Node): boolean {
  const path = memberPath(call.callee);
  if (path?.length !== 2 || path[1] !== 'response') return false;
  const made = ctx.valueOf((call.callee as Node).object as Node);
  const ctor = made?.type === 'NewExpression' ? memberPath(made.callee)?.at(-1) : undefined;
  return ctor !== undefined && PROCESSOR.test(ctor);
}

/**
 * Does the code under `root` build the answer: a `batchItemFailures` property in an object it writes, a
 * Powertools call or processor response, or a helper of this module that does (two calls deep)? Types and
 * comments are not code, so `import type { SQSBatchResponse }` and a note naming the field do not count.
 */
function buildsAnswer(ctx: ModuleContext, root: Node, depth: number): boolean {
  return someBelow(root, ['Property', 'CallExpression'], (n) => {
    if (n.type === 'Property')
      return propertyName(n.key as Node, n.computed as boolean) === 'batchItemFailures';
    const callee = n.callee as Node;
    if (callee.type === 'Identifier' && POWERTOOLS_CALL.test(callee.name as string)) return true;
    if (processorResponse(ctx, n)) return true;
    const helper = depth < 2 ? ctx.functionOf(callee) : undefined;
    return helper !== undefined && helper !== root && buildsAnswer(ctx, helper, depth + 1);
  });
}

/** A middy chain on the export that answers for the handler (`middy(fn).use(sqsPartialBatchFailure())`). */
function wrappedToAnswer(ctx: ModuleContext, value: Node): boolean {
  return someBelow(ctx.valueOf(value) ?? value, ['CallExpression'], (n) => {
    const callee = n.callee as Node;
    return callee.type === 'Identifier' && MIDDLEWARE.test(callee.name as string);
  });
}

/**
 * True when the export's own handler function answers `{ batchItemFailures }` (itself, through a helper of
 * its module, Powertools) or its export wraps it in middleware that does. Evidence only: code in another
 * module answers nothing here.
 * @example
 * answersItemsItself(ctx, fn, value) // true for `return { batchItemFailures: failures }`; false for `return processAll(e)`
 */
export function answersItemsItself(ctx: ModuleContext, fn: Node, value: Node): boolean {
  return buildsAnswer(ctx, fn, 0) || wrappedToAnswer(ctx, value);
}
