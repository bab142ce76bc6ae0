// The one walk over SST v3 queue subscriptions (`queue.subscribe(subscriber, args?, opts?)`), read by three
// rules: rules/sstV3QueueDlq.ts judges the queue (its `dlq`), rules/sstV3QueueConcurrency.ts the subscription
// (its cap), rules/sstV3PartialResponses.ts its batch (partial responses). The walk also keeps a queue built
// only on some stages (stagedQueue) and splits the call into subscriber and args. Apps often build the
// queues in one infra module and subscribe them in another, so a subscription says whether its receiver is
// a queue built here or an import, and modules record the imports they subscribe (ModuleFacts.sstSubscribed)
// for the module that built the queue.
import { escapeRegExp } from '../../escapeRegExp.js';
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';

/** One `x.subscribe(...)` call on a queue built here or on an import. */
export interface Subscription {
  readonly call: Node;
  /** The receiver's name as written (the member's, for a namespace import's `ns.jobs`). */
  readonly name: string;
  /** The queue built here (`new sst.aws.Queue(...)`), and what it is to its subscribers. */
  readonly queue?: { readonly node: Node; readonly kind: 'queue' | 'dlq' };
  /** The import the receiver is, judged by the module that built it (ExportFact.sstQueue). */
  readonly imported?: ImportRef;
  /** The subscriber and its args: `subscribe(subscriber, args?, opts?)`, the only form of a queue's subscribe. */
  readonly subscriber: Node | undefined;
  readonly args: Node | undefined;
}

/**
 * The handler string of an SST subscriber or consumer as written: a string (`'src/jobs.handler'`), or a
 * function's props object with a `handler` string, followed through constants. Shared by the v3
 * subscription rules and the v1/v2 consumers of rules/sstBatchOne.ts.
 * @example
 * handlerString(ctx, node) // 'src/jobs.handler' for `{ handler: 'src/jobs.handler', timeout: '1 minute' }`
 */
export function handlerString(ctx: ModuleContext, node: Node | undefined): string | undefined {
  const n = unwrap(ctx.valueOf(node) ?? node);
  if (n?.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n?.type === 'TemplateLiteral' && (n.expressions as Node[]).length === 0)
    return (n.quasis as Node[])[0]?.value.cooked ?? undefined;
  if (n?.type === 'ObjectExpression') return handlerString(ctx, objectProps(n)?.props.get('handler'));
  return undefined;
}

/** Is `node` a `new sst.aws.Queue(...)` on SST's global `sst`? */
export function isV3Queue(ctx: ModuleContext, node: Node | undefined): boolean {
  if (node?.type !== 'NewExpression') return false;
  return memberPath(node.callee)?.join('.') === 'sst.aws.Queue' && ctx.isGlobal('sst', node);
}

/**
 * What a queue is to the functions that subscribe to it: an SST v3 queue, or one that another queue of its
 * module names as its dead-letter queue (`dlq: name.arn` or `dlq: { queue: name.arn }`).
 * @example
 * sstV3QueueKind(ctx, node, 'deadLetterQueue') // 'dlq' when `new sst.aws.Queue('Jobs', { dlq: { queue: deadLetterQueue.arn } })` is beside it
 */
export function sstV3QueueKind(ctx: ModuleContext, value: Node, name: string): 'queue' | 'dlq' | undefined {
  if (!isV3Queue(ctx, value)) return undefined;
  const named = new RegExp(`\\bdlq\\s*:\\s*(?:\\{[^}]*?\\bqueue\\s*:\\s*)?${escapeRegExp(name)}\\.arn\\b`);
  return named.test(ctx.source) ? 'dlq' : 'queue';
}

/** Is the node `undefined` or `null` as written: the branch of a queue built only on some stages? */
function nothing(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (n?.type === 'Identifier' && n.name === 'undefined') || (n?.type === 'Literal' && n.value === null);
}

/**
 * The queue a value builds, also when it is built only on some stages (`$dev || permanent ? new
 * sst.aws.Queue(...) : undefined`, subscribed with `queue?.subscribe(...)`): the branch that builds it.
 * @example
 * stagedQueue(node) // the `new sst.aws.Queue('Jobs')` of `isProd ? new sst.aws.Queue('Jobs') : undefined`
 */
export function stagedQueue(node: Node | undefined): Node | undefined {
  const n = unwrap(node);
  if (n?.type !== 'ConditionalExpression') return n;
  const [yes, no] = [unwrap(n.consequent as Node), unwrap(n.alternate as Node)];
  if (nothing(no) && yes?.type === 'NewExpression') return yes;
  return nothing(yes) && no?.type === 'NewExpression' ? no : n;
}

const walked = new WeakMap<ModuleContext, readonly Subscription[]>();

/**
 * Every subscribe call of the module whose receiver is an SST v3 queue built here or an import.
 * @example
 * sstV3Subscriptions(ctx) // [{ name: 'jobs', queue: { node, kind: 'queue' }, subscriber: 'src/jobs.handler' }] for `jobs.subscribe('src/jobs.handler')`
 */
export function sstV3Subscriptions(ctx: ModuleContext): readonly Subscription[] {
  const known = walked.get(ctx);
  if (known !== undefined) return known;
  const out: Subscription[] = [];
  if (ctx.spells('subscribe'))
    for (const call of ctx.of('CallExpression')) {
      const path = memberPath(call.callee);
      if (path?.at(-1) !== 'subscribe' || (path.length !== 2 && path.length !== 3)) continue;
      const receiver = unwrap((call.callee as Node).object as Node);
      // `queues.jobs.subscribe(...)`: a member of a namespace import (`import * as queues from './queues'`).
      const root = receiver?.type === 'MemberExpression' ? unwrap(receiver.object as Node) : receiver;
      if (root?.type !== 'Identifier') continue;
      const name = path[path.length - 2] as string;
      const imp = ctx.importOf(root.name as string, root);
      if (root !== receiver && imp?.imported !== '*') continue;
      const args = (call.arguments as Node[]).map((a) => ctx.valueOf(a) ?? a);
      // SST v3's Queue.subscribe is `subscribe(subscriber, args?, opts?)`: it never takes a name (that form is
      // Bus's and SnsTopic's, whose receivers this queue-only walk never keeps).
      const [subscriber, subscribeArgs] = args;
      const parts = { call, name, subscriber, args: subscribeArgs };
      if (imp !== undefined) {
        const imported = imp.imported === '*' ? name : imp.imported;
        out.push({ ...parts, imported: { from: ctx.file, source: imp.source, name: imported } });
        continue;
      }
      const node = stagedQueue(ctx.valueOf(receiver));
      const kind = node === undefined ? undefined : sstV3QueueKind(ctx, node, name);
      if (node !== undefined && kind !== undefined) out.push({ ...parts, queue: { node, kind } });
    }
  walked.set(ctx, out);
  return out;
}

/**
 * The imports this module subscribes functions to, for the module that built them (ModuleFacts.sstSubscribed).
 * @example
 * sstSubscribedImports(ctx) // [{ from: '/app/infra/functions.ts', source: './queues', name: 'fetchQueue' }]
 */
export function sstSubscribedImports(ctx: ModuleContext): readonly ImportRef[] {
  return sstV3Subscriptions(ctx).flatMap((s) => (s.imported !== undefined ? [s.imported] : []));
}

/** The queue a `dlq` arg names: `x.arn` or `{ queue: x.arn }` -> the `x` node. */
function dlqOwner(dlq: Node | undefined): Node | undefined {
  const value = unwrap(dlq);
  const arn = objectProps(value)?.props.get('queue') ?? value;
  const path = memberPath(arn);
  return path?.length === 2 && path[1] === 'arn' ? unwrap((unwrap(arn) as Node).object as Node) : undefined;
}

/**
 * The imports this module's SST v3 queues name as their dead-letter queue (`dlq: parked.arn`), so the
 * module that built them does not judge them as queues with no dlq of their own (ModuleFacts.sstDlqImports).
 * @example
 * sstDlqImports(ctx) // [{ from: '/app/infra/queues.ts', source: './dead', name: 'parked' }]
 */
export function sstDlqImports(ctx: ModuleContext): readonly ImportRef[] {
  if (!ctx.spells('dlq') || !ctx.spells('sst.aws.Queue')) return [];
  const out: ImportRef[] = [];
  for (const node of ctx.of('NewExpression')) {
    if (!isV3Queue(ctx, node)) continue;
    const args = (node.arguments as Node[])[1];
    const owner = dlqOwner(objectProps(ctx.valueOf(args) ?? args)?.props.get('dlq'));
    if (owner?.type !== 'Identifier') continue;
    const imp = ctx.importOf(owner.name as string, owner);
    if (imp !== undefined && imp.imported !== '*')
      out.push({ from: ctx.file, source: imp.source, name: imp.imported });
  }
  return out;
}
