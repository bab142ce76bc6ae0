// swallowed-error's "the caller fails on it" judgement for an answer a caller tests: a catch that answers a
// failure as false, null or undefined hides it only if a caller reads that answer as "nothing" and goes on.
// A caller that tests the answer and fails on the failing side (`if (!sheet) throw ...`, `if (sheet) { 201 }
// else { res.status(500) }`, `if (result === null) { batchItemFailures.push(...) }`) surfaces the failure
// itself: the request answers 5xx, the invocation fails, the record is retried.
import { calleeName, forEachDescendant, lastName, type Node, propertyName, unwrap } from './ast.js';

/** How a test reads the answer: which side of it the failure answer takes. */
type Side = 'consequent' | 'alternate';

/** A constant named for a server error: `StatusCodes.INTERNAL_SERVER_ERROR`, an answer `INTERNAL_SERVER_ERROR`. */
const SERVER_ERROR_NAME =
  /^(INTERNAL_SERVER_ERROR|SERVER_ERROR|INTERNAL_ERROR|SERVICE_UNAVAILABLE|BAD_GATEWAY)$/;

/** A 5xx status literal, or a constant named for one: an answer that tells the client the request failed on the server. */
const serverError = (n: Node | null | undefined): boolean => {
  const v = unwrap(n);
  if (v?.type === 'Identifier' || v?.type === 'MemberExpression')
    return SERVER_ERROR_NAME.test(lastName(v) ?? '');
  return v?.type === 'Literal' && typeof v.value === 'number' && v.value >= 500 && v.value < 600;
};

/**
 * A project response builder named for a server error (`ResponseWrapper.internalServerError('...')`,
 * `serverError(res)`, `sendServiceUnavailable()`): it answers 5xx. Not a test or a log of one
 * (`isServerError(e)`, `logServerError(e)`).
 */
const SERVER_ERROR_CALL = /(internal_?server_?error|server_?error|service_?unavailable|bad_?gateway)$/i;
const NOT_AN_ANSWER = /^(is|has|log|report|track|capture|record)/i;
const serverErrorCall = (name: string): boolean => SERVER_ERROR_CALL.test(name) && !NOT_AN_ANSWER.test(name);

/**
 * Is the builder call what the statement answers: the returned or stated value itself, or an argument of it
 * (`return callback(null, internalServerError())`, `res.json(serverError())`)? A builder whose result is only
 * kept (`const err = toServerError(e)`) or logged (`console.error(describeServerError(e))`) answers nothing.
 */
function answersWith(statement: Node, call: Node): boolean {
  const value =
    statement.type === 'ReturnStatement'
      ? unwrap(statement.argument as Node)
      : statement.type === 'ExpressionStatement'
        ? unwrap(statement.expression as Node)
        : undefined;
  const answer = value?.type === 'AwaitExpression' ? unwrap(value.argument as Node) : value;
  if (answer === call) return true;
  if (answer?.type !== 'CallExpression' || NOT_AN_ANSWER.test(calleeName(answer) ?? '')) return false;
  const callee = unwrap(answer.callee as Node);
  const owner = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
  if (/^(console|logger|log)$/i.test(lastName(owner) ?? '')) return false;
  return (answer.arguments as Node[]).some((a) => unwrap(a) === call);
}

/**
 * Does this branch fail the work whenever it runs: it is, or one of its top-level statements is, a throw, a
 * 5xx answer (`res.status(500)`, `sendResponse(500, ...)`, `{ statusCode: 500 }`, a builder named for one, `return
 * INTERNAL_SERVER_ERROR`) or a batch item failure (`batchItemFailures.push(...)`)? A failure under a
 * condition of its own (`{ if (bad) throw ...; return proceed() }`) may not run, so it does not count; nor do
 * nested functions: what they do runs later, if at all.
 */
export function failsHere(branch: Node | null | undefined): boolean {
  if (branch == null) return false;
  const statements = branch.type === 'BlockStatement' ? (branch.body as Node[]) : [branch];
  return statements.some(failingStatement);
}

/** One statement that fails the work itself; compound statements (if, loops, try) only may. */
function failingStatement(statement: Node): boolean {
  if (statement.type === 'ThrowStatement') return true;
  if (!/^(ReturnStatement|ExpressionStatement|VariableDeclaration)$/.test(statement.type)) return false;
  let fails = false;
  // The walk visits only what is under its root: the statement is wrapped so that it is visited too.
  forEachDescendant(
    { type: 'Branch', start: statement.start, end: statement.end, statement } as Node,
    (n) => {
      if (fails) return false;
      // `return INTERNAL_SERVER_ERROR`: a response the module built once for every server error.
      if (n.type === 'ReturnStatement' && serverError(n.argument as Node | null)) fails = true;
      else if (n.type === 'CallExpression' && (n.arguments as Node[]).some((a) => serverError(a)))
        fails = true;
      else if (
        n.type === 'CallExpression' &&
        serverErrorCall(calleeName(n) ?? '') &&
        answersWith(statement, n)
      )
        fails = true;
      else if (n.type === 'CallExpression' && calleeName(n) === 'push') {
        const callee = unwrap(n.callee);
        const owner = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
        if (lastName(owner) === 'batchItemFailures') fails = true;
      } else if (
        n.type === 'Property' &&
        propertyName(n.key, n.computed as boolean) === 'statusCode' &&
        serverError(n.value as Node)
      )
        fails = true;
      return !fails;
    },
    true,
  );
  return fails;
}

/**
 * Which side of `test` the answer `name` takes when it is a failure answer: `!x`, `x === null`, `x == null`,
 * `x === undefined` put it on the consequent; `x` alone, `x !== null`, `x != null` on the alternate. `falsy`
 * says whether the test also catches `false` (a truthiness test), not only null and undefined.
 */
function failureSide(test: Node, name: string): { side: Side; falsy: boolean } | undefined {
  const t = unwrap(test);
  const isName = (n: Node | undefined) => unwrap(n)?.type === 'Identifier' && unwrap(n)?.name === name;
  if (isName(t)) return { side: 'alternate', falsy: true };
  if (t?.type === 'UnaryExpression' && t.operator === '!' && isName(t.argument as Node))
    return { side: 'consequent', falsy: true };
  if (t?.type !== 'BinaryExpression' || !isName(t.left as Node)) return undefined;
  const right = unwrap(t.right as Node);
  const nullish =
    (right?.type === 'Literal' && right.value === null) ||
    (right?.type === 'Identifier' && right.name === 'undefined');
  if (!nullish) return undefined;
  const equal = t.operator === '===' || t.operator === '==';
  const unequal = t.operator === '!==' || t.operator === '!=';
  if (!equal && !unequal) return undefined;
  return { side: equal ? 'consequent' : 'alternate', falsy: false };
}

/**
 * The caller's first use of `name` (at source offset `at`) is the test of an `if` whose failing side fails
 * the work. Answers `'falsy'` when the test catches a `false` answer too, `'nullish'` when only null or
 * undefined, `undefined` when the test does not fail on the failure answer.
 *
 * @example
 * // const sheet = await createSheet(...); if (sheet) { res.status(201) } else { res.status(500) }
 * testedAndFailed(scope, 'sheet', offsetOfSheet) // 'falsy'
 */
export function testedAndFailed(scope: Node, name: string, at: number): 'falsy' | 'nullish' | undefined {
  let found: Node | undefined;
  forEachDescendant(
    scope,
    (n) => {
      if (found !== undefined || (n.end as number) < at || (n.start as number) > at) return false;
      const test = n.type === 'IfStatement' ? (n.test as Node) : undefined;
      if (test !== undefined && (test.start as number) <= at && at < (test.end as number)) found = n;
      return found === undefined;
    },
    true,
  );
  if (found === undefined) return undefined;
  const reading = failureSide(found.test as Node, name);
  if (reading === undefined) return undefined;
  const branch =
    reading.side === 'consequent' ? (found.consequent as Node) : (found.alternate as Node | null);
  if (!failsHere(branch)) return undefined;
  return reading.falsy ? 'falsy' : 'nullish';
}
