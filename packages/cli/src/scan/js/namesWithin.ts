// Whether a subtree holds an identifier of a given name, asked for many subtrees of one function: a walk
// per question re-walks nested calls once per enclosing call (quadratic in a large function), so the
// root is walked once for the identifiers' positions and each question is a binary search.
import { forEachDescendant, type Node } from './ast.js';

/**
 * A test of nodes inside `root` (below it): is the node, or some node below it, an `Identifier` with one
 * of `names`? The same answer as `someDescendant` with that test: syntax nodes nest by source range, so
 * an identifier is below a node exactly when its start falls within the node's range.
 *
 * @example
 * const usesParam = namesWithin(fn.body, new Set(['work']));
 * usesParam(call.arguments[0]) // true for `() => work()`
 */
export function namesWithin(root: Node, names: ReadonlySet<string>): (node: Node | undefined) => boolean {
  let starts: number[] | undefined;
  const positions = (): number[] => {
    const found: number[] = [];
    forEachDescendant(root, (m) => {
      if (m.type === 'Identifier' && names.has(m.name as string)) found.push(m.start);
      return true;
    });
    return found.sort((a, b) => a - b);
  };
  return (node) => {
    if (node === undefined) return false;
    if (node.type === 'Identifier' && names.has(node.name as string)) return true;
    starts ??= positions();
    // The first position at or after the node's start: inside the node when it is before its end.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] as number) < node.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && (starts[lo] as number) < node.end;
  };
}

/**
 * Could `node`'s source text hold an identifier with one of `names`? False only when no name is spelled
 * in its range (and no `\u` escape could spell one): then no identifier below it has one, and a walk
 * looking for one is not needed.
 */
export function maySpell(source: string, node: Node | null | undefined, names: ReadonlySet<string>): boolean {
  if (node === null || node === undefined) return false;
  // A slice shares the source's characters, and searches within it stop at the node's end.
  const text = source.slice(node.start, node.end);
  if (text.includes('\\u')) return true;
  for (const name of names) if (text.includes(name)) return true;
  return false;
}

/**
 * A test of nodes: does `word` occur in the node's source text? Found once per module with native
 * searches, then one binary search per node: a walk looking for a construct that spells `word` (a
 * keyword) need not enter a subtree for which this is false, since nodes nest by source range.
 *
 * @example
 * const holds = spelledWithin(ctx.source, 'instanceof');
 * holds(ifStatement) // false when neither its test nor its branches spell it
 */
export function spelledWithin(source: string, word: string): (node: Node) => boolean {
  const at: number[] = [];
  for (let i = source.indexOf(word); i !== -1; i = source.indexOf(word, i + 1)) at.push(i);
  return (node) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((at[mid] as number) < node.start) lo = mid + 1;
      else hi = mid;
    }
    // The first occurrence at or after the node's start, wholly inside the node.
    return lo < at.length && (at[lo] as number) + word.length <= node.end;
  };
}
