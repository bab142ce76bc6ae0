// A retry done by sending the message again (SQS SendMessage, SNS Publish, a project `queue...` helper)
// with an attempt count kept in the message: the queue's maxReceiveCount never counts these, since each
// re-send is a new message received once, so only the count in the message can bound the chain, and
// only a random part can spread a delay computed from it (DelaySeconds or a delay argument).
import {
  calleeName,
  forEachDescendant,
  memberPath,
  type Node,
  numberValue,
  propertyName,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { tableLookupOf } from './delayTables.js';
import { hasRandomPart } from './randomPart.js';
import type { RetrySite } from './retryLibraries.js';

/** A field that counts attempts: `retryCount`, `retryCounter`, `attempts`, `attemptNumber`, `retries`, `tries`. */
const COUNTER = /^(?:retry|retries|tries|attempts?)(?:Count|Counter|Number|No)?$/i;
/** A call that sends a message on: `sendMessage`, `publish`, `queueRetry`, `enqueue`, `requeue`. */
const SENDS = /send|publish|queue/i;

/** The call `node` is an argument of (directly or inside an object/spread argument), if any. */
function sendingCall(ctx: ModuleContext, node: Node): Node | undefined {
  let n = node;
  for (let parent = ctx.parentOf(n); parent !== undefined; n = parent, parent = ctx.parentOf(n)) {
    if (parent.type === 'CallExpression')
      return (parent.arguments as Node[]).includes(n) && SENDS.test(calleeName(parent) ?? '')
        ? parent
        : undefined;
    if (!['ObjectExpression', 'Property', 'SpreadElement', 'ParenthesizedExpression'].includes(parent.type))
      return undefined;
  }
  return undefined;
}

/** `count + 1` / `x.count + 1`: the next attempt's number. */
function isIncrement(node: Node | undefined): boolean {
  const v = unwrap(node);
  return v?.type === 'BinaryExpression' && v.operator === '+' && numberValue(unwrap(v.right as Node)) === 1;
}

/** Whether the module compares `name` with anything by order (`retryCount < max`, `max >= attempts`). */
function compared(source: string, name: string): boolean {
  return new RegExp(
    `\\b${name}\\s*(?:<|<=|>|>=)[^=>]|[^=<]\\s*(?:<|<=|>|>=)\\s*(?:[\\w$]+\\.)*${name}\\b`,
  ).test(source);
}

/** `Math.min(x, ..)` / `Math.max(x, ..)`: the same wait, capped. */
function isClamp(node: Node | undefined): boolean {
  return (
    node?.type === 'CallExpression' &&
    /^Math\.m(?:in|ax)$/.test(memberPath(node.callee as Node)?.join('.') ?? '')
  );
}

/** The consts of `fn` clamped from `delay` (`const capped = Math.min(delay, MAX)`): the same wait, capped. */
function clampedFrom(fn: Node, delay: string): string[] {
  const names: string[] = [];
  forEachDescendant(fn, (node) => {
    if (node.type !== 'VariableDeclarator') return true;
    const id = unwrap(node.id as Node);
    const init = unwrap(node.init as Node | undefined);
    if (id?.type !== 'Identifier' || !isClamp(init)) return true;
    const args = (init as Node).arguments as Node[];
    if (args.some((a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === delay))
      names.push(id.name as string);
    return true;
  });
  return names;
}

/**
 * Whether `fn` hands `name` itself (or a Math.min/max clamp of it) to a send, as a DelaySeconds value or a
 * send argument, with no random part. Decided on the AST, not on the name's text: in full jitter,
 * `DelaySeconds: Math.floor(Math.random() * capped)`, the send is given a random wait that merely reads it.
 */
function handedPlain(ctx: ModuleContext, fn: Node, name: string): boolean {
  let handed = false;
  forEachDescendant(fn, (node) => {
    if (handed || node.type !== 'Identifier' || node.name !== name) return !handed;
    let expr = node;
    for (let p = ctx.parentOf(expr); p !== undefined; p = ctx.parentOf(expr)) {
      const wrapper = unwrap(p) !== p;
      if (!wrapper && !(isClamp(p) && (p.arguments as Node[]).includes(expr))) break;
      expr = p;
    }
    const parent = ctx.parentOf(expr);
    const asDelay =
      parent?.type === 'Property' &&
      parent.value === expr &&
      propertyName(parent.key as Node, parent.computed as boolean) === 'DelaySeconds';
    const asArgument = parent?.type !== 'Property' || parent.value === expr;
    if ((asDelay || (asArgument && sendingCall(ctx, expr) !== undefined)) && !hasRandomPart(ctx, expr))
      handed = true;
    return !handed;
  });
  return handed;
}

/**
 * A delay computed from the attempt count with no random part (`base * Math.pow(backoff, msg.retryCount)`,
 * `2 ** attempts * 30`), declared in `fn` and handed to a send: every message that failed together comes back
 * together.
 */
function unjitteredDelays(ctx: ModuleContext, fn: Node, names: readonly string[]): Node[] {
  const found: Node[] = [];
  // Only plain identifiers count: an empty or computed name would match any text.
  const words = names.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  if (words.length === 0) return found;
  const counts = new RegExp(`\\b(?:${words.map((w) => w.replace(/\$/g, '\\$')).join('|')})\\b`);
  forEachDescendant(fn, (node) => {
    if (node.type !== 'VariableDeclarator' || node.init == null) return true;
    const id = unwrap(node.id as Node);
    const text = ctx.source.slice((node.init as Node).start, (node.init as Node).end);
    // A formula of the count, or an entry of a fixed table picked by it (delayTables.ts).
    const computed =
      /\bMath\.pow\s*\(|\*\*/.test(text) || tableLookupOf(ctx, node.init as Node) !== undefined;
    if (id?.type !== 'Identifier' || !computed || hasRandomPart(ctx, node.init as Node)) return true;
    if (!counts.test(text)) return true;
    const delay = id.name as string;
    // The delay, or a local clamped from it (`const sqsDelay = Math.min(delaySec, 900)`), handed to the send.
    if ([delay, ...clampedFrom(fn, delay)].some((name) => handedPlain(ctx, fn, name))) found.push(node);
    return true;
  });
  return found;
}

/** A module that counts retries or attempts: only then are its sends read. */
export const RETRY_TEXT = /retr|attempt/i;
/** RETRY_TEXT's words (spelledWords.test.ts holds them together). */
export const RETRY_WORDS: readonly string[] = ['retr', 'attempt'];

/** Re-sends of a message with its attempt count moved on: unbounded when nothing compares the count, and
 * unjittered when a delay computed from it has no random part. */
export function republishSites(ctx: ModuleContext): RetrySite[] {
  if (!ctx.testSpelled(RETRY_TEXT, RETRY_WORDS) || !SENDS.test(ctx.source)) return [];
  const sites: RetrySite[] = [];
  const seen = new Set<Node>();
  const judge = (at: Node, name: string, call: Node | undefined, local?: string) => {
    const fn = ctx.enclosingFunction(at);
    if (fn === undefined || seen.has(fn)) return;
    seen.add(fn);
    if (call !== undefined && !compared(ctx.source, name))
      sites.push({
        node: call,
        label: 'a message re-sent with its attempt count',
        unbounded: `the message is re-sent with ${name} + 1 but nothing compares ${name} with a limit: each re-send is a new message, so the queue's maxReceiveCount never stops the chain`,
        noBreaker: true,
      });
    for (const delay of unjitteredDelays(ctx, fn, local === undefined ? [name] : [name, local]))
      sites.push({
        node: delay,
        label: 'a message re-sent with a delay',
        noJitter: `the re-send's delay grows with ${name} but has no random part: messages that failed together come back together`,
        noBreaker: true,
      });
  };
  for (const prop of ctx.of('Property')) {
    const name = propertyName(prop.key as Node, prop.computed as boolean) ?? '';
    if (COUNTER.test(name) && isIncrement(prop.value as Node)) judge(prop, name, sendingCall(ctx, prop));
  }
  // `payload.retryCounter = payload.retryCounter + 1` (or `... ? x + 1 : 0`) before the message is sent.
  for (const statement of ctx.of('ExpressionStatement')) {
    const assign = unwrap(statement.expression as Node);
    if (assign?.type !== 'AssignmentExpression') continue;
    const left = unwrap(assign.left as Node);
    const name = left?.type === 'MemberExpression' ? (propertyName(left.property as Node) ?? '') : '';
    if (!COUNTER.test(name)) continue;
    const written = unwrap(assign.right as Node);
    // `msg.tries = attempt` after `const attempt = (msg.tries || 0) + 1`: the local is the next count, and
    // a delay may be worked out from it rather than from the field.
    const right = written?.type === 'Identifier' ? ctx.valueOf(written) : written;
    const bumps =
      isIncrement(right) ||
      (right?.type === 'ConditionalExpression' &&
        (isIncrement(right.consequent as Node) || isIncrement(right.alternate as Node)));
    if (bumps)
      judge(assign, name, undefined, written?.type === 'Identifier' ? (written.name as string) : undefined);
  }
  return sites;
}
