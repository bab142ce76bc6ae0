// What the module walk (moduleIndex.ts) knows about each node type, found with one lookup per node:
// which children to follow, whether it opens a scope or declares names, whether rules want it indexed.
import { visitorKeys } from 'oxc-parser';
import { isFunction, type Node } from './ast.js';

const SCOPE_TYPES = new Set([
  'Program',
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'BlockStatement',
  'ForStatement',
  'ForOfStatement',
  'ForInStatement',
  'CatchClause',
  'StaticBlock',
]);

/** Node types rules look at; the walk indexes them so no rule walks the tree again. */
export const INDEXED = [
  'CallExpression',
  'NewExpression',
  'CatchClause',
  'ExpressionStatement',
  'WhileStatement',
  'DoWhileStatement',
  'ForStatement',
  'Property',
  'TemplateLiteral',
  'Literal',
] as const;
export type IndexedType = (typeof INDEXED)[number];

/** Children the walk follows: every visitor key but the type-level ones (no rule looks into types). */
const CHILD_KEYS = new Map<string, readonly string[]>(
  Object.entries(visitorKeys as Record<string, readonly string[]>).map(([type, keys]) => [
    type,
    keys.filter(
      (k) => k !== 'typeAnnotation' && k !== 'returnType' && k !== 'typeParameters' && k !== 'typeArguments',
    ),
  ]),
);
export const IDENTIFIER = 0;
export const LEAF = 1;
export const INDEXED_LEAF = 2;
export const INNER = 3;
/** Node types whose visit declares names (the rare path, kept out of the walk's loop). */
const DECLARING = new Set([
  'VariableDeclaration',
  'FunctionDeclaration',
  'ClassDeclaration',
  'ImportDeclaration',
  'TSImportEqualsDeclaration',
  'CatchClause',
  'FunctionExpression',
  'ArrowFunctionExpression',
]);

/** Everything the walk asks about a node type, found with one lookup per node. */
export interface TypeInfo {
  /**
   * Leaves have nothing to walk below them (an identifier counts only without decorators: a decorated
   * parameter); none of them opens a scope or declares a name by itself.
   */
  readonly kind: typeof IDENTIFIER | typeof LEAF | typeof INDEXED_LEAF | typeof INNER;
  readonly keys: readonly string[] | undefined;
  readonly scope: boolean;
  /** A function, or the Program: where `var` declarations go. */
  readonly functionScope: boolean;
  readonly declares: boolean;
  readonly indexed: boolean;
}

export const UNKNOWN: TypeInfo = {
  kind: INNER,
  keys: undefined,
  scope: false,
  functionScope: false,
  declares: false,
  indexed: false,
};
export const TYPES = new Map<string, TypeInfo>(
  [...CHILD_KEYS].map(([type, keys]): [string, TypeInfo] => {
    const scope = SCOPE_TYPES.has(type);
    const indexed = (INDEXED as readonly string[]).includes(type);
    return [
      type,
      {
        kind:
          type === 'Identifier'
            ? IDENTIFIER
            : keys.length === 0 && !scope
              ? indexed
                ? INDEXED_LEAF
                : LEAF
              : INNER,
        keys,
        scope,
        functionScope: isFunction({ type, start: 0, end: 0 }) || type === 'Program',
        declares: DECLARING.has(type),
        indexed,
      },
    ];
  }),
);

/**
 * Does the module walk (moduleIndex.ts) meet `node` as a leaf: indexed if its type is, never entered, its
 * parent found only when asked (parentLinks.ts)? An identifier counts only without decorators (a decorated
 * parameter is entered). The walk and the parent search both ask this, so they agree on every node.
 * @example isLeaf(identifier, TYPES.get('Identifier') ?? UNKNOWN) // true unless it has decorators
 */
export function isLeaf(node: Node, info: TypeInfo): boolean {
  return info.kind !== INNER && !(info.kind === IDENTIFIER && node.decorators?.length > 0);
}
