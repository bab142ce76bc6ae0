// swallowed-error: a catch after failed I/O that answers a record it makes up in place of the one the try
// read: hard-coded credentials (`{ accountId: ADMIN_ACCOUNT_ID, privateKey: ADMIN_PRIVATE_KEY }`), a default
// profile (`{ user_id: userId, email: null }`), a member with its looked-up fields nulled, a user "unknown".
// The caller gets a record it cannot tell from a real one, as with `salt = FALLBACK_SALT` (catchShapes.ts
// stand-in); a comment calling it a fallback does not make it real data. An answer that says the work failed
// (`{ success: false }`, `{ error }`, a status) is a failure answer, judged elsewhere.
import { contains, memberPath, type Node, numberValue, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Keys of an answer that tells of a failure rather than standing in for data. */
const FAILURE_KEYS =
  /^(success|succeeded|ok|error|errors|err|errorMessage|message|msg|status|statusCode|failed|failure|reason|code|valid|isValid)$/i;

/** Words of a string field telling of a failure or a refusal. */
const FAILURE_WORDS = /error|fail|\bden(?:y|ied)\b|unauthori[sz]ed|forbidden|reject/i;

/** The identifier is a reference (not a property key nor a member name). */
function isReference(ctx: ModuleContext, n: Node): boolean {
  const parent = ctx.parentOf(n);
  if (parent?.type === 'MemberExpression' && parent.property === n && parent.computed !== true) return false;
  return !(parent?.type === 'Property' && parent.key === n && parent.shorthand !== true);
}

/**
 * The value reads nothing the failed try produced nor the error: every name it references is declared
 * outside the try (a parameter, a module constant, a global like `Date`) and not assigned inside it.
 */
function independent(
  ctx: ModuleContext,
  value: Node,
  tryStatement: Node,
  param: string | undefined,
): boolean {
  const block = tryStatement.block as Node;
  const tryText = ctx.source.slice(block.start, block.end);
  return !someDescendant(value, (n) => {
    if (n.type !== 'Identifier' || !isReference(ctx, n)) return false;
    const name = n.name as string;
    if (name === param) return true;
    const b = ctx.resolve(name, n);
    if (b !== undefined && contains(block, b.declaration)) return true;
    return new RegExp(`(?<![\\w$.])${name.replace(/[$]/g, '\\$')}\\s*=(?!=)`).test(tryText);
  });
}

/**
 * A value a programmer typed in: a non-empty string, a non-zero number (`-1` included), a module-level
 * constant, or a member of one or of an import (`ORDER_STATUS.FILLED`).
 */
function typedIn(ctx: ModuleContext, value: Node | undefined): boolean {
  const v = unwrap(value);
  if (v?.type === 'Literal' && typeof v.value === 'string') return v.value !== '';
  const n = numberValue(v);
  if (n !== undefined) return n !== 0;
  const path = v?.type === 'Identifier' || v?.type === 'MemberExpression' ? memberPath(v) : undefined;
  const root = path?.[0];
  if (root === undefined || path === undefined || (v?.type === 'MemberExpression' && path.length < 2))
    return false;
  const b = ctx.resolve(root, v as Node);
  if (b?.kind === 'import') return path.length > 1;
  return b?.kind === 'const' && b.scope === ctx.program;
}

/** `null` or `undefined` in a field: blanked, where a read would have filled it. */
const nulled = (v: Node | undefined) =>
  (v?.type === 'Literal' && v.value === null) ||
  (v?.type === 'Identifier' && v.name === 'undefined') ||
  (v?.type === 'UnaryExpression' && v.operator === 'void');

/**
 * The record tells of the failure or decides something: a `false` field is a verdict (`compliant: false`,
 * `exceeded: false`), and a string saying error or failure (`riskLevel: 'error'`, `'SYSTEM_ERROR'`) is
 * a failure answer, as a refusal is (an authorizer's `Effect: 'Deny'` policy, `'unauthorized'`, `'rejected'`):
 * the failure closes the door. A `true` (`can_reupload: true`) asserts a made-up fact instead.
 */
function tellsOfFailure(object: Node): boolean {
  return someDescendant(
    object,
    (n) =>
      n.type === 'Literal' &&
      (n.value === false || (typeof n.value === 'string' && FAILURE_WORDS.test(n.value))),
  );
}

/** An object's fields by key name (spreads and computed keys left out). */
function fieldsOf(object: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const p of object.properties as Node[]) {
    if (p.type !== 'Property' || p.computed === true) continue;
    const key = p.key?.type === 'Identifier' ? (p.key.name as string) : String(p.key?.value ?? '');
    out.set(key, unwrap(p.value as Node) as Node);
  }
  return out;
}

/**
 * The try answers the same "nothing" when it finds nothing, so the catch answers that, not a stand-in: the
 * same literal (`return result || { state: 'CLOSED' }`), or one of the same keys blanking the fields the
 * catch blanks (`if (!res.ok) return { cacheDurationMs, value: undefined }` beside a catch's
 * `{ cacheDurationMs: DEFAULT_TTL, value: undefined }`).
 */
function tryAnswersSame(ctx: ModuleContext, tryStatement: Node, object: Node): boolean {
  const text = (n: Node) => ctx.source.slice(n.start, n.end).replace(/\s+/g, '');
  const own = text(object);
  const mine = fieldsOf(object);
  const blanks = [...mine].filter(([, v]) => nulled(v)).map(([k]) => k);
  const sameNothing = (n: Node) => {
    if (blanks.length === 0) return false;
    const theirs = fieldsOf(n);
    return (
      theirs.size === mine.size &&
      [...mine.keys()].every((k) => theirs.has(k)) &&
      blanks.every((k) => nulled(theirs.get(k)))
    );
  };
  return someDescendant(
    tryStatement.block as Node,
    (n) => n.type === 'ObjectExpression' && (text(n) === own || sameNothing(n)),
    true,
  );
}

/**
 * `value` is a record made up in the catch: an object literal (or one handed to a function of the module,
 * `toCamelCase({ ... })`) of two or more fields, none telling of a failure, none reading the error or what
 * the try produced, one typed in (`userId: 'unknown'`, `ADMIN_ACCOUNT_ID`) or the record of someone with its
 * read fields nulled (`{ user_id: userId, email: null }`). All nulls or empty values are the "nothing" answer.
 *
 * @example
 * madeUpRecord(ctx, parse('{ user_id: userId, email: null }'), tryStatement, 'error') // true
 */
export function madeUpRecord(
  ctx: ModuleContext,
  value: Node | null | undefined,
  tryStatement: Node,
  param: string | undefined,
): boolean {
  let v = unwrap(value ?? undefined);
  if (
    v?.type === 'CallExpression' &&
    (v.arguments as Node[]).length === 1 &&
    unwrap(v.callee)?.type === 'Identifier'
  ) {
    if (ctx.functionOf(unwrap(v.callee) as Node) === undefined) return false;
    v = unwrap((v.arguments as Node[])[0]);
  }
  if (v?.type !== 'ObjectExpression' || tellsOfFailure(v)) return false;
  let typed = false;
  let blanked = false;
  let carried = false;
  let fields = 0;
  for (const p of v.properties as Node[]) {
    if (p.type !== 'Property') {
      carried = true;
      continue;
    }
    const key = p.key?.type === 'Identifier' ? (p.key.name as string) : String(p.key?.value ?? '');
    if (FAILURE_KEYS.test(key) || p.computed === true) return false;
    fields++;
    const field = unwrap(p.value as Node);
    if (typedIn(ctx, field)) typed = true;
    else if (nulled(field)) blanked = true;
    else if (field?.type === 'Identifier' || field?.type === 'MemberExpression') carried = true;
  }
  return (
    fields >= 2 &&
    (typed || (blanked && carried)) &&
    independent(ctx, v, tryStatement, param) &&
    !tryAnswersSame(ctx, tryStatement, v)
  );
}

const paramOf = (handler: Node) =>
  handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;

/** The catch's `last` statement returns a made-up record where its try returns real data. */
export function madeUpReturn(ctx: ModuleContext, handler: Node, last: Node): boolean {
  const t = ctx.parentOf(handler) as Node;
  return (
    last.type === 'ReturnStatement' && madeUpRecord(ctx, last.argument, t, paramOf(handler)) && tryAnswers(t)
  );
}

/** `profile = { userId: 'unknown', ... }` (the statement `s` storing `value`) where the try assigns `profile`. */
export function madeUpStored(ctx: ModuleContext, handler: Node, s: Node, value: Node): boolean {
  const name = unwrap(unwrap(s.expression)?.left as Node | undefined)?.name as string | undefined;
  const t = ctx.parentOf(handler) as Node;
  return name !== undefined && madeUpRecord(ctx, value, t, paramOf(handler)) && tryAnswers(t, name);
}

/**
 * The try answers real data: it returns a value that is no empty default, or assigns `name` one. The
 * stand-in replaces that answer; a try that answered nothing has nothing to stand in for.
 */
function tryAnswers(tryStatement: Node, name?: string): boolean {
  return someDescendant(
    tryStatement.block as Node,
    (n) =>
      name === undefined
        ? n.type === 'ReturnStatement' && n.argument != null && unwrap(n.argument)?.type !== 'Literal'
        : n.type === 'AssignmentExpression' &&
          unwrap(n.left)?.type === 'Identifier' &&
          unwrap(n.left)?.name === name,
    true,
  );
}
