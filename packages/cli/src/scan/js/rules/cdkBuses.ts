// iac-no-event-archive in CDK code: which `new EventBus(...)` is a bus whose events are worth replaying.
// `new targets.EventBus(bus)` (aws-events-targets) is a rule target pointing at a bus, not a bus; and a
// bus whose every rule forwards to another bus (a spoke account's bus feeding a hub) only passes events
// on: the archive belongs to the bus they land on, where they are consumed. A bus whose rules only deliver
// to log groups or to functions that only log (a Lambda destination's success and failure notices) carries
// nothing worth replaying either, unless the bus leaves its module (a stack field, a return, an output):
// then other stacks put their own rules on it, and what they deliver is out of sight.

import { escapeRegExp } from '../../escapeRegExp.js';
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { handlerLink } from './cdkHandlers.js';

function fromTargetsModule(ctx: ModuleContext, node: Node): boolean {
  const imp = ctx.importRoot(node.callee);
  return (
    imp !== undefined && (imp.source.includes('aws-events-targets') || /events_targets/.test(imp.imported))
  );
}

/** `new targets.EventBus(...)`: a target, not a bus. */
export function isBusTarget(ctx: ModuleContext, node: Node): boolean {
  return (
    node.type === 'NewExpression' &&
    memberPath(node.callee)?.at(-1) === 'EventBus' &&
    fromTargetsModule(ctx, node)
  );
}

/**
 * The targets of every rule on the bus held in `name`, rule by rule: undefined when it has no rule in
 * this module or a rule's targets cannot all be read (props spread in, no targets at all).
 */
function ruleTargets(ctx: ModuleContext, name: string): Node[][] | undefined {
  const out: Node[][] = [];
  for (const node of ctx.of('NewExpression')) {
    if (memberPath(node.callee)?.at(-1) !== 'Rule') continue;
    const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]));
    if (memberPath(props?.props.get('eventBus'))?.join('.') !== name) continue;
    if (props?.spread) return undefined;
    const ruleName = declaredName(ctx, node);
    const targets = ruleName === undefined ? [] : addedTargets(ctx, ruleName);
    const listed = props?.props.get('targets');
    if (listed !== undefined) {
      const array = ctx.valueOf(listed) ?? unwrap(listed);
      if (array?.type !== 'ArrayExpression') return undefined;
      for (const e of array.elements as (Node | null)[]) if (e !== null) targets.push(e);
    }
    if (targets.length === 0) return undefined;
    out.push(targets.map((t) => ctx.valueOf(t) ?? (unwrap(t) as Node)));
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The bus held in `name` has at least one rule in this module, and every one of its rules only forwards
 * to other buses (`targets: [new targets.EventBus(hub)]`, `rule.addTarget(new targets.EventBus(hub))`).
 *
 * @example
 * onlyForwards(ctx, 'spokeBus') // new Rule(this, 'R', { eventBus: spokeBus, targets: [hubTarget] }) -> true
 */
export function onlyForwards(ctx: ModuleContext, name: string): boolean {
  return ruleTargets(ctx, name)?.every((targets) => targets.every((t) => isBusTarget(ctx, t))) === true;
}

/**
 * A bus whose rules only deliver to logs carries notifications, not work: replaying them would print
 * them again. Every target is a log group (`new targets.CloudWatchLogGroup(group)`) or a function
 * (`new targets.LambdaFunction(fn)`) whose handler code is linked: `[]` when there is no function at all,
 * else the handlers, which the project pass reads (the finding stands if any of them does work).
 * Undefined when some target is anything else or its function's code cannot be found.
 */
export function logOnlyTargets(ctx: ModuleContext, name: string): HandlerLink[] | undefined {
  const rules = ruleTargets(ctx, name);
  if (rules === undefined) return undefined;
  const links: HandlerLink[] = [];
  for (const t of rules.flat()) {
    if (t.type !== 'NewExpression' || !fromTargetsModule(ctx, t)) return undefined;
    const kind = memberPath(t.callee)?.at(-1);
    if (kind === 'CloudWatchLogGroup') continue;
    const link =
      kind === 'LambdaFunction' ? handlerLink(ctx, (t.arguments as Node[])[0], 'no-work') : undefined;
    if (link === undefined) return undefined;
    links.push(link);
  }
  return links;
}

/**
 * The bus held in `name`, or its name or ARN, is handed out of the module: kept in a field other stacks
 * read (`this.bus = bus`, `this.eventBusName = bus.eventBusName`), returned, published as an output's or
 * a parameter's value (`new CfnOutput(this, id, { value: bus.eventBusArn })`, `stringValue: ...`), or given
 * to another construct in its props (`new PersistEvents(this, id, { eventBus })`), whose rules are not here.
 *
 * @example
 * leavesModule(ctx, 'eventBus') // true for `this.eventBusName = eventBus.eventBusName`
 */
export function leavesModule(ctx: ModuleContext, name: string): boolean {
  if (name.startsWith('this.')) return true;
  // The whole name, literally: `bus.eventBusName` must not match `busXeventBusName`, nor `bus` match `bus$2`.
  const held = escapeRegExp(name);
  if (
    new RegExp(
      `(?:\\bthis\\.[\\w$]+\\s*=|\\breturn\\b|\\b(?:value|stringValue)\\s*:)\\s*${held}(?![\\w$])`,
    ).test(ctx.source)
  )
    return true;
  for (const node of ctx.of('NewExpression')) {
    if (memberPath(node.callee)?.at(-1) === 'Rule') continue;
    const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]));
    for (const value of props?.props.values() ?? [])
      if (unwrap(value)?.type === 'Identifier' && unwrap(value)?.name === name) return true;
  }
  return false;
}

function declaredName(ctx: ModuleContext, node: Node): string | undefined {
  const parent = ctx.parentOf(node);
  return parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier'
    ? (parent.id.name as string)
    : undefined;
}

function addedTargets(ctx: ModuleContext, rule: string): Node[] {
  const out: Node[] = [];
  for (const call of ctx.of('CallExpression'))
    if (memberPath(call.callee)?.join('.') === `${rule}.addTarget` && call.arguments[0] !== undefined)
      out.push(call.arguments[0] as Node);
  return out;
}
