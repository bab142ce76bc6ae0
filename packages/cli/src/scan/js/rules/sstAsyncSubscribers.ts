// iac-missing-dlq for the functions an SST v2 (or v1 1.x) Topic or Bucket invokes: a Topic's `subscribers`
// (`new Topic(stack, 'Ingest', { subscribers: { a: 'src/ingest.handler' } })`, `topic.addSubscribers(stack,
// {...})`) and a Bucket's `notifications` (`{ n: { function: {...}, events: ['object_created'] } }`,
// `bucket.addNotifications(stack, {...})`). SNS and S3 invoke Lambda asynchronously: after Lambda's two
// retries a failed event is dropped unless the function has a `deadLetterQueue` or `onFailure`. The
// definitions take the shapes of an EventBus target and are read the same way (sstEventBus.ts
// targetKind): a function given nothing to work with can only log, a queue or topic is not a Lambda. The
// finding sits at the function's definition, or at the `new Function(...)` a subscriber names, where the
// fix goes. `addSubscribers`/`addNotifications` are SST's names only (CDK's are `addSubscription` and
// `addEventNotification`), so a call on a construct built in another stack (`use(Storage).bucket`) is read.
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spellsSstConstructs, sstConstruct } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';
import { APP_DEFAULTS, keptIn, targetKind } from './sstEventBus.js';

/** The list prop each construct invokes functions from, and the method adding to it. */
const LISTS: ReadonlyMap<string, { readonly prop: string; readonly method: string; readonly role: string }> =
  new Map([
    ['Topic', { prop: 'subscribers', method: 'addSubscribers', role: 'a subscriber of SST Topic' }],
    [
      'Bucket',
      { prop: 'notifications', method: 'addNotifications', role: 'a notified function of SST Bucket' },
    ],
  ]);

/** The props of an SST `new Function(scope, id, props)` the node names; undefined for anything else. */
function functionConstruct(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const value = unwrap(ctx.valueOf(node) ?? node);
  if (value?.type !== 'NewExpression' || sstConstruct(ctx, value.callee)?.name !== 'Function')
    return undefined;
  return value;
}

/** Where a definition's fix is written: its `function` value when it has one, else the definition. */
function definitionAt(ctx: ModuleContext, target: Node): Node {
  const fn = objectProps(ctx.valueOf(target) ?? unwrap(target))?.props.get('function');
  return fn ?? target;
}

/** Reports each entry of a `subscribers`/`notifications` object that does work and keeps no failed event. */
function judgeEntries(
  ctx: ModuleContext,
  report: Report,
  entries: Node | undefined,
  defaults: string,
  what: string,
): void {
  const all = objectProps(ctx.valueOf(entries) ?? unwrap(entries));
  if (all === undefined) return;
  for (const target of all.props.values()) {
    // A function construct built beside it: its own props say what it does; the list's defaults are for
    // the definitions the list builds.
    const construct = functionConstruct(ctx, target) ?? functionConstruct(ctx, definitionAt(ctx, target));
    const props = construct !== undefined ? (construct.arguments as Node[])[2] : undefined;
    const kind =
      construct !== undefined
        ? props === undefined
          ? 'idle'
          : targetKind(ctx, props, APP_DEFAULTS.test(ctx.source) ? ' bind: ' : '')
        : targetKind(ctx, target, defaults);
    if (kind !== 'uncovered') continue;
    report(
      'iac-missing-dlq',
      construct ?? definitionAt(ctx, target),
      `${what} is invoked asynchronously with no deadLetterQueue or onFailure: an event whose run still fails after Lambda's two retries is dropped`,
    );
  }
}

/** The text of a construct's `defaults.function`, with the app's defaults when the module sets them. */
function defaultsText(ctx: ModuleContext, props: ReadonlyMap<string, Node> | undefined): string {
  const node = objectProps(ctx.valueOf(props?.get('defaults')))?.props.get('function');
  return (
    (node !== undefined ? ctx.source.slice(node.start, node.end) : '') +
    (APP_DEFAULTS.test(ctx.source) ? ' bind: ' : '')
  );
}

/**
 * @example
 * // new Topic(stack, 'Ingest', { subscribers: { a: 'src/a.handler' }, defaults: { function: { bind: [bucket] } } })
 * // -> iac-missing-dlq at 'src/a.handler'
 */
export const sstAsyncSubscriberRules: Rule = (ctx: ModuleContext, report: Report) => {
  // `.sst.config.<time>.mjs`: SST's own bundle of the app, left behind by a build; the stacks are the source.
  if (!spellsSstConstructs(ctx) || /(?:^|[\\/])\.sst\.config\.\d+\.mjs$/.test(ctx.file)) return;
  if (!/\b(?:Topic|Bucket|addSubscribers|addNotifications)\b/.test(ctx.source)) return;
  const built = new Map<string, string>();
  for (const node of ctx.of('NewExpression')) {
    const construct = sstConstruct(ctx, node.callee);
    const list = construct === undefined ? undefined : LISTS.get(construct.name);
    if (list === undefined) continue;
    const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]));
    if (props?.spread === true) continue;
    const defaults = defaultsText(ctx, props?.props);
    const name = keptIn(ctx, node);
    if (name !== undefined) built.set(name, defaults);
    const id = stringValue(ctx.valueOf((node.arguments as Node[])[1])) ?? name ?? '';
    judgeEntries(ctx, report, props?.props.get(list.prop), defaults, `${list.role} ${id}`);
  }
  for (const call of ctx.of('CallExpression')) {
    const path = memberPath(call.callee);
    const method = path?.at(-1);
    const list = [...LISTS.values()].find((l) => l.method === method);
    if (path === undefined || list === undefined) continue;
    const receiver = path.slice(0, -1).join('.');
    // Built in another stack: its defaults are not read here (SST applies them to the definitions it adds).
    const defaults = built.get(receiver) ?? (APP_DEFAULTS.test(ctx.source) ? ' bind: ' : '');
    judgeEntries(ctx, report, (call.arguments as Node[])[1], defaults, `${list.role} ${receiver}`);
  }
};
