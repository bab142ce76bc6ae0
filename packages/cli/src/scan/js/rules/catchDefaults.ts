// A catch that answers "nothing" on every path. A test of the error inside it that only answers the same
// empty value sooner (`if (e.name === 'NoSuchKey') return []; log(e); return [];`) names the failure it
// meant, but lets every other one (a throttle, a denied read, an outage) out as the same "nothing", so it
// is judged as the plain `catch { return [] }` is.
import { type Node, unwrap } from '../ast.js';
import { isEmptyCollection, isEmptyValue } from '../emptyValues.js';
import { isObservation } from './catchFacts.js';
import { resolved } from './catchShapes.js';

const emptyReturn = (s: Node): boolean => s.type === 'ReturnStatement' && isEmptyValue(resolved(s.argument));

// `[]`, `{}`, `new Set()`: "no items", which a caller iterates or looks up without a test, unlike null or false.
function emptyCollection(n: Node | null | undefined): boolean {
  const v = unwrap(resolved(n));
  return v?.type === 'ArrayExpression' || v?.type === 'ObjectExpression' || isEmptyCollection(v);
}

// A statement that only observes, answers an empty value, or branches between such statements; the returns
// met are gathered.
function onlyDefaults(s: Node | null | undefined, returns: Node[]): boolean {
  if (s == null || isObservation(s)) return true;
  if (emptyReturn(s)) return returns.push(s) > 0;
  if (s.type === 'BlockStatement') return (s.body as Node[]).every((b) => onlyDefaults(b, returns));
  if (s.type === 'IfStatement')
    return onlyDefaults(s.consequent as Node, returns) && onlyDefaults(s.alternate as Node | null, returns);
  return false;
}

/**
 * The catch's statements only log and answer empty values, and its last word is one: every path out of it
 * answers "nothing", whichever error it tested for. Behind a test of the error only an empty collection
 * counts: a null or false there is the "not found" a caller tests for (a cache miss sent to the origin).
 * @example
 * answersOnlyDefault(parse('if (e.name === "NoSuchKey") return []; log(e); return [];').body) // true
 * answersOnlyDefault(parse('if (e.name === "NoSuchKey") return null; log(e); return null;').body) // false
 * answersOnlyDefault(parse('if (e.name === "NoSuchKey") return []; throw e;').body) // false
 */
export function answersOnlyDefault(statements: readonly Node[]): boolean {
  if (!statements.some(emptyReturn)) return false;
  if (statements.every((s) => isObservation(s) || emptyReturn(s))) return true;
  const returns: Node[] = [];
  return (
    statements.every((s) => onlyDefaults(s, returns)) && returns.every((r) => emptyCollection(r.argument))
  );
}
