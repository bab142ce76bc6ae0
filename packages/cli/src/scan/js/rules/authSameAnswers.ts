// A catch that tests the error's class and answers 401/403 on both sides of the test tells nothing apart:
// `if (err instanceof errors.JWTExpired) return c.json(expired, 401); return c.json(invalid, 401)` still
// answers a JWKS download's failure as a bad token. Only a branch that rethrows or answers another status
// (503, 500) keeps the outage out of the 401.
import { type Node, wrap } from '../ast.js';
import { answersAuthFailure } from './authAnswers.js';

/** A statement (or block) whose last statement returns or raises a 401/403 answer. */
function endsInAuthAnswer(node: Node | null | undefined): boolean {
  if (node == null) return false;
  const last = node.type === 'BlockStatement' ? (node.body as Node[]).at(-1) : node;
  if (last?.type !== 'ReturnStatement' && last?.type !== 'ThrowStatement') return false;
  return answersAuthFailure(wrap(last)) !== undefined;
}

/**
 * The `if`s at the top of a catch body whose branch answers 401/403 and whose other side (the `else`, or
 * the statements after the `if` the error falls on to) ends in a 401/403 answer too: tests that only pick
 * the words of the one refusal every error gets.
 */
export function sameAnswerTests(handler: Node): ReadonlySet<Node> {
  const body = handler.body as Node | undefined;
  const found = new Set<Node>();
  if (body?.type !== 'BlockStatement') return found;
  const statements = body.body as Node[];
  statements.forEach((s, i) => {
    if (s.type !== 'IfStatement' || !endsInAuthAnswer(s.consequent as Node)) return;
    const otherwise =
      s.alternate != null
        ? endsInAuthAnswer(s.alternate as Node)
        : i < statements.length - 1 && endsInAuthAnswer(statements.at(-1));
    if (otherwise) found.add(s);
  });
  return found;
}
