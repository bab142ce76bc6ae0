// swallowed-error: the first link of a fallback chain. `try { return await primary() } catch (e) { log(e) }`
// followed by a second attempt whose failure propagates (`try { return await backup() } catch (e) { log(e);
// throw e }`, or an unguarded `return await backup()`): the logged failure only sends the function on to the
// backup (a second key, region or replica), and when that fails too the caller gets the error. Nothing
// passes for success, so the log line is not a swallowed failure. The primary may answer from an `if` that
// ends its try (a cache hit: `if (head.ETag) return audio(...)`), and the try may end an `if (conn)` block
// (a ping of a kept connection): the miss, the failure and the false test all reach the same backup.
import { type Node, objectProps, unwrap } from '../ast.js';
import { isDefaultValue } from '../emptyValues.js';
import type { ModuleContext } from '../ModuleContext.js';
import { doesIo } from './catchFacts.js';

/** `return <value>`: an answer of its own, not `return`, `return null` or `return []`-like defaults. */
function returnsAnswer(s: Node | undefined): boolean {
  return s?.type === 'ReturnStatement' && s.argument != null && !isDefaultValue(s.argument);
}

/**
 * The try's answer at its end: its last statement's `return <value>` (`direct`), or the `return` ending the
 * block of an `if` (with no `else`) that is its last statement (`if (head.ETag) { ...; return { statusCode:
 * 200, body } }`, a cache hit). When the test fails the try falls out to what follows it as its catch does,
 * so that code is the answer's other source either way.
 */
function answerAtEnd(s: Node | undefined): { answer: Node; direct: boolean } | undefined {
  if (returnsAnswer(s)) return { answer: (s as Node).argument as Node, direct: true };
  if (s?.type !== 'IfStatement' || s.alternate != null) return undefined;
  const then = s.consequent as Node;
  const last = then.type === 'BlockStatement' ? (then.body as Node[]).at(-1) : then;
  return returnsAnswer(last) ? { answer: (last as Node).argument as Node, direct: false } : undefined;
}

/** The status an answer spells: `reply(409, ...)`'s first argument, `{ statusCode: 201 }`; else undefined. */
function statusOf(answer: Node | undefined): unknown {
  const a = unwrap(answer);
  const first = a?.type === 'CallExpression' ? unwrap((a.arguments as Node[])[0]) : undefined;
  if (first?.type === 'Literal' && typeof first.value === 'number') return first.value;
  const props = objectProps(a)?.props;
  const status = unwrap(props?.get('statusCode') ?? props?.get('status'));
  return status?.type === 'Literal' && typeof status.value === 'number' ? status.value : undefined;
}

/** A try that answers on success and whose catch ends by throwing: the backup's failure reaches the caller. */
function guardedBackup(s: Node): boolean {
  if (s.type !== 'TryStatement' || s.handler == null || s.finalizer != null) return false;
  const handled = ((s.handler as Node).body as Node).body as Node[];
  return (
    returnsAnswer(((s.block as Node).body as Node[]).at(-1)) && handled.at(-1)?.type === 'ThrowStatement'
  );
}

/**
 * The statements that run after `statement` when it falls out: the rest of its block, or, when it ends the
 * block of an `if` with no `else` (`if (cached) { try { ...; return cached } catch (e) { log(e) } }`), the
 * statements after that `if`, which the false test reaches too.
 */
function after(ctx: ModuleContext, statement: Node): Node[] {
  const block = ctx.parentOf(statement);
  if (block?.type !== 'BlockStatement') return [];
  const statements = block.body as Node[];
  const rest = statements.slice(statements.indexOf(statement) + 1);
  const owner = ctx.parentOf(block);
  if (
    rest.length > 0 ||
    owner?.type !== 'IfStatement' ||
    owner.consequent !== block ||
    owner.alternate != null
  )
    return rest;
  return after(ctx, owner);
}

/**
 * The try returns its answer on success (answersAtEnd), and what follows it (after) is a backup attempt
 * that does I/O and either answers or throws: a guarded one whose catch rethrows, or statements with no try
 * at all ending in a return of an answer.
 */
export function fallsToBackup(ctx: ModuleContext, tryStatement: Node): boolean {
  const primary = answerAtEnd(((tryStatement.block as Node).body as Node[]).at(-1));
  if (primary === undefined) return false;
  const rest = after(ctx, tryStatement);
  const [next] = rest;
  if (next === undefined) return false;
  // Reached through an `if` (of the try, or around it), the backup must give the answer the primary gives:
  // `if (existing) return reply(409)` then a put and `reply(201)` is a guard before a write, not a cache hit
  // (a failed read then overwrites what may exist).
  const backupAnswer =
    next.type === 'TryStatement'
      ? (((next.block as Node).body as Node[]).at(-1)?.argument as Node | undefined)
      : (rest.at(-1)?.argument as Node | undefined);
  const climbed = ctx.parentOf(tryStatement) !== ctx.parentOf(next);
  if ((!primary.direct || climbed) && statusOf(primary.answer) !== statusOf(backupAnswer)) return false;
  if (next.type === 'TryStatement') return guardedBackup(next) && doesIo(ctx, next.block as Node);
  return (
    !rest.some((s) => s.type === 'TryStatement') &&
    returnsAnswer(rest.at(-1)) &&
    rest.some((s) => doesIo(ctx, s))
  );
}
