// The nodes of one type below a function's body, found once per body. Rules that ask "the first `if` (or
// choice, or switch) after this declaration" walked the whole body again for every call they judged, which
// made a long handler with many awaited calls quadratic.
import { type Node, someDescendant } from './ast.js';

const found = new WeakMap<Node, Map<string, readonly Node[]>>();
const NONE: readonly Node[] = [];

/**
 * The nodes of `type` below `root` (not `root` itself, nor inside nested functions), in the order
 * someDescendant(root, test, true) meets them: a loop over this list asks the same nodes in the same
 * order as that walk did.
 *
 * That walk is a stack: an outer node comes before the nodes inside it and siblings in source order,
 * but an `if`'s else-branch (a conditional's alternate) before its then-branch (consequent). A missing
 * root has none.
 *
 * @example
 * nodesWithin(fn.body, 'IfStatement') // `if (x) { if (a) ... } else { if (b) ... }` -> [if (x), if (b), if (a)]
 */
export function nodesWithin(root: Node | null | undefined, type: string): readonly Node[] {
  if (root === null || root === undefined) return NONE;
  let byType = found.get(root);
  if (byType === undefined) {
    byType = new Map();
    found.set(root, byType);
  }
  let nodes = byType.get(type);
  if (nodes === undefined) {
    const list: Node[] = [];
    someDescendant(
      root,
      (m) => {
        if (m.type === type) list.push(m);
        return false;
      },
      true,
    );
    nodes = list;
    byType.set(type, nodes);
  }
  return nodes;
}
