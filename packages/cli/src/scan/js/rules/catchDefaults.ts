// A catch that answers "nothing" on every path. A test of the error inside it that only answers the same
// empty value sooner (`if (e.name === 'NoSuchKey') return []; log(e); return [];`) names the failure it
// meant, but lets every other one (a throttle, a denied read, an outage) out as the same "nothing", so it
// is judged as the plain `catch { return [] }` is.
import type { Node } from '../ast.js';
import { isEmptyValue } from '../emptyValues.js';
import { isObservation } from './catchFacts.js';
import { resolved } from './catchShapes.js';

const emptyReturn = (s: Node): boolean => s.type === 'ReturnStatement' && isEmptyValue(resolved(s.argument));

// A statement that only observes, answers an empty value, or branches between such statements.
function onlyDefaults(s: Node | null | undefined): boolean {
  if (s == null || isObservation(s) || emptyReturn(s)) return true;
  if (s.type === 'BlockStatement') return (s.body as Node[]).every(onlyDefaults);
  if (s.type === 'IfStatement')
    return onlyDefaults(s.consequent as Node) && onlyDefaults(s.alternate as Node | null);
  return false;
}

/**
 * The catch's statements only log and answer empty values, and its last word is one: every path out of it
 * answers "nothing", whichever error it tested for.
 * @example
 * answersOnlyDefault(parse('if (e.name === "NoSuchKey") return []; log(e); return [];').body) // true
 * answersOnlyDefault(parse('if (e.name === "NoSuchKey") return []; throw e;').body) // false
 */
export function answersOnlyDefault(statements: readonly Node[]): boolean {
  return statements.every(onlyDefaults) && statements.some(emptyReturn);
}
