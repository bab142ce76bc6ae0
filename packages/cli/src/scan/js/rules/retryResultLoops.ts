// A retry loop that checks the answer instead of catching a throw: `fetch` resolves on a 5xx (only a
// network failure rejects), axios with `validateStatus`, and helpers that answer `{ isError, error }` or
// `{ ok: false }` all report failure in the result. `for (let i = 0; i < 3; i++) { const res = await
// fetch(url); if (res.ok) return res.json(); await sleep(1000 * 2 ** i); }` is a retry all the same, and
// its delay needs a random part like any other (retryLoops.ts judges the try/catch form).
import {
  forEachDescendant,
  isFunction,
  type Node,
  propertyName,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { numericFrom } from '../numericFrom.js';
import { isRetryLoop, LOOP_STATEMENTS } from '../retryLoop.js';
import { delayAnchor } from './delayAnchor.js';
import { delaysIn, jittered } from './loopDelays.js';
import type { RetrySite } from './retryLibraries.js';

/** The fields an answer reports success or failure in (`res.ok`, `out.isError`, `r.statusCode`). */
const OUTCOME_FIELD = /^(ok|isError|error|errors|success|succeeded|failed|statusCode|status|Error)$/;

/** Does the test read an outcome field of `name` (`res.ok`, `!res.isError`, `res.status < 500`), not a job state? */
function readsOutcome(test: Node, name: string): boolean {
  return someDescendant(
    { type: 'Test', start: 0, end: 0, test } as Node,
    (n) => {
      if (n.type !== 'MemberExpression') return false;
      const object = unwrap(n.object as Node);
      const field = propertyName(n.property as Node, n.computed as boolean);
      return (
        object?.type === 'Identifier' &&
        object.name === name &&
        field !== undefined &&
        OUTCOME_FIELD.test(field)
      );
    },
    true,
  );
}

/** Fields that say the call worked when true, and fields that say it failed when true. */
const SUCCESS_FIELD = /^(ok|success|succeeded)$/;
const FAILURE_FIELD = /^(isError|error|errors|failed|Error)$/;

/**
 * The test asks whether an answer failed (`!page.ok`, `!out.success`, `res.isError`). Leaving there ends a
 * walk only when nothing sends the loop round after a failure (paced) and the awaited call asks for
 * something new each round (walkPaced): otherwise the exit is a retry failing fast on what it cannot retry.
 */
export function testsFailure(test: Node, answers: Set<string>): boolean {
  const t = unwrap(test);
  const negated = t?.type === 'UnaryExpression' && t.operator === '!';
  const member = negated ? unwrap(t.argument as Node) : t;
  if (member?.type !== 'MemberExpression') return false;
  const object = unwrap(member.object as Node);
  const field = propertyName(member.property as Node, member.computed as boolean) ?? '';
  if (object?.type !== 'Identifier' || !answers.has(object.name as string)) return false;
  return negated ? SUCCESS_FIELD.test(field) : FAILURE_FIELD.test(field);
}

/** Statements below `n` in the loop's own body, not in nested loops or functions. */
function someOwn(n: Node, test: (m: Node) => boolean): boolean {
  let found = false;
  forEachDescendant(
    n,
    (m) => {
      if (LOOP_STATEMENTS.has(m.type) || isFunction(m)) return false;
      if (test(m)) found = true;
      return !found;
    },
    true,
  );
  return found || test(n);
}

/**
 * A branch that reads an answer's outcome and goes round (`if (res.status === 429) { await sleep(d);
 * continue; }`): the loop repeats the same call after a failure, a retry whatever else it leaves on.
 */
function retriesOnFailure(loop: Node, answers: Set<string>): boolean {
  return someOwn(
    loop.body as Node,
    (n) =>
      n.type === 'IfStatement' &&
      !comparesString(n.test as Node) &&
      [...answers].some((a) => readsOutcome(n.test as Node, a)) &&
      someOwn(n.consequent as Node, (m) => m.type === 'ContinueStatement'),
  );
}

/**
 * The awaited call's arguments change each round: they read the loop's counter or a variable the body
 * assigns (`loadPage(term, pageIndex * 20)`, `walkTerm(terms[index])`), so each round asks for the next
 * page or term and a failure ends the walk.
 */
function walkPaced(loop: Node, calls: Node[]): boolean {
  const moving = new Set<string>();
  someOwn({ type: 'Wrap', u: loop.update, b: loop.body } as unknown as Node, (n) => {
    const target = unwrap((n.type === 'UpdateExpression' ? n.argument : n.left) as Node | undefined);
    if ((n.type === 'UpdateExpression' || n.type === 'AssignmentExpression') && target?.type === 'Identifier')
      moving.add(target.name as string);
    return false;
  });
  // `const term = terms[index]`: a local the body reads off the counter moves with it.
  someOwn(loop.body as Node, (n) => {
    const id = unwrap(n.id as Node | undefined);
    if (n.type === 'VariableDeclarator' && id?.type === 'Identifier' && readsAny(n.init as Node, moving))
      moving.add(id.name as string);
    return false;
  });
  return calls.some((c) => readsAny({ type: 'Wrap', a: c.arguments } as unknown as Node, moving));
}

/** Does `node` read any of `names`? */
function readsAny(node: Node | undefined, names: Set<string>): boolean {
  if (node === undefined || node === null) return false;
  return someDescendant(
    { type: 'Wrap', node } as unknown as Node,
    (n) => n.type === 'Identifier' && names.has(n.name as string),
    true,
  );
}

/** A comparison with a string (`status === 'Complete'`): a poll for a job's state, not a retry. */
function comparesString(test: Node): boolean {
  return someDescendant(
    { type: 'Test', start: 0, end: 0, test } as Node,
    (n) =>
      n.type === 'BinaryExpression' &&
      (stringValue(unwrap(n.left as Node)) !== undefined ||
        stringValue(unwrap(n.right as Node)) !== undefined),
    true,
  );
}

/**
 * `n` leaves the loop on every path (a return, a break, an if whose both branches leave); a block leaves
 * when one of its statements does and none before it may go round (`continue`).
 */
function leaves(n: Node | undefined): boolean {
  if (n === undefined || n === null) return false;
  if (n.type === 'ReturnStatement' || n.type === 'BreakStatement') return true;
  if (n.type === 'IfStatement') return leaves(n.consequent as Node) && leaves(n.alternate as Node);
  if (n.type !== 'BlockStatement') return false;
  for (const s of n.body as Node[]) {
    if (leaves(s)) return true;
    if (someOwn(s, (m) => m.type === 'ContinueStatement')) return false;
  }
  return false;
}

/**
 * A delay computed from numbers only, where a number may be a class field declared `number` and set once
 * (`readonly BACKOFF_PERIOD_MS: number`, injected through the constructor): arithmetic of fixed values has
 * no random part. `jittered` (retryLoops.ts) treats such a field as unknown.
 */
function numericFields(ctx: ModuleContext, node: Node | undefined, depth: number): boolean {
  return numericFrom(ctx, node, depth, (n) => {
    if (n.type !== 'MemberExpression' || unwrap(n.object as Node)?.type !== 'ThisExpression') return false;
    const field = propertyName(n.property as Node, n.computed as boolean);
    return field !== undefined && numberField(ctx, field, n);
  });
}

/** The class around `at` declares a field of this name typed `number`. */
function numberField(ctx: ModuleContext, name: string, at: Node): boolean {
  let body: Node | undefined = ctx.parentOf(at);
  while (body !== undefined && body.type !== 'ClassBody') body = ctx.parentOf(body);
  return ((body?.body ?? []) as Node[]).some(
    (p) =>
      p.type === 'PropertyDefinition' &&
      propertyName(p.key as Node, p.computed as boolean) === name &&
      p.typeAnnotation?.typeAnnotation?.type === 'TSNumberKeyword',
  );
}

/** The statements of the loop's own body (a block's, or the single statement). */
function statementsOf(loop: Node): Node[] {
  const body = loop.body as Node;
  return body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
}

/**
 * The retry a loop with no try/catch sets up when it awaits a call into a local, leaves when that
 * answer's outcome field says success, and sleeps before going round.
 */
export function resultLoopSite(ctx: ModuleContext, loop: Node): RetrySite | undefined {
  if (!LOOP_STATEMENTS.has(loop.type) || loop.type === 'ForOfStatement' || loop.type === 'ForInStatement')
    return undefined;
  if (isRetryLoop(loop)) return undefined;
  const statements = statementsOf(loop);
  // `const res = await call(...)` among the loop's own statements.
  const answers = new Set<string>();
  const calls: Node[] = [];
  for (const s of statements) {
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations as Node[]) {
      const init = unwrap(d.init as Node);
      const id = unwrap(d.id as Node);
      const call = init?.type === 'AwaitExpression' ? unwrap(init.argument as Node) : undefined;
      if (call?.type === 'CallExpression' && id?.type === 'Identifier') {
        answers.add(id.name as string);
        calls.push(call);
      }
    }
  }
  if (answers.size === 0) return undefined;
  const retries = retriesOnFailure(loop, answers);
  const walk = !retries && walkPaced(loop, calls);
  const exitsOnSuccess = statements.some(
    (s) =>
      s.type === 'IfStatement' &&
      leaves(s.consequent as Node) &&
      !comparesString(s.test as Node) &&
      !(walk && testsFailure(s.test as Node, answers)) &&
      [...answers].some((a) => readsOutcome(s.test as Node, a)),
  );
  if (!exitsOnSuccess && !retries) return undefined;
  const delays = delaysIn(ctx, loop.body as Node);
  if (delays.length === 0 || delays.some((d) => jittered(ctx, d) && !numericFields(ctx, d, 0)))
    return undefined;
  const at = delayAnchor(ctx, loop, delays);
  return {
    node: loop,
    ...(at === undefined ? {} : { noJitterAt: at }),
    label: 'retry loop checking each answer',
    noJitter:
      'retry loop checks each answer and sleeps a fixed, linear or purely exponential delay, no jitter',
  };
}
