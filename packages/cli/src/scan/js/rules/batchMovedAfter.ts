// A job that selects its own work leaves a batch entry that failed where the run found it, and the next
// run sends it again (rules/partialBatch.ts excuses such a job). A move breaks that: the job writes the
// page elsewhere (an archive) and then deletes the same page from where it selected it, so the entries the
// write left in its leftovers (UnprocessedItems) are in neither place and no later run can find them.
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { V2_METHODS } from './batchApis.js';
import { DELETE_CALL, later } from './catchAfter.js';

/** The input a command is built with, resolved through local names (`new BatchWriteItemCommand(removal)`). */
function inputOf(ctx: ModuleContext, command: Node): Node | undefined {
  // A v2 call (`db.batchWriteItem(params)`) takes its input as a command's constructor does.
  const arg = (command.arguments as Node[])[0];
  return ctx.valueOf(arg) ?? unwrap(arg);
}

/** The names mapped into the input (`batch.map(...)`): which collection the command is about. */
function mappedNames(input: Node | undefined): Set<string> {
  const names = new Set<string>();
  if (input === undefined) return names;
  const visit = (n: Node) => {
    if (n.type === 'CallExpression' && /^(map|flatMap|forEach)$/.test(calleeName(n) ?? '')) {
      const receiver = unwrap(unwrap(n.callee)?.object);
      if (receiver?.type === 'Identifier') names.add(receiver.name as string);
    }
    return false;
  };
  visit(input);
  someDescendant(input, visit);
  // A builder call (`puts(table, batch)`): the names it is handed stand for what it maps.
  if (input.type === 'CallExpression')
    for (const a of input.arguments as Node[])
      if (unwrap(a)?.type === 'Identifier') names.add(unwrap(a)?.name);
  return names;
}

/** `new X(...)` or a v2 call sent in `statement` that deletes: a `Delete*Command`, `db.deleteItem(...)`, or a batch write of `DeleteRequest`s. */
function deleteCommands(ctx: ModuleContext, statement: Node): Node[] {
  const found: Node[] = [];
  someDescendant(statement, (n) => {
    const name =
      n.type === 'NewExpression'
        ? (unwrap(n.callee)?.name as string | undefined)
        : n.type === 'CallExpression'
          ? calleeName(n)
          : undefined;
    if (name === undefined) return false;
    const input = inputOf(ctx, n);
    const text = input === undefined ? '' : ctx.source.slice(input.start, input.end);
    if (
      /^Delete\w*Command$/.test(name) ||
      (n.type === 'CallExpression' && DELETE_CALL.test(name)) ||
      (/^(BatchWrite(Item)?Command|batchWrite(Item)?)$/.test(name) && text.includes('DeleteRequest'))
    )
      found.push(n);
    return false;
  });
  return found;
}

/** The command the report is about: the node itself, the command a `send` carries, or a v2 batch call. */
function commandOf(ctx: ModuleContext, node: Node): Node | undefined {
  if (node.type === 'NewExpression') return node;
  if (node.type !== 'CallExpression') return undefined;
  const callee = unwrap(node.callee);
  if (calleeName(node) === 'promise' && callee?.type === 'MemberExpression')
    return commandOf(ctx, unwrap(callee.object as Node) as Node);
  if (calleeName(node) !== 'send') return V2_METHODS.includes(calleeName(node) ?? '') ? node : undefined;
  const command = ctx.valueOf((node.arguments as Node[])[0]);
  return command?.type === 'NewExpression' ? command : undefined;
}

/**
 * After the batch `command` (a write, sent in a statement of its function), the same collection it was
 * built from is deleted: `removal` maps `batch` as the archive write did.
 * @example
 * // await db.send(new BatchWriteItemCommand(puts(ARCHIVE, batch))); ...; await db.send(new BatchWriteItemCommand({ ...batch.map(toDelete) }))
 * deletedAfterMove(ctx, archiveCommand) // true
 */
export function deletedAfterMove(ctx: ModuleContext, node: Node): boolean {
  const command = commandOf(ctx, node);
  if (command === undefined) return false;
  const written = mappedNames(inputOf(ctx, command));
  if (written.size === 0) return false;
  for (let n: Node = node, p = ctx.parentOf(n); p !== undefined; n = p, p = ctx.parentOf(p)) {
    if (
      p.type === 'FunctionDeclaration' ||
      p.type === 'FunctionExpression' ||
      p.type === 'ArrowFunctionExpression'
    )
      return false;
    if (p.type !== 'BlockStatement') continue;
    for (const s of later(ctx, n))
      for (const d of deleteCommands(ctx, s))
        if (d !== command && [...mappedNames(inputOf(ctx, d))].some((x) => written.has(x))) return true;
  }
  return false;
}
