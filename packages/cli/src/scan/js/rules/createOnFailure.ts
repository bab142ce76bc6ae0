// swallowed-error: a catch that takes any failure of a read for "not there" and creates or writes the
// thing instead (`try { account = await getAccount(id) } catch { account = await createAccount(id) }`).
// AWS and most APIs answer "not found" with one error among many (`NoSuchKey`, `ResourceNotFoundException`,
// `ParameterNotFound`, a 404, Stripe's `resource_missing`); a throttle, a timeout or a denied call takes the
// same branch, and the create then makes a duplicate (a second customer) or overwrites what exists.
import { isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode, isLogCall } from './catchFacts.js';
import { verbOf } from './ioVerbs.js';
import { constantAnswer } from './promiseCatch.js';
import type { Report } from './Report.js';

/** A read by its name: `getAccount`, `findUser`, `headObject`, `GetItemCommand`, `customers.retrieve`. */
const READ =
  /^(?:get|find|fetch|load|read|lookup|describe|head|query|retrieve|select|Get|Head|Describe|Query)(?![a-z])/;
/**
 * A create or an overwrite by its name: `createAccount`, `customers.create`, `PutItemCommand`, `save`,
 * a store's `setGameData` or `redis.set`.
 */
const WRITE =
  /^(?:create|put|save|set|insert|register|upsert|store|persist|add|write|Create|Put|Insert|Register)(?![a-z])/;

/**
 * What a call reads or writes, by its name less the verb: `getStripeCustomer` -> `stripecustomer`,
 * `getIdentityByAddress` -> `identity`, `PutObjectCommand` -> `object`; for a bare verb on a resource
 * list, the list (`stripe.customers.create` -> `customer`); '' when the name says nothing more (`put`).
 */
function nounOf(ctx: ModuleContext, call: Node): string {
  let noun = verbOf(ctx, call)
    .replace(READ, '')
    .replace(WRITE, '')
    .replace(/Command$/, '')
    .replace(/By[A-Z].*$/, '');
  if (noun === '') {
    const owner = memberPath(call.callee)?.at(-2) ?? '';
    if (owner !== 'this' && /[a-z]s$/.test(owner)) noun = owner;
  }
  return noun.toLowerCase().replace(/s$/, '');
}

/**
 * A write that cannot duplicate or overwrite: DynamoDB's `ConditionExpression: 'attribute_not_exists(pk)'`,
 * S3's conditional `IfNoneMatch: '*'`, an idempotency key (Stripe's `idempotencyKey`). It fails instead.
 */
const CONDITIONAL = /attribute_not_exists|IfNoneMatch|idempotencyKey|Idempotency-Key/;

function conditional(ctx: ModuleContext, write: Node): boolean {
  if (CONDITIONAL.test(ctx.source.slice(write.start, write.end))) return true;
  // `const params = { ..., ConditionExpression }` built beside the call and handed in by name.
  const arg = unwrap((write.arguments as Node[])[0]);
  const inner = arg?.type === 'NewExpression' ? unwrap((arg.arguments as Node[])[0]) : arg;
  const value = inner?.type === 'Identifier' ? ctx.valueOf(inner) : undefined;
  return value !== undefined && value !== inner && CONDITIONAL.test(ctx.source.slice(value.start, value.end));
}

/** The write names the thing a read looked for, or names no thing at all (`this.put(record)`, `PutCommand`). */
function sameThing(ctx: ModuleContext, reads: Node[], write: Node): boolean {
  const written = nounOf(ctx, write);
  return (
    written === '' ||
    reads.some((r) => {
      const read = nounOf(ctx, r);
      return read !== '' && (read.includes(written) || written.includes(read));
    })
  );
}

/** The awaited calls in a block that reach another system (not into nested functions). */
function ioCalls(ctx: ModuleContext, block: Node): Node[] {
  const calls: Node[] = [];
  someDescendant(
    block,
    (n) => {
      if (n.type !== 'AwaitExpression' || !isIoNode(ctx, n)) return false;
      const arg = unwrap(n.argument);
      if (arg?.type === 'CallExpression') calls.push(arg);
      return false;
    },
    true,
  );
  return calls;
}

/**
 * The call reads by its name, or calls a function of this module (`customerRecord(email)`) whose own
 * calls to other systems all read (`GetCommand`), one level down.
 */
function onlyReads(ctx: ModuleContext, call: Node, depth = 0): boolean {
  if (READ.test(verbOf(ctx, call))) return true;
  const fn = depth === 0 ? ctx.functionOf(call.callee as Node) : undefined;
  if (fn === undefined) return false;
  const inner = ioCalls(ctx, fn.body as Node);
  return inner.length > 0 && inner.every((c) => onlyReads(ctx, c, depth + 1));
}

/** The catch reads its error only in log lines (or not at all): no branch tells "not found" from the rest. */
function errorUnread(handler: Node): boolean {
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  if (handler.param != null && param === undefined) return false;
  if (param === undefined) return true;
  const body = handler.body as Node;
  const logs = (body.body as Node[]).filter((st) => isLogCall(st));
  return !someDescendant(
    body,
    (n) =>
      n.type === 'Identifier' &&
      n.name === param &&
      !logs.some((log) => log.start <= (n.start as number) && (n.end as number) <= log.end),
  );
}

/**
 * Reports a catch whose try only reads (every awaited call to another system named for a read) and
 * whose body, never testing the error, awaits a create or a write: the read's failure becomes "absent".
 */
export function createOnFailure(ctx: ModuleContext, handler: Node, report: Report): boolean {
  const tryStatement = ctx.parentOf(handler) as Node;
  const reads = ioCalls(ctx, tryStatement.block as Node);
  if (reads.length === 0 || !reads.every((c) => onlyReads(ctx, c))) return false;
  if (!errorUnread(handler)) return false;
  const writes = ioCalls(ctx, handler.body as Node).filter(
    (c) => WRITE.test(verbOf(ctx, c)) && sameThing(ctx, reads, c) && !conditional(ctx, c),
  );
  if (writes.length === 0) return false;
  const message =
    'catch takes any failure of the read for "not found" and creates or writes instead: a throttle, a timeout or a denied call makes a duplicate or overwrites what exists; test the not-found error and rethrow the rest';
  if (ctx.handlerKindAt(handler) !== undefined) {
    report('swallowed-error', handler, `${message} (on a Lambda handler path)`);
    return true;
  }
  const exported = exportsReaching(ctx, handler, true);
  if (exported.length === 0) return false;
  report('swallowed-error', handler, `${message} (in a function a Lambda handler calls)`, {
    onlyIfExportOnHandlerPath: exported,
  });
  return true;
}

/** The literal a `.catch()` handler answers (`() => false`), when it answers one. */
function failedAnswer(ctx: ModuleContext, call: Node): { value: unknown } | undefined {
  const fn = ctx.valueOf((call.arguments as Node[])[0]);
  if (fn === undefined || !isFunction(fn)) return undefined;
  const value = constantAnswer(fn.body as Node);
  return value === undefined ? undefined : { value: value.value };
}

/** `if (x)` / `if (!x)` on the flag: what the test reads when the flag holds the failure's answer. */
function testOnFailure(test: Node | undefined, name: string, failed: unknown): boolean | undefined {
  const t = unwrap(test);
  if (t?.type === 'Identifier' && t.name === name) return Boolean(failed);
  if (t?.type === 'UnaryExpression' && t.operator === '!' && unwrap(t.argument as Node)?.name === name)
    return !failed;
  return undefined;
}

const exits = (n: Node | undefined): boolean =>
  n !== undefined &&
  (n.type === 'ThrowStatement' ||
    n.type === 'ReturnStatement' ||
    (n.type === 'BlockStatement' && exits((n.body as Node[]).at(-1))));

/**
 * `const exists = await getByAddress(a).then(() => true).catch(() => false); if (exists) throw ...;
 * await put(record)`: an existence check that answers any failure of the read as "absent", on the path
 * to a write. A throttle then lets the put overwrite what exists (another owner's record). Reported at
 * the `.catch`; a yes/no answer not guarding a write is left to the caller's reading (promiseCatch.ts).
 */
export function absentBeforeWrite(ctx: ModuleContext, call: Node): boolean {
  const receiver = unwrap(unwrap(call.callee)?.object);
  const read = receiver?.type === 'CallExpression' ? unwrap(unwrap(receiver.callee)?.object) : undefined;
  if (read?.type !== 'CallExpression' || !onlyReads(ctx, read)) return false;
  const failed = failedAnswer(ctx, call);
  if (failed === undefined) return false;
  const through = (p: Node) =>
    p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression';
  const declarator = ctx.climb(call, through).parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id?.type !== 'Identifier') return false;
  const name = declarator.id.name as string;
  const fn = ctx.enclosingFunction(call);
  if (fn === undefined) return false;
  const writesIn = (n: Node | undefined, after = 0) =>
    n !== undefined &&
    ioCalls(ctx, n).some(
      (c) =>
        (c.start as number) > after &&
        WRITE.test(verbOf(ctx, c)) &&
        sameThing(ctx, [read], c) &&
        !conditional(ctx, c),
    );
  return someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'IfStatement' || (n.start as number) < declarator.end) return false;
      const onFailure = testOnFailure(n.test as Node, name, failed.value);
      if (onFailure === true) return writesIn(n.consequent as Node);
      if (onFailure === false)
        return (
          writesIn(n.alternate as Node | undefined) ||
          (exits(n.consequent as Node) && writesIn(fn.body as Node, n.end)) ||
          (throws(n.consequent as Node) && writesAfterGuard(ctx, fn, writesIn))
        );
      return false;
    },
    true,
  );
}

const throws = (n: Node | undefined): boolean =>
  n !== undefined &&
  (n.type === 'ThrowStatement' || (n.type === 'BlockStatement' && throws((n.body as Node[]).at(-1))));

/**
 * The check sits in a guard of the module that throws when the thing exists (`const assertSlugFree =
 * async (slug) => { const taken = await getPage(slug).then(() => true).catch(() => false); if (taken)
 * throw ... }`), and a caller awaits the guard as a statement and then writes in the same block
 * (`await assertSlugFree(slug); await savePage(page)`): the guard's resolving is the "absent" answer.
 */
function writesAfterGuard(
  ctx: ModuleContext,
  guard: Node,
  writesIn: (n: Node | undefined, after?: number) => boolean,
): boolean {
  for (const call of ctx.of('CallExpression')) {
    if (ctx.functionOf(call.callee as Node) !== guard) continue;
    const awaited = ctx.climb(call, (p) => p.type === 'ParenthesizedExpression');
    const statement = awaited.parent?.type === 'AwaitExpression' ? ctx.parentOf(awaited.parent) : undefined;
    const block = statement?.type === 'ExpressionStatement' ? ctx.parentOf(statement) : undefined;
    // Only the statements after the guard's in its own block: a write in another branch is not guarded.
    if (block?.type === 'BlockStatement' && writesIn(block, statement?.end)) return true;
  }
  return false;
}
