// iac-no-event-archive and iac-missing-dlq for SST's EventBus (v2's `import { EventBus } from "sst/constructs"`,
// v1's from `@serverless-stack/resources`, whose 0.x `eventBridgeEventBus` is read as `cdk.eventBus`; 0.x
// rules list their targets in an array, which is not read for the DLQ),
// the bus of SST's own starter (`new EventBus(stack, "bus", { defaults: { retries: 10 } })` and
// `bus.subscribe("todo.created", handler)`). It builds a CDK EventBus (`cdk.eventBus` takes its props or an
// existing bus) with no archive of its own, and each function target is an EventBridge rule invoking Lambda
// asynchronously: after the retries (`defaults.retries`) a failed event is dropped unless the target
// (`cdk.target.deadLetterQueue`) or the function (`deadLetterQueue`, `onFailure`, also in
// `defaults.function`) has somewhere to put it. Both findings sit at the bus, where `defaults` goes. As in
// CDK, a function given nothing to work with (no `bind`, `permissions`, `environment` or `role`, here or in
// `defaults.function`) can only log; a queue target is not an async invocation.
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spellsSstConstructs, sstConstruct, v0Prop } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';
import { sstBusShared } from './sstBusShared.js';

const ARCHIVED = /\.archive\s*\(|\bnew\s+(?:[\w$]+\s*\.\s*)*(?:Archive|EventArchive)\s*\(/;
/**
 * What keeps a failed async event: SST's Function props are CDK's FunctionOptions, so besides
 * `deadLetterQueue` and `onFailure` a `deadLetterTopic` or `deadLetterQueueEnabled: true` (a queue CDK makes).
 */
const FAILURE_TARGET =
  /\b(?:deadLetterQueue|deadLetterTopic|onFailure)\b|\bdeadLetterQueueEnabled\s*:\s*true\b/;
/** What lets a function do work beyond logging: SST's bindings and permissions, an environment, a role. */
const CAPABLE = /\b(?:bind|permissions|environment|role)\s*:/;
/** Project-wide function defaults an SST app or stack sets (`app.setDefaultFunctionProps(...)`). */
export const APP_DEFAULTS = /\.(?:setDefaultFunctionProps|addDefaultFunction\w+)\s*\(/;

/** The variable or field a construct (`new EventBus(...)`, `new KinesisStream(...)`) is kept in. */
export function keptIn(ctx: ModuleContext, node: Node): string | undefined {
  const parent = ctx.parentOf(node);
  if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier')
    return parent.id.name as string;
  if (parent?.type === 'AssignmentExpression') return memberPath(parent.left)?.join('.');
  return undefined;
}

/** What an SST async target is (targetKind). */
export type TargetKind = 'idle' | 'covered' | 'uncovered' | 'other';

/**
 * What a target is: a function that can only log (`idle`), one that does work with (`covered`) or without
 * (`uncovered`) a failure destination, or anything else or unreadable (`other`: a queue or topic, a
 * function construct built elsewhere). Also read for Topic subscribers and Bucket notifications
 * (sstAsyncSubscribers.ts), whose definitions take the same shapes.
 */
export function targetKind(ctx: ModuleContext, target: Node | undefined, defaults: string): TargetKind {
  const t = ctx.valueOf(target) ?? unwrap(target);
  if (t === undefined) return 'other';
  const text = (n: Node) => ctx.source.slice(n.start, n.end);
  let fnText = '';
  if (stringValue(t) === undefined) {
    const props = objectProps(t);
    if (props === undefined || props.spread) return 'other';
    const type = stringValue(props.props.get('type'));
    if (props.props.has('queue') || props.props.has('topic') || type === 'queue' || type === 'topic')
      return 'other';
    const fn = props.props.get('function');
    const fnNode = fn !== undefined ? (ctx.valueOf(fn) ?? unwrap(fn)) : t;
    if (fnNode === undefined) return 'other';
    if (stringValue(fnNode) === undefined && objectProps(fnNode) === undefined) return 'other';
    fnText = stringValue(fnNode) !== undefined ? '' : text(fnNode);
    if (FAILURE_TARGET.test(text(t))) return 'covered';
  }
  if (!CAPABLE.test(fnText) && !CAPABLE.test(defaults)) return 'idle';
  return FAILURE_TARGET.test(defaults) ? 'covered' : 'uncovered';
}

/** The targets of a `rules` object: `{ name: { pattern, targets: { id: target } } }`. */
function ruleTargets(ctx: ModuleContext, rules: Node | undefined): Node[] {
  const all = objectProps(ctx.valueOf(rules) ?? unwrap(rules));
  if (all === undefined) return [];
  return [...all.props.values()].flatMap((rule) => {
    const targets = objectProps(ctx.valueOf(objectProps(ctx.valueOf(rule))?.props.get('targets')));
    return targets !== undefined ? [...targets.props.values()] : [];
  });
}

export const sstEventBusRules: Rule = (ctx: ModuleContext, report: Report) => {
  // `.sst.config.<time>.mjs`: SST's own bundle of the app, left behind by a build; the stacks are the source.
  if (!spellsSstConstructs(ctx) || /(?:^|[\\/])\.sst\.config\.\d+\.mjs$/.test(ctx.file)) return;
  for (const node of ctx.of('NewExpression')) {
    const construct = sstConstruct(ctx, node.callee);
    if (construct?.name !== 'EventBus') continue;
    const args = node.arguments as Node[];
    const props =
      args[2] === undefined
        ? { props: new Map<string, Node>(), spread: false }
        : objectProps(ctx.valueOf(args[2]));
    if (props === undefined || props.spread) continue;
    // `cdk: { eventBus: existing }`: a bus built (and judged) elsewhere.
    const cdk = props.props.get('cdk');
    const cdkProps = cdk !== undefined ? objectProps(ctx.valueOf(cdk)) : undefined;
    if (cdk !== undefined && (cdkProps === undefined || cdkProps.spread)) continue;
    const existing = cdkProps?.props.get('eventBus') ?? v0Prop(props.props, 'cdk.eventBus', construct.v1);
    if (existing !== undefined && objectProps(ctx.valueOf(existing)) === undefined) continue;
    const id = stringValue(ctx.valueOf(args[1])) ?? '';
    const defaultsNode = objectProps(ctx.valueOf(props.props.get('defaults')))?.props.get('function');
    const defaults =
      (defaultsNode !== undefined ? ctx.source.slice(defaultsNode.start, defaultsNode.end) : '') +
      (APP_DEFAULTS.test(ctx.source) ? ' bind: ' : '');
    const targets = ruleTargets(ctx, props.props.get('rules'));
    const name = keptIn(ctx, node);
    if (name !== undefined)
      for (const call of ctx.of('CallExpression')) {
        const path = memberPath(call.callee);
        if (path === undefined || path.slice(0, -1).join('.') !== name) continue;
        const callArgs = call.arguments as Node[];
        if (path.at(-1) === 'subscribe' && callArgs[1] !== undefined) targets.push(callArgs[1]);
        else if (path.at(-1) === 'addRules') targets.push(...ruleTargets(ctx, callArgs[1]));
      }
    const kinds = targets.map((t) => targetKind(ctx, t, defaults));
    // Functions that can only log, and nothing else: a replay would print the same lines again, unless
    // the bus is handed to other stacks, which put their own consumers on it.
    const idle =
      kinds.length > 0 &&
      kinds.every((k) => k === 'idle') &&
      (name === undefined || !sstBusShared(ctx, name));
    if (!ARCHIVED.test(ctx.source) && !idle)
      report(
        'iac-no-event-archive',
        node,
        `SST EventBus ${id} has no archive: lost events cannot be replayed`,
      );
    if (kinds.includes('uncovered'))
      report(
        'iac-missing-dlq',
        node,
        `SST EventBus ${id} invokes functions asynchronously with no dead-letter queue or onFailure destination: events that fail after the retries are dropped`,
      );
  }
};
