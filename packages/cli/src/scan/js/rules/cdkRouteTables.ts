// iac-gateway-timeout-exceeds-lambda for functions built in a loop over a route table: projects list their
// routes as data (`{ method: 'POST', path: 'create', entry, timeoutSeconds: 90 }`) and build one function and
// one integration per entry (`for (const route of domain.routes) { new NodejsFunction(this, id, { timeout:
// Duration.seconds(route.timeoutSeconds ?? 30) }); new HttpLambdaIntegration(id, fn) }`). Each entry's own
// value is the timeout that function runs with, and the `?? 30` default is what every entry without one
// runs with: the fix changes those lines. The loop's module sees the route and the default; the table often
// sits in another module, typed with a project type (`(): DomainRoutes => ({ routes: [...] })`). The loop
// records the type and the path it reads (`routes.[].timeoutSeconds` of DomainRoutes) as a FieldRoute; a
// table module raises a candidate at each such entry, kept by the project pass only where a loop of the same
// type and path routes it to an API whose integration waits less (constructFields.ts).
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import { calleeName, memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import { declaredTypes, type TypeRef, typeRefOf } from '../declaredTypes.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';

/** `Duration.<unit>(n)`: seconds per unit. */
const UNITS: Readonly<Record<string, number>> = { seconds: 1, minutes: 60, hours: 3600 };

/** Array methods whose callback runs once per element, unconditionally. */
const EACH = new Set(['map', 'forEach', 'flatMap']);

/** A table entry's key naming the function's timeout in seconds or a Duration unit (not milliseconds). */
const TIMEOUT_KEY = /^timeout(?:Seconds|Secs?|InSeconds|Minutes)?$/i;

/** Ancestors between an integration and its loop's body that run it only sometimes. */
const CONDITIONAL = new Set(['IfStatement', 'ConditionalExpression', 'LogicalExpression', 'SwitchCase']);

const MESSAGE = (seconds: number, limit: number) =>
  `route table timeout ${seconds}s is at least API Gateway's ${limit}s integration timeout: clients get 504 while the function keeps running`;

const ENTRY_MESSAGE = (value: number) =>
  `route table timeout ${value} is at least the integration timeout of the API Gateway route a loop builds from this entry: clients get 504 while the function keeps running`;

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

/**
 * True when every pass of the loop builds the integration: no `continue` in the body and no branch between
 * the body and the integration. A loop that routes some entries and subscribes others to a queue makes
 * the table's timeouts no API's matter.
 */
function routesEveryEntry(ctx: ModuleContext, body: Node, integration: Node): boolean {
  if (!within(integration, body)) return false;
  // A skipped entry (`if (r.queue) { ...; continue }`) leaves some functions off the API: read as text.
  if (/\bcontinue\b/.test(ctx.source.slice(body.start as number, body.end as number))) return false;
  for (let n = ctx.parentOf(integration); n !== undefined && n !== body; n = ctx.parentOf(n))
    if (CONDITIONAL.has(n.type)) return false;
  return true;
}

/** A type annotation's named type, and whether the value is an array of it: `RouteDef[]` -> RouteDef, true. */
function namedType(
  ctx: ModuleContext,
  annotation: Node | undefined | null,
): { ref: TypeRef; array: boolean } | undefined {
  let t = annotation?.type === 'TSTypeAnnotation' ? (annotation.typeAnnotation as Node) : annotation;
  if (t?.type === 'TSTypeOperator') t = t.typeAnnotation as Node; // `readonly RouteDef[]`
  if (t?.type === 'TSArrayType') {
    const ref = typeRefOf(ctx, t.elementType as Node);
    return ref === undefined ? undefined : { ref, array: true };
  }
  const ref = typeRefOf(ctx, t);
  return ref === undefined ? undefined : { ref, array: false };
}

/**
 * The project type a loop's array is read from and the path to it: `domain.routes` where `domain` comes
 * from constructor props typed with a local interface whose `domain` is an imported DomainRoutes ->
 * DomainRoutes and `routes`. Local types are walked through; the first imported one is the answer.
 */
function iterableType(ctx: ModuleContext, iterable: Node): { ref: TypeRef; path: string[] } | undefined {
  const path = memberPath(unwrap(iterable));
  if (path === undefined || path.length === 0) return undefined;
  const rootId = unwrap(iterable);
  let root = rootId?.type === 'Identifier' ? rootId : undefined;
  for (let n = unwrap(iterable); n?.type === 'MemberExpression'; n = unwrap(n.object as Node))
    root = unwrap(n.object as Node);
  if (root?.type !== 'Identifier') return undefined;
  const names = [...path];
  let binding = ctx.resolve(root.name as string, root);
  // `const { domain } = props`: the member `domain` of what `props` is.
  const id = binding?.declaration.id as Node | undefined;
  if (binding?.declaration.type === 'VariableDeclarator' && id?.type === 'ObjectPattern') {
    const from = unwrap(binding.declaration.init as Node);
    if (from?.type !== 'Identifier') return undefined;
    names.unshift(from.name as string);
    binding = ctx.resolve(from.name as string, from);
  }
  if (binding === undefined) return undefined;
  const annotation =
    binding.kind === 'param'
      ? (binding.declaration.typeAnnotation as Node | undefined)
      : ((binding.declaration.id as Node | undefined)?.typeAnnotation as Node | undefined);
  let current = namedType(ctx, annotation);
  names.shift();
  const shapes = declaredTypes(ctx) ?? {};
  while (current !== undefined && current.ref.source === undefined && names.length > 0) {
    const member = shapes[current.ref.name]?.members[names.shift() as string];
    current = member === undefined ? undefined : { ref: member, array: false };
  }
  if (current?.ref.source === undefined || !current.ref.source.startsWith('.')) return undefined;
  // The path from a value of the type to the entries' elements: an array of it is walked by the loop itself.
  if (current.array) return names.length === 0 ? { ref: current.ref, path: [] } : undefined;
  return { ref: current.ref, path: [...names, '[]'] };
}

/**
 * For a routed function construct built in a loop over a route table whose timeout reads the entry
 * (`Duration.seconds(route.timeoutSeconds ?? 30)`): reports the default and the entries of a table in
 * this module, and records a table typed in another module as routed. True when the timeout is such a read.
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
  const typed = iterableType(ctx, loop.iterable);
  if (typed?.ref.source !== undefined)
    ctx.fieldRoutes.push({
      owner: { from: ctx.file, source: typed.ref.source, name: typed.ref.name },
      field: [...typed.path, field].join('.'),
      // The entry's number is in the loop's unit: compare it against the limit in that unit.
      limit: limit / unit,
    });
  return true;
}

/**
 * The annotation typing the value an entry sits in, and the path from that value down to the entry's key:
 * `export const auditDomain = (): DomainRoutes => ({ routes: [{ timeoutSeconds: 60 }] })` -> DomainRoutes,
 * `routes.[].timeoutSeconds`.
 */
function entryType(
  ctx: ModuleContext,
  property: Node,
  key: string,
): { annotation: Node; path: string[] } | undefined {
  const path = [key];
  let node = ctx.parentOf(property);
  for (let depth = 0; node !== undefined && depth < 8; depth++) {
    const parent = ctx.parentOf(node);
    if (parent === undefined) return undefined;
    if (parent.type === 'Property' && parent.value === node) {
      const name = propertyName(parent.key as Node, parent.computed as boolean);
      if (name === undefined) return undefined;
      path.unshift(name);
      node = ctx.parentOf(parent);
      continue;
    }
    if (parent.type === 'ArrayExpression') path.unshift('[]');
    else if (parent.type === 'TSAsExpression' || parent.type === 'TSSatisfiesExpression')
      return { annotation: parent.typeAnnotation as Node, path };
    else if (parent.type === 'VariableDeclarator') {
      const annotation = (parent.id as Node).typeAnnotation as Node | undefined;
      return annotation === undefined ? undefined : { annotation, path };
    } else if (
      parent.type === 'ReturnStatement' ||
      (parent.type === 'ArrowFunctionExpression' && parent.body === node)
    ) {
      const annotation = ctx.enclosingFunction(node)?.returnType as Node | undefined;
      return annotation === undefined ? undefined : { annotation, path };
    } else if (parent.type !== 'ParenthesizedExpression') return undefined;
    node = parent;
  }
  return undefined;
}

/**
 * Raises a candidate at each timeout entry of a route table typed with a project type, kept where a loop
 * over that type routes the entries to an API (tableTimeouts above).
 * @example
 * routeTableEntryRules(ctx, report) // at `90` in `(): DomainRoutes => ({ routes: [{ path: 'x', timeoutSeconds: 90 }] })`
 */
export const routeTableEntryRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!/\btimeout\w*\s*:\s*\d/i.test(ctx.source) || !ctx.spells('import')) return;
  for (const property of ctx.of('Property')) {
    const key = propertyName(property.key as Node, property.computed as boolean);
    const value = unwrap(property.value as Node);
    if (
      key === undefined ||
      !TIMEOUT_KEY.test(key) ||
      value?.type !== 'Literal' ||
      typeof value.value !== 'number'
    )
      continue;
    const found = entryType(ctx, property, key);
    const named = found === undefined ? undefined : namedType(ctx, found.annotation);
    if (found === undefined || named?.ref.source === undefined || !named.ref.source.startsWith('.')) continue;
    // An array of the type: the path from one of its elements, as the loop over it reads them.
    if (named.array && found.path[0] !== '[]') continue;
    const path = named.array ? found.path.slice(1) : found.path;
    report('iac-gateway-timeout-exceeds-lambda', value, ENTRY_MESSAGE(value.value), {
      onlyIfFieldRouted: {
        exports: [named.ref.name],
        field: path.join('.'),
        seconds: value.value,
        typeFrom: named.ref.source,
      },
    });
  }
};
