// The lists promise-all-no-partial counts as a batch handler's batch: named for records, or built from
// the event's records through constants, destructuring, the module's helpers and their parameters.
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A collection named for what a batch holds (`event.Records`, `messages`, `batch.items`). */
export const RECORDS = /(^|\.)(Records|records|messages|batch|items|events|entries)$/;

/**
 * A collection named otherwise that is built from the event's records: a const whose value reads
 * `Records` (`const ids = unique(event.Records.map(parse))`), or made by a function of the module given a
 * batch handler's event (`const { device } = parseRecords(event)`), or a parameter of a function of the module that the
 * handler calls with one (`await processAll(ids)`), followed a few steps.
 */
function fromEventRecords(ctx: ModuleContext, node: Node | undefined, depth = 0): boolean {
  const n = unwrap(node);
  if (n === undefined || depth > 4) return false;
  if (/\bRecords\b/.test(ctx.source.slice(n.start, n.end))) return true;
  // `unique(events)`, `parsed.items`, `await load(ids)`: what the value is made from.
  // A function of the module given a batch handler's event itself takes the batch apart (`const { device }
  // = parseRecords(event)`): what it answers is built from the records. A package's call is not judged so.
  if (n.type === 'CallExpression') {
    const local = ctx.functionOf(n.callee as Node) !== undefined;
    return [unwrap(n.callee)?.object, ...(n.arguments as Node[])].some(
      (a) => (local && isBatchEvent(ctx, a)) || fromEventRecords(ctx, a, depth + 1),
    );
  }
  if (n.type === 'MemberExpression') return fromEventRecords(ctx, n.object, depth + 1);
  if (n.type === 'AwaitExpression') return fromEventRecords(ctx, n.argument, depth + 1);
  if (n.type !== 'Identifier') return false;
  const binding = ctx.resolve(n.name as string, n);
  // Destructured too (`const { device } = parseRecords(event)`): the declarator's value it is taken from,
  // unless that is one record (`const { ids } = JSON.parse(event.Records[0].body)`): its fields, not the batch.
  if (binding?.kind === 'const') {
    const from = binding.init ?? declaredFrom(ctx, binding.declaration);
    if (binding.init === undefined && oneRecord(ctx, from)) return false;
    return fromEventRecords(ctx, from, depth + 1);
  }
  if (binding?.kind !== 'param' || !isFunction(binding.scope)) return false;
  const fn = binding.scope;
  const index = (fn.params as Node[]).findIndex(
    (p) => p.start <= binding.declaration.start && binding.declaration.end <= p.end,
  );
  const holder = ctx.parentOf(fn);
  const fnName = fn.id?.name ?? (holder?.type === 'VariableDeclarator' ? holder.id?.name : undefined);
  if (index < 0 || fnName === undefined) return false;
  // The handler's calls of this function: what it is given there.
  return ctx
    .of('CallExpression')
    .some(
      (call) =>
        unwrap(call.callee)?.type === 'Identifier' &&
        calleeName(call) === fnName &&
        fromEventRecords(ctx, (call.arguments as Node[])[index], depth + 1),
    );
}

/** Is `node` a batch handler's event, its first parameter (`parseRecords(event)`)? */
function isBatchEvent(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(node);
  const binding = n?.type === 'Identifier' ? ctx.resolve(n.name as string, n) : undefined;
  if (binding?.kind !== 'param' || !ctx.batchHandlers.has(binding.scope)) return false;
  const first = (binding.scope.params as Node[])[0];
  return (
    first !== undefined && first.start <= binding.declaration.start && binding.declaration.end <= first.end
  );
}

/** A list of the batch: named for records (`event.Records`, `messages`), or built from them. */
export function batchList(ctx: ModuleContext, over: Node): boolean {
  const collection = memberPath(over)?.join('.');
  return (collection !== undefined && RECORDS.test(collection)) || fromEventRecords(ctx, over);
}

/** Does `node` read only one record of the batch, by index (`event.Records[0].body`)? */
function oneRecord(ctx: ModuleContext, node: Node | undefined): boolean {
  const text = node == null ? '' : ctx.source.slice(node.start, node.end);
  return /\bRecords\s*\[\s*\d+\s*\]/.test(text) && !/\bRecords\b(?!\s*\[\s*\d+\s*\])/.test(text);
}

/** The value a destructured name is taken from: the `init` of the declarator its pattern sits in. */
function declaredFrom(ctx: ModuleContext, declaration: Node): Node | undefined {
  for (let n: Node | undefined = declaration, up = 0; n !== undefined && up < 4; n = ctx.parentOf(n), up++)
    // `for (const record of event.Records)` declares with no `init` (null).
    if (n.type === 'VariableDeclarator') return (n.init as Node | null) ?? undefined;
  return undefined;
}
