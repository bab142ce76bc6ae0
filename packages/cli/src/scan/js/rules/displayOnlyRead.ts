// swallowed-error: a lookup whose result only supplies a display name. `let name = ''; try { const u = await
// getRecord(users, { id }); name = `${u?.firstName} ${u?.lastName}` } catch (e) { log(e) }`, then `name` goes
// into an activity's text or an email's greeting: when the read fails, the message goes out with an empty or
// default name and nothing else changes. Readers judge such a catch a trap: what is lost is cosmetic, and a
// rethrow would fail (or make a queue redeliver) work whose real part succeeded. Judged by a whitelist of
// uses, as valueGoesNowhere.ts judges log-only values: every later use of what the try set is a display field
// (`name`, `firstName`, `legalName`, `title`) read into text, a field of that name, a variable named for it, or
// a test that only picks between texts. A read field that is not for display (an id, an email address, a
// status), a test that gates a write or a send, a return, or a use in a closure, and the catch is judged as usual.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLogCall } from './catchFacts.js';
import { onlyReads } from './readOnlyTry.js';

/**
 * A field or variable that holds text shown to a person: a name, a title, a label. Not `username` (Cognito's
 * and many tables' key) nor `subject` (a token's): those identify.
 */
const DISPLAY = /^(name|title|label|nickname)$|[a-z](Name|Title|Label)$/;
/** Nodes text passes through unchanged in kind. */
const TEXT_CARRIERS = new Set([
  'TemplateLiteral',
  'ChainExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
]);
/** Calls on text that keep it text: `s.substring(0, 5)`, `s.trim()`. */
const RESHAPE = /^(substring|slice|trim|toUpperCase|toLowerCase|toString|padEnd|padStart|concat)$/;
const COMPARE = /^(===|!==|==|!=|<|>|<=|>=)$/;
const MAX_DEPTH = 3;
const LOOP = /^(For|ForIn|ForOf|While|DoWhile)Statement$/;

type State = 'record' | 'text' | 'flag';

/** The node's own literal text has a space in it: `Invoice from ${x}`, `'Hello ' + x`, not `USER#${id}`. */
function inWords(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type === 'TemplateLiteral')
    return (n.quasis as Node[]).some((q) =>
      /\s/.test(String((q.value as { cooked?: string })?.cooked ?? '')),
    );
  return n?.type === 'Literal' && typeof n.value === 'string' && /\s/.test(n.value);
}

/** The reference sits in a function nested in `scope`: it may run anywhere, so it is not judged. */
function inClosure(ctx: ModuleContext, n: Node, scope: Node): boolean {
  for (let p = ctx.parentOf(n); p !== undefined && p !== scope; p = ctx.parentOf(p))
    if (/Function/.test(p.type)) return true;
  return false;
}

/** `if (x) { a = ...; b = ... }` with no else: the test only picks whether display variables are set. */
function onlySetsDisplay(ctx: ModuleContext, statement: Node, fnBody: Node, depth: number): boolean {
  if (statement.alternate != null) return false;
  const body = unwrap(statement.consequent as Node);
  const list = (body?.type === 'BlockStatement' ? body.body : [body]) as Node[];
  return list.every((s) => {
    const e = s?.type === 'ExpressionStatement' ? unwrap(s.expression) : undefined;
    const left = e?.type === 'AssignmentExpression' ? unwrap(e.left) : undefined;
    return (
      left?.type === 'Identifier' &&
      DISPLAY.test(left.name as string) &&
      textOnly(ctx, fnBody, left, statement.end, undefined, depth + 1)
    );
  });
}

/** From `reference` in `state`, the value ends only in display text (see the module comment). */
function displayUse(ctx: ModuleContext, reference: Node, start: State, fnBody: Node, depth: number): boolean {
  let state = start;
  // Text with words around it (`Pay ${name} now`) is a message, wherever it goes; bare text may be a key.
  let prose = false;
  let at: Node = reference;
  for (let p = ctx.parentOf(at); p !== undefined; at = p, p = ctx.parentOf(p)) {
    if (p.type === 'TemplateLiteral' && state === 'text') prose ||= inWords(p);
    if (TEXT_CARRIERS.has(p.type)) continue;
    if (p.type === 'MemberExpression' && p.object === at && p.computed !== true) {
      const field = p.property?.name as string | undefined;
      const call = ctx.parentOf(p);
      if (state === 'record' && field !== undefined && DISPLAY.test(field)) state = 'text';
      else if (state === 'text' && field === 'length') state = 'flag';
      else if (state === 'text' && field !== undefined && RESHAPE.test(field) && call?.callee === p) p = call;
      else return false;
      continue;
    }
    if (p.type === 'BinaryExpression' && p.operator === '+' && state === 'text') {
      prose ||= inWords(p.left === at ? p.right : p.left);
      continue;
    }
    if (p.type === 'BinaryExpression' && COMPARE.test(p.operator as string) && state !== 'record') {
      state = 'flag';
      continue;
    }
    if (p.type === 'LogicalExpression' && state === 'text') continue;
    if (p.type === 'UnaryExpression' && p.operator === '!') {
      state = 'flag';
      continue;
    }
    if (p.type === 'ConditionalExpression') {
      // The test picks between two texts; a branch is text only if it already was.
      if (p.test === at) state = 'text';
      else if (state !== 'text') return false;
      continue;
    }
    if (p.type === 'IfStatement' && p.test === at) return onlySetsDisplay(ctx, p, fnBody, depth);
    if (state !== 'text') return false;
    if (p.type === 'Property' && p.value === at && p.computed !== true)
      return prose || DISPLAY.test((p.key?.name ?? p.key?.value ?? '') as string);
    if (p.type === 'CallExpression' && (p.arguments as Node[]).includes(at))
      return prose || isLogCall(p) || (at.type === 'Identifier' && DISPLAY.test(at.name as string));
    if (p.type === 'VariableDeclarator' && p.init === at && p.id?.type === 'Identifier' && depth < MAX_DEPTH)
      return (
        DISPLAY.test(p.id.name as string) && textOnly(ctx, fnBody, p.id as Node, p.end, undefined, depth + 1)
      );
    if (p.type === 'AssignmentExpression' && p.right === at && unwrap(p.left)?.type === 'Identifier') {
      const target = unwrap(p.left) as Node;
      return (
        DISPLAY.test(target.name as string) &&
        depth < MAX_DEPTH &&
        textOnly(ctx, fnBody, target, p.end, undefined, depth + 1)
      );
    }
    return false;
  }
  return false;
}

/**
 * Every reference to the variable `target` names in `fnBody` from `after` on (but those inside `skip`, assignments to it and its
 * declaration) ends in display text; a name with no such reference passes too (nothing reads it).
 */
function textOnly(
  ctx: ModuleContext,
  fnBody: Node,
  target: Node,
  after: number,
  skip: Node | undefined,
  depth: number,
  start: State = 'text',
): boolean {
  const inSkip = (n: Node) => skip !== undefined && skip.start <= n.start && n.end <= skip.end;
  const name = target.name as string;
  const binding = ctx.resolve(name, target);
  return !someDescendant(
    fnBody,
    (n) => {
      if (n.type !== 'Identifier' || n.name !== name || n.start < after || inSkip(n)) return false;
      // Another variable of the same name (a `let` of its own in a sibling branch) is not this one.
      if (binding !== undefined && ctx.resolve(name, n) !== binding) return false;
      const parent = ctx.parentOf(n);
      if (parent?.type === 'Property' && parent.key === n && parent.value !== n && parent.computed !== true)
        return false;
      if (parent?.type === 'MemberExpression' && parent.property === n && parent.computed !== true)
        return false;
      if (parent?.type === 'VariableDeclarator' && parent.id === n) return false;
      if (parent?.type === 'AssignmentExpression' && parent.left === n) return false;
      if (inClosure(ctx, n, fnBody)) return true;
      return !displayUse(ctx, n, DISPLAY.test(name) && start === 'text' ? 'text' : start, fnBody, depth);
    },
    true,
  );
}

/**
 * The try only reads, returns nothing, and what it sets is used after it only as display text: a read
 * record only through its display fields, a display-named variable only as text. At least one use.
 *
 * @example
 * displayOnlyRead(ctx, tryStatement) // let name = ''; try { const u = await getUser(id); name = u.firstName } catch {} ; notify({ name }) -> true
 */
export function displayOnlyRead(ctx: ModuleContext, tryStatement: Node): boolean {
  const fn = ctx.enclosingFunction(tryStatement);
  const block = tryStatement.block as Node;
  if (fn === undefined || someDescendant(block, (n) => n.type === 'ReturnStatement', true)) return false;
  const targets = assignedTargets(ctx, block);
  if (targets.length === 0 || !onlyReads(ctx, block)) return false;
  const body = fn.body as Node;
  // In a loop, the next round's statements before the try run after it too.
  let from = tryStatement.start;
  for (let p = ctx.parentOf(tryStatement); p !== undefined && p !== fn; p = ctx.parentOf(p))
    if (LOOP.test(p.type)) from = p.start;
  return (
    targets.some((t) => readAfter(ctx, body, t, tryStatement.end)) &&
    targets.every((t) =>
      textOnly(ctx, body, t, from, block, 0, DISPLAY.test(t.name as string) ? 'text' : 'record'),
    )
  );
}

/** The identifiers the block assigns (outside nested functions), one per variable. */
function assignedTargets(ctx: ModuleContext, block: Node): Node[] {
  const seen = new Set<unknown>();
  const out: Node[] = [];
  someDescendant(
    block,
    (n) => {
      const left = n.type === 'AssignmentExpression' ? unwrap(n.left) : undefined;
      if (left?.type !== 'Identifier') return false;
      const binding = ctx.resolve(left.name as string, left) ?? left.name;
      if (!seen.has(binding)) out.push(left);
      seen.add(binding);
      return false;
    },
    true,
  );
  return out;
}

/** The variable is read (not only assigned) somewhere after `after`. */
function readAfter(ctx: ModuleContext, body: Node, target: Node, after: number): boolean {
  const binding = ctx.resolve(target.name as string, target);
  return someDescendant(
    body,
    (n) =>
      n.type === 'Identifier' &&
      n.name === target.name &&
      n.start >= after &&
      ctx.resolve(n.name as string, n) === binding &&
      !(ctx.parentOf(n)?.type === 'AssignmentExpression' && ctx.parentOf(n)?.left === n),
    true,
  );
}
