// CDK stacks and constructs keep what they build in class fields (`this.queue = new Queue(...)`,
// `this.worker = createLambda({...})`): a rule that meets `this.queue` reads the one value the module
// assigns to that field. Shared by the construct readers (cdkHandlers.ts) and the helper readers
// (cdkHelperProps.ts), which ask for a `new` and a call respectively, and by googleApis.ts for the clients a
// service class keeps (`this.client = new google.auth.OAuth2(...)`).
import { memberPath, type Node, unwrap } from '../ast.js';
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

/**
 * What a member chain that starts at a class field is built from: the one `new` or call the module assigns
 * to that field (`this.client = new google.auth.OAuth2({...})` for `this.client.getToken`, `this.sheets =
 * google.sheets(...)` for `this.sheets.spreadsheets.values.get`), so a client kept in a field is judged as
 * a local holding it would be; undefined when the chain does not start at `this.<field>` or the field is
 * assigned no such value, or more than one.
 * @example
 * fieldChainValue(ctx, calleeOf(thisClientGetToken)) // the `new google.auth.OAuth2({...})` node
 */
export function fieldChainValue(ctx: ModuleContext, callee: Node): Node | undefined {
  let held = unwrap(callee.object as Node);
  while (held?.type === 'MemberExpression' && unwrap(held.object as Node)?.type === 'MemberExpression')
    held = unwrap(held.object as Node);
  if (held?.type !== 'MemberExpression' || unwrap(held.object as Node)?.type !== 'ThisExpression')
    return undefined;
  return fieldAssigned(ctx, held, 'NewExpression') ?? fieldAssigned(ctx, held, 'CallExpression');
}
