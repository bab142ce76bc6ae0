// What a try leaves unset when it fails: the names its block assigns and its catch does not. Two swallowed-error
// exemptions read it (a fallback that throws when no attempt gave a value, a backup read when the first
// source failed), so it lives apart from both.
import { type Node, someDescendant, unwrap } from '../ast.js';

/**
 * Names the node assigns (`x = ...`), outside nested functions.
 * @example
 * assignedNames(blockOf('a = 1; b.c = 2; d = 3')) // ['a', 'd']
 */
export function assignedNames(n: Node | undefined): string[] {
  const out: string[] = [];
  if (n == null) return out;
  someDescendant(
    n,
    (d) => {
      const left = d.type === 'AssignmentExpression' ? unwrap(d.left) : undefined;
      if (left?.type === 'Identifier') out.push(left.name as string);
      return false;
    },
    true,
  );
  return out;
}

/**
 * The variables a try's block assigns that its catch does not: left unset when the try fails.
 * @example
 * setOnlyByTry(tryOf('try { p = await read() } catch (e) { log(e) }')) // ['p']
 */
export function setOnlyByTry(tryStatement: Node): string[] {
  const handlerSets = new Set(assignedNames(tryStatement.handler as Node));
  return assignedNames(tryStatement.block as Node).filter((x) => !handlerSets.has(x));
}
