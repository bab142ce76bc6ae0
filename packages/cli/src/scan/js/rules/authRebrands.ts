// infra-error-as-auth one module away, by message: an auth helper's catch wraps every failure of its try,
// a store lookup of the user or key included, as `new Error('Authentication failed: ...')`, and a route's
// catch answers 401 when the error's message says "Authentication failed". The route's test looks like it
// tells auth failures from outages, but the helper already made every outage read as one. The helper's
// side is an export fact (the messages it rebrands with, and what its try depends on); the route's side
// is a candidate the project pass keeps only when the imported helper rebrands with the tested words.
import { memberPath, type Node, numberValue, someDescendant, stringValue, unwrap, wrap } from '../ast.js';
import type { RebrandFact } from '../ExportFact.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersAuthFailure } from './authAnswers.js';
import { awaitedImports } from './authAwaitedImports.js';
import { callsRemote, discriminates } from './authFacts.js';
import { messageCopies } from './errorText.js';

/** How long a tested message must be to name a wrapper's message, not any error. */
const MIN_CHARS = 6;

/** The fixed head of a message: a string, or a template's text before its first `${}`. */
function messageHead(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (n?.type === 'TemplateLiteral') return (n.quasis as Node[])[0]?.value?.cooked as string | undefined;
  return stringValue(n);
}

/** The fixed head of the message `new Error('...')` / `SomeError(`...`)` raises, when `thrown` is one. */
export function raisedMessage(thrown: Node | undefined): string | undefined {
  const made = unwrap(thrown);
  if (made?.type !== 'NewExpression' && made?.type !== 'CallExpression') return undefined;
  if (!/Error$/.test(memberPath(unwrap(made.callee))?.at(-1) ?? '')) return undefined;
  return messageHead((made.arguments as Node[])[0]);
}

/** `throw new Error('Authentication failed: ...')` directly in a catch body: the message it raises. */
export function wrappedMessages(handler: Node): string[] {
  const messages: string[] = [];
  someDescendant(
    handler.body as Node,
    (n) => {
      if (n.type !== 'ThrowStatement') return false;
      const head = raisedMessage(n.argument)?.trim();
      if (head !== undefined && head.length >= MIN_CHARS) messages.push(head);
      return false;
    },
    true,
  );
  return messages;
}

/**
 * What a function's own catches rebrand: every catch in it (or in a function of its module it awaits or
 * hands back) that raises a new error with a fixed message for whatever failed, without looking at the
 * error first, around a try that depends on a remote system here or through a project import.
 * @example
 * // export async function authenticate(t) { try { ...; await getUser(id) } catch (e) { throw new Error(`Authentication failed: ${e.message}`) } }
 * rebrandFact(ctx, fn); // { messages: ['Authentication failed:'], through: [getUser's ref] }
 */
export function rebrandFact(
  ctx: ModuleContext,
  fn: Node,
  seen: Set<Node> = new Set(),
): RebrandFact | undefined {
  if (seen.has(fn) || seen.size > 4) return undefined;
  seen.add(fn);
  const messages: string[] = [];
  let remote: string | undefined;
  const through: RebrandFact['through'][number][] = [];
  someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type === 'CatchClause') {
        const wrapped = wrappedMessages(n);
        if (wrapped.length === 0 || discriminates(n)) return false;
        const block = (ctx.parentOf(n) as Node).block as Node;
        const own = callsRemote(ctx, block);
        const refs = own === undefined ? awaitedImports(ctx, block) : [];
        if (own === undefined && refs.length === 0) return false;
        messages.push(...wrapped);
        remote ??= own;
        through.push(...refs);
        return false;
      }
      // `return authenticateToken(token)` / `await authenticateToken(token)`: a function of this module.
      if (n.type === 'CallExpression' && unwrap(n.callee)?.type === 'Identifier') {
        const parent = ctx.parentOf(n);
        const local = ctx.functionOf(n.callee);
        if (
          local !== undefined &&
          (parent?.type === 'ReturnStatement' || parent?.type === 'AwaitExpression')
        ) {
          const deeper = rebrandFact(ctx, local, seen);
          if (deeper !== undefined) {
            messages.push(...deeper.messages);
            remote ??= deeper.remote;
            through.push(...deeper.through);
          }
        }
      }
      return false;
    },
    true,
  );
  if (messages.length === 0) return undefined;
  return { messages, through, ...(remote !== undefined ? { remote } : {}) };
}

/**
 * The strings a test is true for when the caught error's message holds them: `err.message.includes(...)`,
 * `.startsWith(...)`, `/.../.test(err.message)`, `.indexOf(...) !== -1` (or `>= 0`, `> -1`), bare or as an
 * operand of `||`. A negated test (`!...startsWith(...)`, `indexOf(...) === -1`) answers for other messages.
 */
function testedMessage(test: Node, param: string, copies: ReadonlySet<string> = new Set()): string[] {
  // `err.message`, or a name the catch keeps it under (`const msg = err instanceof Error ? err.message : ...`).
  const readsMessage = (n: Node | undefined) => {
    const v = unwrap(n);
    return (
      memberPath(v)?.join('.') === `${param}.message` ||
      (v?.type === 'Identifier' && copies.has(v.name as string))
    );
  };
  const textOf = (node: Node | undefined, methods: readonly string[]): string | undefined => {
    const n = unwrap(node);
    if (n?.type !== 'CallExpression') return undefined;
    const callee = unwrap(n.callee);
    if (callee?.type !== 'MemberExpression') return undefined;
    const method = memberPath(callee)?.at(-1) ?? '';
    const arg = unwrap((n.arguments as Node[])[0]);
    if (methods.includes(method) && method !== 'test' && readsMessage(callee.object)) return stringValue(arg);
    if (method === 'test' && methods.includes('test') && readsMessage(arg))
      return unwrap(callee.object)?.regex?.pattern as string | undefined;
    return undefined;
  };
  const positive = (node: Node | undefined): string[] => {
    const n = unwrap(node);
    if (n?.type === 'LogicalExpression' && n.operator === '||')
      return [...positive(n.left as Node), ...positive(n.right as Node)];
    if (n?.type === 'BinaryExpression') {
      const bound = numberValue(unwrap(n.right as Node));
      const found =
        (['!==', '!='].includes(n.operator as string) && bound === -1) ||
        (n.operator === '>=' && bound === 0) ||
        (n.operator === '>' && bound === -1);
      const text = found ? textOf(n.left as Node, ['indexOf']) : undefined;
      return text !== undefined && text.length >= MIN_CHARS ? [text] : [];
    }
    const text = textOf(n, ['includes', 'startsWith', 'test']);
    return text !== undefined && text.length >= MIN_CHARS ? [text] : [];
  };
  return positive(test);
}

/**
 * The words a catch answers 401/403 for when the caught error's message holds them: `if
 * (err.message.includes('Authentication failed')) return error(err.message, 401)`.
 */
export function authMessageTests(ctx: ModuleContext, handler: Node): string[] {
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  if (param === undefined) return [];
  const words: string[] = [];
  const copies = messageCopies(handler, param);
  someDescendant(
    handler.body as Node,
    (n) => {
      if (n.type !== 'IfStatement') return false;
      const tested = testedMessage(n.test as Node, param, copies);
      if (tested.length > 0 && answersAuthFailure(wrap(n.consequent as Node), ctx) !== undefined)
        words.push(...tested);
      return false;
    },
    true,
  );
  return words;
}

/** The words a caller's catch tests for that a helper's rebranded message holds (the longest), if any. */
export function rebrandMatches(fact: RebrandFact, words: readonly string[]): string | undefined {
  const held = words.filter((w) => fact.messages.some((m) => m.includes(w)));
  return held.length === 0 ? undefined : held.reduce((a, b) => (b.length > a.length ? b : a));
}
