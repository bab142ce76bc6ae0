// Where a batch command is sent: `client.send(new XCommand(...))`, or a command stored in a variable and
// sent later through `client.send`, an injected `send` or a bound one (rules/partialBatch.ts, batchWrappers.ts).
import { calleeName, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The `client.send(new XCommand(...))` a command is sent through, climbed through `await`. */
export function sendOf(
  ctx: ModuleContext,
  command: Node,
): { node: Node; parent: Node | undefined } | undefined {
  const call = ctx.parentOf(command);
  const callee = unwrap(call?.callee);
  if (call?.type !== 'CallExpression' || call.arguments[0] !== command) return undefined;
  if (callee?.type !== 'MemberExpression' || callee.property?.name !== 'send') return undefined;
  return ctx.climb(call, (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression');
}

/** The `x.send(name)` calls of the function that sends the variable a command was stored in. */
export function sendsOfVariable(ctx: ModuleContext, command: Node): Node[] {
  const parent = ctx.parentOf(command);
  const id =
    parent?.type === 'VariableDeclarator' && parent.init === command
      ? parent.id
      : parent?.type === 'AssignmentExpression' && parent.right === command
        ? parent.left
        : undefined;
  if (id?.type !== 'Identifier') return [];
  const scope = (ctx.enclosingFunction(command)?.body as Node | undefined) ?? ctx.program;
  const sends: Node[] = [];
  someDescendant(
    scope,
    (n) => {
      if (n.type === 'CallExpression' && sendsThrough(n.callee))
        if (unwrap(n.arguments[0])?.type === 'Identifier' && unwrap(n.arguments[0])?.name === id.name)
          sends.push(n);
      return false;
    },
    true,
  );
  return sends;
}

/**
 * A callee that sends a command: `client.send`, an injected `send`, `client.send.bind(client)`, or a
 * choice between them (`(send ?? client.send.bind(client))(command)`).
 */
function sendsThrough(callee: Node | undefined, depth = 0): boolean {
  const c = unwrap(callee);
  if (c === undefined || depth > 2) return false;
  if (c.type === 'MemberExpression') return propertyName(c.property, c.computed as boolean) === 'send';
  if (c.type === 'Identifier') return /^send$|Send$/.test(c.name as string);
  if (c.type === 'CallExpression')
    return calleeName(c) === 'bind' && sendsThrough(unwrap(c.callee)?.object, depth + 1);
  if (c.type === 'LogicalExpression')
    return sendsThrough(c.left, depth + 1) || sendsThrough(c.right, depth + 1);
  if (c.type === 'ConditionalExpression')
    return sendsThrough(c.consequent, depth + 1) || sendsThrough(c.alternate, depth + 1);
  return false;
}
