// Per-item reads gathered into a collection: `for (const file of files) { try { const text = await
// drive.getFileContent(file.id); contents.push({ name: file.name, text }) } catch (e) { log(e) } }`, then
// the collection is used as a whole (a context for an answer, a list to show). The try only reads and only
// adds to a collection made before the loop; its failure leaves one item out of what is gathered, which is
// the degradation such code chooses, and loses no work of its own. A loop whose try writes, or sets
// anything else the function goes on with, is not this.
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { onlyReads } from './readOnlyTry.js';
import { testedAfter } from './testedAfter.js';

const LOOP = /^(For|ForIn|ForOf|While|DoWhile)Statement$/;
const ADD = /^(push|unshift|add|set)$/;

/** The try is a statement of a loop's body and, besides reading, only adds to collections declared before the loop. */
export function gatheredReads(ctx: ModuleContext, tryStatement: Node): boolean {
  const body = ctx.parentOf(tryStatement);
  const loop = body?.type === 'BlockStatement' ? ctx.parentOf(body) : undefined;
  if (loop === undefined || !LOOP.test(loop.type) || loop.body !== body) return false;
  const block = tryStatement.block as Node;
  if (someDescendant(block, (n) => n.type === 'ReturnStatement', true)) return false;
  if (!onlyReads(ctx, block)) return false;
  const fn = ctx.enclosingFunction(tryStatement);
  if (fn === undefined) return false;
  const targets: string[] = [];
  // Assignments to names of the function (not declared in the try) are other state the function goes on with.
  const declaredInTry = new Set<string>();
  someDescendant(
    block,
    (n) => {
      if (n.type === 'VariableDeclarator' && unwrap(n.id)?.type === 'Identifier')
        declaredInTry.add(n.id.name);
      return false;
    },
    true,
  );
  const other = someDescendant(
    block,
    (n) => {
      if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression') {
        let left = unwrap(n.type === 'AssignmentExpression' ? n.left : n.argument);
        while (left?.type === 'MemberExpression') left = unwrap(left.object);
        return left?.type !== 'Identifier' || !declaredInTry.has(left.name as string);
      }
      if (n.type === 'CallExpression' && ADD.test(calleeName(n) ?? '')) {
        const owner = unwrap(unwrap(n.callee)?.object);
        if (owner?.type === 'Identifier' && !declaredInTry.has(owner.name as string))
          targets.push(owner.name);
      }
      return false;
    },
    true,
  );
  if (other || targets.length === 0) return false;
  // Each collection is declared in the function before the loop, so it outlives the loop as the gathered
  // whole; and after the loop, where its declaration reaches, it only feeds values: not returned for a caller
  // to decide on, not tested, not handed whole to another call (a write of what was gathered, a create for
  // what seems missing).
  return targets.every((name) => {
    const scope = declaredAround(ctx, fn, name, loop);
    return (
      scope !== undefined &&
      !testedAfter(ctx, scope, name, loop.end) &&
      !handedOnAfter(ctx, scope, name, loop.end)
    );
  });
}

/** The block of the nearest declaration of `name` before the loop whose block holds the loop. */
function declaredAround(ctx: ModuleContext, fn: Node, name: string, loop: Node): Node | undefined {
  let scope: Node | undefined;
  let at = -1;
  someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'VariableDeclarator' || n.end > loop.start || unwrap(n.id)?.name !== name) return false;
      const block = ctx.parentOf(ctx.parentOf(n) as Node);
      if (block !== undefined && block.start <= loop.start && loop.end <= block.end && n.start > at) {
        scope = block;
        at = n.start;
      }
      return false;
    },
    true,
  );
  return scope;
}

/** Asks the gathered collection about an item (`found.includes(name)`): the code decides per item on what it holds. */
const MEMBERSHIP = /^(includes|has|indexOf|find|findIndex|some|every|filter|get)$/;

/**
 * After the loop, `name` is returned, passed whole as an argument, or asked about an item: what was
 * gathered goes on as it is, or decides what happens next.
 */
function handedOnAfter(ctx: ModuleContext, scope: Node, name: string, after: number): boolean {
  return someDescendant(scope, (n) => {
    if (n.start < after || n.type !== 'Identifier' || n.name !== name) return false;
    const parent = ctx.parentOf(n);
    return (
      parent?.type === 'ReturnStatement' ||
      (parent?.type === 'CallExpression' && (parent.arguments as Node[]).includes(n)) ||
      (parent?.type === 'ArrowFunctionExpression' && parent.body === n) ||
      (parent?.type === 'MemberExpression' &&
        parent.object === n &&
        MEMBERSHIP.test(parent.property?.name ?? '') &&
        ctx.parentOf(parent)?.type === 'CallExpression')
    );
  });
}
