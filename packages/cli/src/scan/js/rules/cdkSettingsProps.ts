// Event source options kept in a settings object of the stack's module and read out by destructuring:
// `const { eventSource: eventSourceSettings } = settings().patientCreate;` then
// `new SqsEventSource(queue, eventSourceSettings)`, where `settings()` returns `{ patientCreate }` and
// `patientCreate` is a literal `{ ..., eventSource: { batchSize: 1, reportBatchItemFailures: true } }`.
// `ModuleContext.valueOf` follows `const a = b` only; a name bound by an object pattern has no init of its
// own, so the options were unseen and the source reported as lacking `reportBatchItemFailures`.
import { isFunction, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The value of property `key` of an object literal (a shorthand `{ x }` gives the identifier `x`). */
function propertyValue(obj: Node, key: string): Node | undefined {
  for (const p of obj.properties as Node[]) {
    if (p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === key)
      return p.value as Node;
  }
  return undefined;
}

/** What a function of the module returns: an arrow's expression body, or a block's last top-level `return`. */
function returned(fn: Node): Node | undefined {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return body;
  const last = (body.body as Node[]).findLast((s) => s.type === 'ReturnStatement');
  return last?.argument as Node | undefined;
}

/**
 * The object literal an expression stands for, through constants, property reads (`settings.x`), calls of a
 * module function taking no arguments (`settings()`), and names bound by destructuring such an object.
 * @example
 * settingsObject(ctx, id) // `eventSourceSettings` of `const { eventSource: eventSourceSettings } = settings().x` -> the `eventSource` literal
 */
export function settingsObject(ctx: ModuleContext, node: Node | undefined, depth = 0): Node | undefined {
  if (depth > 8) return undefined;
  const n = unwrap(ctx.valueOf(node));
  if (n === undefined) return undefined;
  if (n.type === 'ObjectExpression') return n;
  if (n.type === 'MemberExpression' && !n.computed) {
    const obj = settingsObject(ctx, n.object as Node, depth + 1);
    const key = propertyName(n.property as Node);
    const v = obj === undefined || key === undefined ? undefined : propertyValue(obj, key);
    return v === undefined ? undefined : settingsObject(ctx, v, depth + 1);
  }
  if (n.type === 'CallExpression' && (n.arguments as Node[]).length === 0) {
    const fn = ctx.functionOf(n.callee as Node);
    return fn === undefined || !isFunction(fn) ? undefined : settingsObject(ctx, returned(fn), depth + 1);
  }
  if (n.type === 'Identifier') return destructured(ctx, n, depth);
  return undefined;
}

/** A constant bound by an object pattern (`const { eventSource: es } = source`): `source`'s property. */
function destructured(ctx: ModuleContext, id: Node, depth: number): Node | undefined {
  const b = ctx.resolve(id.name as string, id);
  const decl = b?.declaration;
  if (b?.kind !== 'const' || decl?.type !== 'VariableDeclarator') return undefined;
  const pattern = decl.id as Node;
  if (pattern.type !== 'ObjectPattern') return undefined;
  const prop = (pattern.properties as Node[]).find(
    (p) =>
      p.type === 'Property' &&
      unwrap(p.value as Node)?.type === 'Identifier' &&
      unwrap(p.value as Node)?.name === id.name,
  );
  const key = prop === undefined ? undefined : propertyName(prop.key as Node, prop.computed as boolean);
  const source = key === undefined ? undefined : settingsObject(ctx, decl.init as Node, depth + 1);
  const v = source === undefined || key === undefined ? undefined : propertyValue(source, key);
  return v === undefined ? undefined : settingsObject(ctx, v, depth + 1);
}
