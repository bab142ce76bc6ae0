// Each node's parent in a parsed module, as the module walk (moduleIndex.ts) reaches it. The walk writes down
// the parent of every inner node it enters; the parent of a leaf (an identifier, a literal, `this`: about
// half of all nodes) is found only when asked, by going down from the program through the children whose
// span holds the leaf's. Why: rules ask for a leaf's parent rarely (3,898 times in a scan of a 1,100-file
// application, against 582,000 asks about inner nodes), while one map entry per leaf was half of the map
// (129,597 of 257,711 entries) and of its growth, the largest allocation of the per-module analysis after
// the syntax tree itself.
import type { Node } from './ast.js';
import { isLeaf, TYPES, UNKNOWN } from './walkTypes.js';

/** A module's parent links: written by the module walk for inner nodes, found on demand for leaves. */
export class ParentLinks {
  /** The parent of each inner node the walk entered (the walk writes here; the program has none). */
  readonly ofInner = new Map<Node, Node>();
  /**
   * The parent of each indexed leaf (a Literal), in the order of the module's listing of its type: the walk
   * knows it as it lists the leaf, and an array slot costs far less than the search from the program that
   * `get` makes for a leaf (fixedOff.ts asked it of every literal of a module: ~0.1 s on a 1,100-file scan).
   */
  readonly ofIndexedLeaf = new Map<string, Node[]>();
  private readonly program: Node;

  constructor(program: Node) {
    this.program = program;
  }

  /**
   * The node `node` is a child of, as the walk reaches it: undefined for the program and for nodes the walk
   * never reaches (inside type annotations, or made up by a rule).
   * @example
   * const links = new ModuleIndex(program).parents;
   * links.get(callee); // the CallExpression of `f(x)` for the `f` identifier
   */
  get(node: Node): Node | undefined {
    const parent = this.ofInner.get(node);
    if (parent !== undefined || !isLeaf(node, TYPES.get(node.type) ?? UNKNOWN)) return parent;
    // A decorator written before `export` lies outside the export's span: looked for everywhere.
    return holderBelow(this.program, node, true) ?? holderBelow(this.program, node, false);
  }

  /**
   * The parents of the indexed leaves of `type` (Literal), index for index with the module's listing of that
   * type (ModuleIndex.nodes): each the node `get` answers for that leaf.
   */
  ofLeavesOf(type: string): readonly Node[] {
    return this.ofIndexedLeaf.get(type) ?? [];
  }
}

/**
 * The node the walk would reach `leaf` from, at or below `from`. Children are taken in the walk's order and
 * the last holder met is the answer, as the walk's last write would be. `bySpan`: enter only children whose
 * span holds the leaf's, which a child's span does but for decorators before `export` (`@Injectable()
 * export class A {}`: the class's decorators start before the export declaration).
 */
function holderBelow(from: Node, leaf: Node, bySpan: boolean): Node | undefined {
  const keys = (TYPES.get(from.type) ?? UNKNOWN).keys;
  if (keys === undefined) return undefined;
  let found: Node | undefined;
  for (const key of keys) {
    const child = from[key];
    if (child === null || typeof child !== 'object') continue;
    if (Array.isArray(child)) {
      // Elements come in source order and siblings do not overlap: by span, only the last element starting
      // at or before the leaf can hold it, found by halving (a module of thousands of statements asked for
      // many leaves made the scan of each list before the leaf most of a scan's time). Were some array out
      // of order or overlapping, the search by span would miss and the search everywhere would answer.
      if (bySpan) {
        const at = lastStartingBy(child as (Node | null)[], leaf.start);
        if (at !== undefined) found = holderAt(from, at, leaf, bySpan) ?? found;
      } else for (const c of child) found = holderAt(from, c, leaf, bySpan) ?? found;
    } else found = holderAt(from, child, leaf, bySpan) ?? found;
  }
  return found;
}

/**
 * The last element of `list` starting at or before `start`, by halving; elements are in source order. A hole
 * (`[, a] = pair`) has no start: the search then walks the list, as the walk would.
 */
function lastStartingBy(list: readonly (Node | null)[], start: number): Node | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let best: Node | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = list[mid];
    if (c === null || c === undefined) return lastStartingByWalk(list, start);
    if (c.start <= start) {
      best = c;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function lastStartingByWalk(list: readonly (Node | null)[], start: number): Node | undefined {
  let best: Node | undefined;
  for (const c of list) {
    if (c === null || c === undefined) continue;
    if (c.start > start) break;
    best = c;
  }
  return best;
}

/** `from` when `child` is the leaf; else the holder below `child`, when the walk enters it (and it spans the leaf). */
function holderAt(from: Node, child: unknown, leaf: Node, bySpan: boolean): Node | undefined {
  if (child === leaf) return from;
  if (child === null || typeof child !== 'object' || !('type' in child)) return undefined;
  const node = child as Node;
  if (bySpan && (node.start > leaf.start || node.end < leaf.end)) return undefined;
  return isLeaf(node, TYPES.get(node.type) ?? UNKNOWN) ? undefined : holderBelow(node, leaf, bySpan);
}
