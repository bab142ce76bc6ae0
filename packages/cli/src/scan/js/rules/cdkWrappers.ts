// A project's own construct that wraps `new SqsEventSource(queue, { batchSize: props.batchSize, ... })`:
// the wrapper's options come from whoever builds it, so it is judged at each place it is built
// (`new QueueConsumer(this, 'Orders', { batchSize: 1 })`), in this module or, through its export, in others.
import {
  isBooleanLiteral,
  isFunction,
  type Node,
  numberValue,
  objectProps,
  propertyName,
  stringValue,
  unwrap,
} from '../ast.js';
import type { EventSourceWrapper, ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import type { Report, Rule } from './Report.js';

/** `props.batchSize`, `props?.batchSize ?? 10`, or a destructured parameter: the key and its fallback. */
function paramRead(ctx: ModuleContext, node: Node | undefined): { key: string; fallback?: Node } | undefined {
  let n = unwrap(node);
  let fallback: Node | undefined;
  if (n?.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||')) {
    fallback = n.right as Node;
    n = unwrap(n.left as Node);
  }
  if (n?.type === 'MemberExpression') {
    const root = unwrap(n.object as Node);
    const key = propertyName(n.property as Node, n.computed as boolean);
    if (
      root?.type === 'Identifier' &&
      key !== undefined &&
      ctx.resolve(root.name as string, root)?.kind === 'param'
    )
      return { key, ...(fallback !== undefined ? { fallback } : {}) };
  } else if (n?.type === 'Identifier' && ctx.resolve(n.name as string, n)?.kind === 'param')
    return { key: n.name as string, ...(fallback !== undefined ? { fallback } : {}) };
  return undefined;
}

/** The class a constructor belongs to, or the function itself: what other code builds or calls. */
export function ownerOf(ctx: ModuleContext, at: Node): Node | undefined {
  const fn = ctx.enclosingFunction(at);
  if (fn === undefined) return undefined;
  const method = ctx.parentOf(fn);
  if (method?.type === 'MethodDefinition' && method.kind === 'constructor') {
    const cls = ctx.parentOf(ctx.parentOf(method) as Node);
    return cls?.type === 'ClassDeclaration' || cls?.type === 'ClassExpression' ? cls : undefined;
  }
  return isFunction(fn) ? fn : undefined;
}

/**
 * Records the wrapper when an event source's `batchSize` or `reportBatchItemFailures` comes from the
 * enclosing constructor's or function's parameter; true when it did (the caller then skips its finding).
 */
export function noteWrapper(ctx: ModuleContext, options: ReturnType<typeof objectProps>, at: Node): boolean {
  if (options === undefined || options.spread) return false;
  const batchNode = options.props.get('batchSize');
  const reportNode = options.props.get('reportBatchItemFailures');
  const batch = paramRead(ctx, batchNode);
  const report = paramRead(ctx, reportNode);
  if (batch === undefined && report === undefined) return false;
  const owner = ownerOf(ctx, at);
  if (owner === undefined) return false;
  const literal = (n: Node | undefined) => (n === undefined ? undefined : (numberValue(n) ?? null));
  const flag = (n: Node | undefined) =>
    n === undefined
      ? undefined
      : isBooleanLiteral(n, true)
        ? true
        : isBooleanLiteral(n, false)
          ? false
          : null;
  const fact: EventSourceWrapper = {
    ...(batch !== undefined
      ? { batchKey: batch.key, batchDefault: literal(batch.fallback) }
      : { fixedBatch: literal(batchNode) }),
    ...(report !== undefined
      ? { reportKey: report.key, reportDefault: flag(report.fallback) }
      : { fixedReport: flag(reportNode) }),
  };
  ctx.eventSourceWrappers.set(owner, fact);
  return true;
}

/**
 * A construct class that attaches a one-record event source to itself (`super.addEventSource(new
 * SqsEventSource(this.queue, { batchSize: 1 }))` in its constructor, a team's standard queue consumer):
 * every function built with it is a one-record consumer, whichever handler it is given.
 */
export function noteSelfBatchOne(ctx: ModuleContext, target: Node | undefined, at: Node): void {
  const self = unwrap(target)?.type;
  if (self !== 'Super' && self !== 'ThisExpression') return;
  const owner = ownerOf(ctx, at);
  if (owner === undefined || isFunction(owner) || ctx.eventSourceWrappers.has(owner)) return;
  ctx.eventSourceWrappers.set(owner, { fixedBatch: 1 });
}

/** `handler: 'consumer.handler'` in the props a construct is built with, or one object down. */
function handlerString(ctx: ModuleContext, props: Node, depth = 0): string | undefined {
  const shape = objectProps(ctx.valueOf(props));
  if (shape === undefined) return undefined;
  const own = stringValue(shape.props.get('handler'));
  if (own !== undefined) return /^[\w./-]+\.\w+$/.test(own) ? own : undefined;
  if (depth > 0) return undefined;
  for (const value of shape.props.values()) {
    if (unwrap(value)?.type !== 'ObjectExpression') continue;
    const nested = handlerString(ctx, value, depth + 1);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

type Literals = Readonly<Record<string, number | boolean | null>>;

/** Whether a use of the wrapper leaves a batch consumer without partial failures; undefined when unknown. */
export function unsafeUse(fact: EventSourceWrapper, literals: Literals): boolean | undefined {
  const pick = <T>(key: string | undefined, fixed: T | null | undefined, fallback: T | null | undefined) =>
    fixed !== undefined ? fixed : key !== undefined && key in literals ? literals[key] : fallback;
  const batch = pick(fact.batchKey, fact.fixedBatch, fact.batchDefault);
  const report = pick(fact.reportKey, fact.fixedReport, fact.reportDefault);
  if (batch === null || report === null) return undefined;
  return batch !== 1 && report !== true;
}

/** The literal props a wrapper is built with; undefined when some are out of sight (a spread). */
function literalsOf(ctx: ModuleContext, node: Node): Literals | undefined {
  const props = objectProps(ctx.valueOf(node));
  if (props === undefined || props.spread) return undefined;
  const out: Record<string, number | boolean | null> = {};
  for (const [key, value] of props.props)
    out[key] =
      numberValue(value) ??
      (isBooleanLiteral(value, true) ? true : isBooleanLiteral(value, false) ? false : null);
  return out;
}

const MESSAGE = (name: string) =>
  `${name} wraps an SqsEventSource and is built here without reportBatchItemFailures or batchSize 1: one failed record fails the whole batch`;

/** Places a wrapper is built: judged here for a local one, by the project pass for an imported one. */
export const cdkWrapperRules: Rule = (ctx: ModuleContext, report: Report) => {
  for (const node of ctx.of('NewExpression')) {
    const callee = unwrap(node.callee as Node);
    if (callee?.type !== 'Identifier') continue;
    const args = node.arguments as Node[];
    const last = args.at(-1);
    if (last === undefined || unwrap(last)?.type !== 'ObjectExpression') continue;
    const local = ctx.valueOf(callee);
    const fact = local === undefined ? undefined : ctx.eventSourceWrappers.get(local);
    if (fact !== undefined) {
      const handler = fact.fixedBatch === 1 ? handlerString(ctx, last) : undefined;
      if (handler !== undefined) ctx.batchOneHandlers.push(handler);
      const literals = literalsOf(ctx, last);
      if (literals !== undefined && unsafeUse(fact, literals) === true)
        report('batch-no-partial-failure', node, MESSAGE(callee.name as string));
      continue;
    }
    const ref: ImportRef | undefined = importRefOf(ctx, callee);
    if (
      ref === undefined ||
      !/^[.@]|^[a-z]/.test(ref.source) ||
      /^(aws-cdk|@aws-cdk|constructs)/.test(ref.source)
    )
      continue;
    const handler = handlerString(ctx, last);
    if (handler !== undefined) ctx.batchOneIfWrapper.push({ ref, handler });
    const literals = literalsOf(ctx, last);
    if (literals === undefined) continue;
    report('batch-no-partial-failure', node, MESSAGE(callee.name as string), {
      onlyIfWrapperUnsafe: { ref, literals },
    });
  }
};
