// iac-no-event-archive in CDK code: which `new EventBus(...)` is a bus whose events are worth replaying.
// `new targets.EventBus(bus)` (aws-events-targets) is a rule target pointing at a bus, not a bus; and a
// bus whose every rule forwards to another bus (a spoke account's bus feeding a hub) only passes events
// on: the archive belongs to the bus they land on, where they are consumed.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

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

function targetsAreBuses(ctx: ModuleContext, list: Node | undefined): boolean {
  const array = ctx.valueOf(list) ?? unwrap(list);
  if (array?.type !== 'ArrayExpression') return false;
  const elements = array.elements as (Node | null)[];
  return (
    elements.length > 0 &&
    elements.every((e) => {
      const v = e === null ? undefined : (ctx.valueOf(e) ?? unwrap(e));
      return v !== undefined && isBusTarget(ctx, v);
    })
  );
}

/**
 * The bus held in `name` has at least one rule in this module, and every one of its rules only forwards
 * to other buses (`targets: [new targets.EventBus(hub)]`, `rule.addTarget(new targets.EventBus(hub))`).
 *
 * @example
 * onlyForwards(ctx, 'spokeBus') // new Rule(this, 'R', { eventBus: spokeBus, targets: [hubTarget] }) -> true
 */
export function onlyForwards(ctx: ModuleContext, name: string): boolean {
  let rules = 0;
  for (const node of ctx.of('NewExpression')) {
    if (memberPath(node.callee)?.at(-1) !== 'Rule') continue;
    const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]));
    if (memberPath(props?.props.get('eventBus'))?.join('.') !== name) continue;
    rules++;
    if (props?.spread) return false;
    const ruleName = declaredName(ctx, node);
    const added = ruleName === undefined ? [] : addedTargets(ctx, ruleName);
    const listed = props?.props.get('targets');
    if (listed === undefined && added.length === 0) return false;
    if (listed !== undefined && !targetsAreBuses(ctx, listed)) return false;
    if (!added.every((t) => isBusTarget(ctx, ctx.valueOf(t) ?? (unwrap(t) as Node)))) return false;
  }
  return rules > 0;
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
