// Per-item reads gathered into a collection: `for (const file of files) { try { const text = await
// drive.getFileContent(file.id); contents.push({ name: file.name, text }) } catch (e) { log(e) } }`, then
// the collection is used as a whole (a context for an answer, a list to show). The try only reads and only
// adds to a collection made before the loop; its failure leaves one item out of what is gathered, which is
// the degradation such code chooses, and loses no work of its own, as long as the collection then goes
// nowhere but a log line (valueGoesNowhere.ts). Returned, written (`rows.join('\n')` into a PutObject,
// `records.map(...)` into a BatchWrite), looped over for writes, or asked about an item, what was gathered
// goes on as if complete, and the left-out item is lost or recreated. A loop whose try writes, or sets
// anything else the function goes on with, is not this.
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { onlyReads } from './readOnlyTry.js';
import { goesNowhere } from './valueGoesNowhere.js';

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
  // whole; and from the loop on, where its declaration reaches, every use of it only ends in a log line.
  return targets.every((name) => {
    const scope = declaredAround(ctx, fn, name, loop);
    return scope !== undefined && goesNowhere(ctx, scope, name, loop.start, block);
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
