// iac-gateway-timeout-exceeds-lambda for functions built in a loop over a route table: projects list their
// routes as data (`{ method: 'POST', path: 'create', entry, timeoutSeconds: 90 }`) and build one function and
// one integration per entry (`for (const route of domain.routes) { new NodejsFunction(this, id, { timeout:
// Duration.seconds(route.timeoutSeconds ?? 30) }); new HttpLambdaIntegration(id, fn) }`). Each entry's own
// value is the timeout that function runs with, and the `?? 30` default is what every entry without one
// runs with: the fix changes those lines. Only a table written in the loop's own module is read: a table
// typed with a project type in another module is not joined to its loop, because nothing here shows that
// the table reaches it (a type alone keeps unused and dead tables), so its entries are not judged.
import { visitorKeys } from 'oxc-parser';
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import { calleeName, memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** `Duration.<unit>(n)`: seconds per unit. */
const UNITS: Readonly<Record<string, number>> = { seconds: 1, minutes: 60, hours: 3600 };

/** Array methods whose callback runs once per element, unconditionally. */
const EACH = new Set(['map', 'forEach', 'flatMap']);

/** Ancestors between an integration and its loop's body that run it only sometimes. */
const CONDITIONAL = new Set(['IfStatement', 'ConditionalExpression', 'LogicalExpression', 'SwitchCase']);

const MESSAGE = (seconds: number, limit: number) =>
  `route table timeout ${seconds}s is at least API Gateway's ${limit}s integration timeout: clients get 504 while the function keeps running`;

/** The array a loop variable walks and the loop's body: `for (const r of xs)`, `xs.map((r) => ...)`. */
function loopOf(ctx: ModuleContext, id: Node): { iterable: Node; body: Node } | undefined {
  const binding = ctx.resolve(id.name as string, id);
  if (binding === undefined) return undefined;
  if (binding.kind === 'param') {
    const fn = ctx.parentOf(binding.declaration);
    const call = fn === undefined ? undefined : ctx.parentOf(fn);
    const callee = unwrap(call?.callee as Node | undefined);
    if (fn === undefined || call?.type !== 'CallExpression' || (call.arguments as Node[])[0] !== fn)
      return undefined;
    if (callee?.type !== 'MemberExpression' || !EACH.has(propertyName(callee.property as Node) ?? ''))
      return undefined;
    if ((fn.params as Node[])[0] !== binding.declaration) return undefined;
    return { iterable: callee.object as Node, body: fn.body as Node };
  }
  const declaration = ctx.parentOf(binding.declaration);
  const loop = declaration === undefined ? undefined : ctx.parentOf(declaration);
  if (loop?.type !== 'ForOfStatement' || loop.left !== declaration) return undefined;
  if ((binding.declaration.id as Node).type !== 'Identifier') return undefined;
  return { iterable: loop.right as Node, body: loop.body as Node };
}

/** True when `node` lies inside `outer`'s source range. */
function within(node: Node, outer: Node): boolean {
  return (node.start as number) >= (outer.start as number) && (node.end as number) <= (outer.end as number);
}

/** Statements that end a pass of the loop early, when they are the loop's own. */
const EXITS = new Set(['ReturnStatement', 'BreakStatement', 'ContinueStatement', 'ThrowStatement']);

/** The nodes under `node` that start before `before`, in source order (these jump types are not indexed). */
function* nodesBefore(node: Node, before: number): Generator<Node> {
  if ((node.start as number) >= before) return;
  yield node;
  for (const key of visitorKeys[node.type] ?? []) {
    const child = node[key] as Node | Node[] | null | undefined;
    for (const c of Array.isArray(child) ? child : [child])
      if (c !== null && typeof c === 'object' && typeof c.type === 'string') yield* nodesBefore(c, before);
  }
}

/** Loops an unlabelled `break`/`continue` inside them ends instead of the outer loop. */
const INNER = new Set([
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
]);

/** True when `exit`, a jump inside `body`, targets an inner loop or switch rather than the loop of `body`. */
function innerJump(ctx: ModuleContext, exit: Node, body: Node): boolean {
  if (exit.type !== 'BreakStatement' && exit.type !== 'ContinueStatement') return false;
  if (exit.label) return false; // a labelled jump may leave the outer loop: count it
  for (let n = ctx.parentOf(exit); n !== undefined && n !== body; n = ctx.parentOf(n))
    if (INNER.has(n.type) || (exit.type === 'BreakStatement' && n.type === 'SwitchStatement')) return true;
  return false;
}

/**
 * True when every pass of the loop builds the integration: no branch between the body and the integration,
 * and no `return`, `break`, `continue` or `throw` of the loop's own before it (`if (r.queue) { ...; return }`
 * in a forEach callback skips that entry just as `continue` does). A loop that routes some entries and
 * subscribes others to a queue makes the table's timeouts no API's matter.
 */
function routesEveryEntry(ctx: ModuleContext, body: Node, integration: Node): boolean {
  if (!within(integration, body)) return false;
  for (let n = ctx.parentOf(integration); n !== undefined && n !== body; n = ctx.parentOf(n))
    if (CONDITIONAL.has(n.type)) return false;
  const own = ctx.enclosingFunction(integration);
  for (const exit of nodesBefore(body, integration.start as number)) {
    if (!EXITS.has(exit.type)) continue;
    // A jump inside a nested callback or an inner loop ends that, not this pass.
    if (ctx.enclosingFunction(exit) !== own || innerJump(ctx, exit, body)) continue;
    return false;
  }
  return true;
}

/**
 * For a routed function construct built in a loop over a route table whose timeout reads the entry
 * (`Duration.seconds(route.timeoutSeconds ?? 30)`): reports the default and the entries of a table in
 * this module (a table from another module is not judged). True when the timeout is such a read.
 * @example
 * tableTimeouts(ctx, construct, integration, 30, report) // reports `30` of `route.timeoutSeconds ?? 30`
 */
export function tableTimeouts(
  ctx: ModuleContext,
  construct: Node,
  integration: Node,
  limit: number,
  report: Report,
): boolean {
  const t = unwrap(objectProps(ctx.valueOf((construct.arguments as Node[])[2]))?.props.get('timeout'));
  const unit = t?.type === 'CallExpression' ? UNITS[calleeName(t) ?? ''] : undefined;
  if (t?.type !== 'CallExpression' || unit === undefined) return false;
  const inner = unwrap((t.arguments as Node[])[0]);
  const logical = inner?.type === 'LogicalExpression' && (inner.operator === '??' || inner.operator === '||');
  const read = unwrap(logical ? (inner?.left as Node) : inner);
  const path = memberPath(read);
  const entry = unwrap(read?.object as Node | undefined);
  if (read?.type !== 'MemberExpression' || path?.length !== 2 || entry?.type !== 'Identifier') return false;
  const loop = loopOf(ctx, entry);
  if (loop === undefined || !within(construct, loop.body) || !routesEveryEntry(ctx, loop.body, integration))
    return false;
  const field = path[1] as string;
  const fallback = logical ? unwrap(ctx.valueOf(inner?.right as Node) ?? (inner?.right as Node)) : undefined;
  if (fallback?.type === 'Literal' && typeof fallback.value === 'number') {
    const seconds = fallback.value * unit;
    if (outlivesGateway(seconds, limit))
      report('iac-gateway-timeout-exceeds-lambda', fallback, MESSAGE(seconds, limit));
  }
  const table = unwrap(ctx.valueOf(loop.iterable));
  if (table?.type === 'ArrayExpression') {
    for (const element of table.elements as Node[]) {
      const value = unwrap(objectProps(ctx.valueOf(element))?.props.get(field));
      if (value?.type !== 'Literal' || typeof value.value !== 'number') continue;
      if (outlivesGateway(value.value * unit, limit))
        report('iac-gateway-timeout-exceeds-lambda', value, MESSAGE(value.value * unit, limit));
    }
    return true;
  }
  return true;
}
