// Subtree questions asked again of the same root. Rules ask "the calls (awaits, returns...) below this
// function body" of the same bodies again and again: on a large CDK application more than half the nodes
// the scan's someDescendant walks visited were re-walks of a root already walked, by another rule or by the
// same rule for another export. The first question about a root lists the nodes below it in
// someDescendant's order, once; every later question about that root, of whatever node types, is a loop
// over that list instead of a walk (a walk pays a lookup of the node type's child keys and a look at each
// key; the list is one array read per node).
//
// Numbering the whole module instead (a node's subtree as a range of numbers, one sorted list per type)
// was tried first and measured: keeping a number per node cost five to seven walks of the module, more
// than the questions it answered saved on a large application.
import { forEachDescendant, type Node } from './ast.js';

/** The nodes below each root asked about, in someDescendant's order: with nested functions, and without. */
const whole = new WeakMap<Node, Node[]>();
const own = new WeakMap<Node, Node[]>();

/** The nodes someDescendant(root, test, skipFunctions) visits, in its order; listed once per root. */
function listed(root: Node, skipFunctions: boolean): Node[] {
  const lists = skipFunctions ? own : whole;
  let nodes = lists.get(root);
  if (nodes === undefined) {
    const found: Node[] = [];
    // forEachDescendant visits what someDescendant visits, in the same order, when its visit never says stop.
    forEachDescendant(
      root,
      (n) => {
        found.push(n);
        return true;
      },
      skipFunctions,
    );
    nodes = found;
    lists.set(root, nodes);
  }
  return nodes;
}

/**
 * The nodes of `types` below `root` (not `root` itself; not inside functions below it when
 * `skipFunctions`), in the order `someDescendant(root, test, skipFunctions)` meets them.
 *
 * @example
 * nodesBelow(fn.body, ['ReturnStatement', 'AwaitExpression'], true) // the body's own returns and awaits
 */
export function nodesBelow(
  root: Node | null | undefined,
  types: readonly string[],
  skipFunctions = false,
): Node[] {
  if (root === undefined || root === null) return [];
  return listed(root, skipFunctions).filter((n) => types.includes(n.type));
}

/**
 * someDescendant(root, test, skipFunctions) for a test that answers false, doing nothing, for every node
 * not of `types`: the same nodes of `types` asked in the same order, stopping at the same one, from the
 * root's list (made by the first question about the root) instead of a walk.
 *
 * @example
 * someBelow(fn.body, ['AwaitExpression'], (n) => isRemote(n.argument), true)
 */
export function someBelow(
  root: Node | null | undefined,
  types: readonly string[],
  test: (node: Node) => boolean,
  skipFunctions = false,
): boolean {
  if (root === undefined || root === null) return false;
  for (const node of listed(root, skipFunctions)) if (types.includes(node.type) && test(node)) return true;
  return false;
}
