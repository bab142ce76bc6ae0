// The verb of an I/O call and whether its name says it only reads, shared by the rules that judge a call
// by what it does (readOnlyTry.ts for swallowed-error's best-effort reads, promiseAll.ts, createOnFailure.ts).
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A call named for a read (`getItem`, `checkCooldown`, `describeStack`, `new QueryCommand`). */
export const READ_NAME =
  /^(get|list|describe|query|scan|check|read|fetch|find|load|lookup|head|exists|is|has|validate|verify|count)([A-Z_]|$)|^(Get|List|Describe|Query|Scan|BatchGet|Head)\w*Command$/;

/**
 * A second step of a call's name that writes (`getUserAndSaveMessages`, `fetchThenUpdate`, `checkAndSendAlert`,
 * mongoose's `findByIdAndUpdate`, `getOrCreateCart`): the read verb it starts with names only its first step.
 * A write word that is no step of its own (`checkCooldownForUpdate`) leaves it a read.
 */
export const WRITE_STEP =
  /(And|Then)(Save|Store|Put|Write|Update|Upsert|Create|Insert|Send|Publish|Delete|Remove|Replace|Enqueue|Notify|Process)(?=[A-Z0-9_]|$)|Or(Create|Insert|Put|Upsert|Add)(?=[A-Z0-9_]|$)/;

/** A call named for a read (by `read`, promiseAll's list unless given), and for nothing it writes. */
export function readName(name: string, read: RegExp = READ_NAME): boolean {
  return read.test(name) && !WRITE_STEP.test(name);
}

/** The verb of an I/O call: the command's class for `client.send(new XCommand())`, the call for v2's `.promise()`. */
export function verbOf(ctx: ModuleContext, call: Node): string {
  const name = calleeName(call) ?? '';
  if (name === 'send') {
    const command = ctx.valueOf((call.arguments as Node[])[0]);
    if (command?.type === 'NewExpression') return calleeName(command) ?? '';
  }
  if (name === 'promise') {
    const inner = unwrap(unwrap(call.callee)?.object);
    if (inner?.type === 'CallExpression') return calleeName(inner) ?? '';
  }
  return name;
}
