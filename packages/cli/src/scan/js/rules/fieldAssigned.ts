// CDK stacks and constructs keep what they build in class fields (`this.queue = new Queue(...)`,
// `this.worker = createLambda({...})`): a rule that meets `this.queue` reads the one value the module
// assigns to that field. Shared by the construct readers (cdkHandlers.ts) and the helper readers
// (cdkHelperProps.ts), which ask for a `new` and a call respectively, and by googleApis.ts for the clients a
// service class keeps (`this.client = new google.auth.OAuth2(...)`, read per class: fieldChainValue).
import { forEachDescendant, isClass, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import { enclosingClass } from '../httpInstances.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The one node of `type` the module assigns to the class field an expression reads (`this.queue`, also
 * `this.queue!`), looked through parentheses and type assertions; undefined when it assigns none or more
 * than one.
 * @example
 * fieldAssigned(ctx, thisQueueNode, 'NewExpression') // the `new Queue(...)` of `this.queue = new Queue(this, 'Q')`
 * fieldAssigned(ctx, thisWorkerNode, 'CallExpression') // the `createLambda({...})` of `this.worker = createLambda({...})`
 */
export function fieldAssigned(
  ctx: ModuleContext,
  expr: Node | undefined,
  type: 'NewExpression' | 'CallExpression',
): Node | undefined {
  const path = memberPath(unwrap(expr));
  if (path?.length !== 2 || path[0] !== 'this') return undefined;
  const field = path.join('.');
  const sets = ctx.of(type).filter((n) => {
    // A wrapper is any node `unwrap` looks through (`as`, `!`, parentheses).
    const { parent } = ctx.climb(n, (p) => unwrap(p) !== p);
    return parent?.type === 'AssignmentExpression' && memberPath(parent.left as Node)?.join('.') === field;
  });
  return sets.length === 1 ? sets[0] : undefined;
}

/** Per class, every value each field is given (fieldValues): one walk of the class, not one per call. */
const classFieldValues = new WeakMap<Node, Map<string, Node[]>>();

/**
 * Every value `cls` gives each of its fields: an initializer, the right side of each `=` (or `??=`) to
 * `this.<field>` in the class, and for a constructor parameter property or a compound assignment the node
 * itself, which is no `new` or call and so makes the field's value unknown.
 */
function fieldValues(cls: Node): Map<string, Node[]> {
  const cached = classFieldValues.get(cls);
  if (cached !== undefined) return cached;
  const values = new Map<string, Node[]>();
  const add = (field: string | undefined, v: Node) => {
    if (field !== undefined) values.set(field, [...(values.get(field) ?? []), v]);
  };
  for (const el of cls.body.body as Node[]) {
    if (el.type === 'PropertyDefinition' && el.value) add(propertyName(el.key, el.computed), el.value);
    if (el.type !== 'MethodDefinition' || el.kind !== 'constructor') continue;
    // `constructor(private readonly client: Client)`: injected, so not what the class builds.
    for (const p of el.value.params as Node[])
      if (p.type === 'TSParameterProperty') {
        const id = p.parameter?.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
        if (id?.type === 'Identifier') add(id.name as string, p);
      }
  }
  forEachDescendant(cls.body, (n) => {
    // A nested class's `this` is another instance.
    if (isClass(n)) return false;
    if (n.type !== 'AssignmentExpression') return true;
    const left = unwrap(n.left);
    if (left?.type !== 'MemberExpression' || unwrap(left.object)?.type !== 'ThisExpression') return true;
    add(propertyName(left.property, left.computed), n.operator === '=' || n.operator === '??=' ? n.right : n);
    return true;
  });
  classFieldValues.set(cls, values);
  return values;
}

/**
 * What a member chain that starts at a class field is built from: the one `new` or call (also awaited) its
 * class gives that field (`this.client = new google.auth.OAuth2({...})` for `this.client.getToken`,
 * `private sheets = google.sheets(...)` for `this.sheets.spreadsheets.values.get`), so a client kept in a
 * field is judged as a local holding it would be; undefined when the chain does not start at `this.<field>`
 * inside a class, or the class gives the field anything else, or more than one value (an injected client,
 * a second assignment).
 * @example
 * fieldChainValue(ctx, calleeOf(thisClientGetToken)) // the `new google.auth.OAuth2({...})` node
 */
export function fieldChainValue(ctx: ModuleContext, callee: Node): Node | undefined {
  let held = unwrap(callee.object as Node);
  while (held?.type === 'MemberExpression' && unwrap(held.object as Node)?.type === 'MemberExpression')
    held = unwrap(held.object as Node);
  if (held?.type !== 'MemberExpression' || unwrap(held.object as Node)?.type !== 'ThisExpression')
    return undefined;
  const field = propertyName(held.property as Node, held.computed as boolean);
  const cls = field === undefined ? undefined : enclosingClass(ctx, held);
  const values = cls === undefined || field === undefined ? undefined : fieldValues(cls).get(field);
  if (values?.length !== 1) return undefined;
  let value = unwrap(ctx.valueOf(values[0] as Node));
  if (value?.type === 'AwaitExpression') value = unwrap(value.argument as Node);
  return value?.type === 'NewExpression' || value?.type === 'CallExpression' ? value : undefined;
}

/**
 * The one value the class gives the field `this.<field>` reads (an initializer, or a single assignment),
 * through module consts; undefined when it gives none, more than one, or the field is injected.
 * @example
 * thisFieldValue(ctx, thisSourceNode) // the `'bin/dist/handlers/'` of `private source = 'bin/dist/handlers/'`
 */
export function thisFieldValue(ctx: ModuleContext, member: Node | undefined): Node | undefined {
  const m = unwrap(member);
  if (m?.type !== 'MemberExpression' || unwrap(m.object as Node)?.type !== 'ThisExpression') return undefined;
  const field = propertyName(m.property as Node, m.computed as boolean);
  const cls = field === undefined ? undefined : enclosingClass(ctx, m);
  const values = cls === undefined || field === undefined ? undefined : fieldValues(cls).get(field);
  const only = values?.length === 1 ? values[0] : undefined;
  return only === undefined || only.type === 'TSParameterProperty' ? undefined : ctx.valueOf(only);
}
