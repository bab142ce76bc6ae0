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
import { forEachDescendant, isFunction, type Node } from './ast.js';

/** The nodes below each root asked about, in someDescendant's order: with nested functions, and without. */
const whole = new WeakMap<Node, Node[]>();
const own = new WeakMap<Node, Node[]>();
/** How many lists were made: what the tests hold the cache to (a second question must not add one). */
let made = 0;

/** The number of subtree lists made so far (for tests: a cached question adds none). */
export function listingsMade(): number {
  return made;
}

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
    made++;
    lists.set(root, nodes);
  }
  return nodes;
}

/**
 * The one node a `wrap(node)` root holds, or undefined for any other root. wrap() makes a new root on
 * every call, so a list keyed on it is never asked again; the walk of a Wrap is its child, then (unless
 * skipped as a function) the child's own list, which is keyed on the child and shared.
 */
function wrapped(root: Node): Node | undefined {
  if (root.type !== 'Wrap') return undefined;
  const body = root.body as Node | null | undefined;
  for (const key in root)
    if (key !== 'type' && key !== 'start' && key !== 'end' && key !== 'body') return undefined;
  return body !== null && typeof body === 'object' && !Array.isArray(body) && typeof body.type === 'string'
    ? body
    : undefined;
}

/**
 * someDescendant(root, test, skipFunctions) for a test that answers false, doing nothing, for every node
 * not of `types` (the test's parameter is typed to `types`, so a branch for another type fails to
 * compile): the same nodes of `types` asked in the same order, stopping at the same one, from the root's
 * list (made by the first question about the root) instead of a walk.
 *
 * @example
 * someBelow(fn.body, ['AwaitExpression'], (n) => isRemote(n.argument), true)
 */
export function someBelow<T extends string>(
  root: Node | null | undefined,
  types: readonly T[],
  test: (node: Node & { type: T }) => boolean,
  skipFunctions = false,
): boolean {
  if (root === undefined || root === null) return false;
  const of = (n: Node): n is Node & { type: T } => (types as readonly string[]).includes(n.type);
  const child = wrapped(root);
  let below = root;
  if (child !== undefined) {
    if (of(child) && test(child)) return true;
    if (skipFunctions && isFunction(child)) return false;
    below = child;
  }
  for (const node of listed(below, skipFunctions)) if (of(node) && test(node)) return true;
  return false;
}
