// One parsed module: parent links, lexical bindings, imports and the Lambda handlers it defines.
// Built in a single walk; rules then query it instead of walking again.
import { visitorKeys } from 'oxc-parser';
import { isFunction, type Node, propertyName, rootIdentifier, unwrap } from './ast.js';
import { findExports } from './exportDiscovery.js';
import { findHandlers } from './handlerDiscovery.js';

export interface ImportBinding {
  /** Module specifier as written: 'axios', './http.js'. */
  readonly source: string;
  /** Imported name; 'default' or '*' for default and namespace imports. */
  readonly imported: string;
}

export interface Binding {
  readonly name: string;
  /** The node that declares it (VariableDeclarator, FunctionDeclaration, ClassDeclaration, Identifier param). */
  readonly declaration: Node;
  /** Initial value for `const x = ...` and function declarations; undefined for params and patterns. */
  readonly init: Node | undefined;
  readonly kind: 'const' | 'let' | 'var' | 'function' | 'class' | 'param' | 'import';
  readonly scope: Node;
}

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
const INDEXED = [
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
const IDENTIFIER = 0;
const LEAF = 1;
const INDEXED_LEAF = 2;
/**
 * Node types with nothing to walk below them. An identifier counts only without decorators (a
 * decorated parameter); none of them opens a scope or declares a name by itself.
 */
const LEAVES = new Map<string, number>([
  ['Identifier', IDENTIFIER],
  ...[...CHILD_KEYS]
    .filter(([type, keys]) => keys.length === 0 && !SCOPE_TYPES.has(type))
    .map(([type]): [string, number] => [
      type,
      (INDEXED as readonly string[]).includes(type) ? INDEXED_LEAF : LEAF,
    ]),
]);

export type HandlerKind = 'entry' | 'record' | 'helper';

export class ModuleContext {
  readonly file: string;
  readonly source: string;
  readonly program: Node;
  readonly imports = new Map<string, ImportBinding>();
  readonly nodes = new Map<IndexedType, Node[]>();
  /** Functions on a Lambda handler's path: the handler, record handlers, and same-file helpers they call. */
  readonly handlers = new Map<Node, HandlerKind>();
  /** Entry handlers that receive SQS or stream batches. */
  readonly batchHandlers = new Set<Node>();
  /** Exported names and the node each stands for. */
  readonly exports = new Map<string, Node>();
  /** Handlers (`/abs/stem.export`) that CDK code in this module gives an event source with `batchSize: 1`. */
  readonly batchOneHandlers: string[] = [];
  private readonly bindings = new Map<string, Binding[]>();
  /**
   * Each node's parent. Kept here rather than as a `parent` property on the node: adding a property to
   * every object the parser made changed their shapes and cost more than the rest of the walk.
   */
  private readonly parents = new Map<Node, Node>();
  /** Declarators whose value is `require('m')` (or a property of it): their names are imports. */
  private readonly requireDeclarators = new Set<Node>();
  private readonly lineStarts: number[];

  readonly comments: readonly {
    readonly type: string;
    readonly value: string;
    readonly start: number;
    readonly end: number;
  }[];

  constructor(
    file: string,
    source: string,
    program: Node,
    comments: readonly { type: string; value: string; start: number; end: number }[] = [],
  ) {
    this.file = file;
    this.comments = comments;
    this.source = source;
    this.program = program;
    for (const type of INDEXED) this.nodes.set(type, []);
    this.lineStarts = [0];
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.walk();
    findExports(this);
    findHandlers(this);
  }

  of(type: IndexedType): readonly Node[] {
    return this.nodes.get(type) ?? [];
  }

  /** 1-based line and column of an offset. oxc offsets are UTF-16 indices into the source string. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? 0;
    const end = this.lineStarts[line] ?? this.source.length;
    return this.source.slice(start, end).trim();
  }

  /** The binding `name` refers to at `at` (innermost enclosing scope), if declared in this module. */
  resolve(name: string, at: Node): Binding | undefined {
    const candidates = this.bindings.get(name);
    if (candidates === undefined) return undefined;
    let best: Binding | undefined;
    for (const b of candidates) {
      if (b.scope.start <= at.start && at.end <= b.scope.end) {
        if (best === undefined || b.scope.end - b.scope.start < best.scope.end - best.scope.start) best = b;
      }
    }
    return best;
  }

  /** Import behind an identifier, unless a local declaration shadows it. */
  importOf(name: string, at: Node): ImportBinding | undefined {
    const binding = this.resolve(name, at);
    if (
      binding !== undefined &&
      binding.kind !== 'import' &&
      !this.requireDeclarators.has(binding.declaration)
    )
      return undefined;
    return this.imports.get(name);
  }

  /** True when `name` at `at` is a global (not declared or imported in this module). */
  isGlobal(name: string, at: Node): boolean {
    return this.resolve(name, at) === undefined;
  }

  /** Follows `const a = b` and `const a = <expr>` to the expression a name stands for (a few hops). */
  valueOf(node: Node | undefined, depth = 0): Node | undefined {
    const n = unwrap(node);
    if (n === undefined || depth > 4) return n;
    if (n.type === 'Identifier') {
      const b = this.resolve(n.name as string, n);
      if (
        b === undefined ||
        b.init === undefined ||
        (b.kind !== 'const' && b.kind !== 'function' && b.kind !== 'let')
      )
        return n;
      return this.valueOf(b.init, depth + 1);
    }
    return n;
  }

  /** The function a callee or reference stands for, when it is declared in this module. */
  functionOf(node: Node | undefined): Node | undefined {
    const v = this.valueOf(node);
    return isFunction(v) ? v : undefined;
  }

  /** The node `node` is a child of; undefined for the program. */
  parentOf(node: Node): Node | undefined {
    return this.parents.get(node);
  }

  /**
   * Walks up from `node` while each parent passes `through` (wrappers such as `await`, parentheses, `as`):
   * the last node reached and the parent that stopped the walk.
   */
  climb(node: Node, through: (parent: Node) => boolean): { node: Node; parent: Node | undefined } {
    let n = node;
    let parent = this.parents.get(n);
    while (parent !== undefined && through(parent)) {
      n = parent;
      parent = this.parents.get(n);
    }
    return { node: n, parent };
  }

  /** Nearest enclosing function of a node. */
  enclosingFunction(node: Node): Node | undefined {
    for (let n = this.parents.get(node); n !== undefined; n = this.parents.get(n))
      if (isFunction(n)) return n;
    return undefined;
  }

  /** The handler-path kind of the code around `node`, if any. */
  handlerKindAt(node: Node): HandlerKind | undefined {
    for (let n = this.parents.get(node); n !== undefined; n = this.parents.get(n)) {
      const kind = this.handlers.get(n);
      if (kind !== undefined) return kind;
    }
    return undefined;
  }

  get isLambdaModule(): boolean {
    return this.handlers.size > 0;
  }

  private declare(name: string, binding: Omit<Binding, 'name'>): void {
    const list = this.bindings.get(name);
    const b = { name, ...binding };
    if (list === undefined) this.bindings.set(name, [b]);
    else list.push(b);
  }

  /** `import { imported as name } from 'source'` and `import name = require('source')`. */
  private declareImport(
    name: string,
    source: string,
    imported: string,
    declaration: Node,
    scope: Node,
  ): void {
    this.imports.set(name, { source, imported });
    this.declare(name, { declaration, init: undefined, kind: 'import', scope });
  }

  private declarePattern(
    pattern: Node | undefined,
    scope: Node,
    kind: Binding['kind'],
    declaration: Node,
  ): void {
    const p = pattern;
    if (p === undefined || p === null) return;
    switch (p.type) {
      case 'Identifier':
        this.declare(p.name as string, { declaration, init: undefined, kind, scope });
        break;
      case 'ObjectPattern':
        for (const prop of p.properties as Node[])
          this.declarePattern(
            prop.type === 'RestElement' ? prop.argument : prop.value,
            scope,
            kind,
            declaration,
          );
        break;
      case 'ArrayPattern':
        for (const el of p.elements as (Node | null)[])
          if (el) this.declarePattern(el, scope, kind, declaration);
        break;
      case 'AssignmentPattern':
        this.declarePattern(p.left, scope, kind, declaration);
        break;
      case 'RestElement':
        this.declarePattern(p.argument, scope, kind, declaration);
        break;
      case 'TSParameterProperty':
        this.declarePattern(p.parameter, scope, kind, declaration);
        break;
    }
  }

  private walk(): void {
    const scopes: Node[] = [];
    const functionScopes: Node[] = [];
    const indexed = this.nodes as Map<string, Node[]>;
    const visit = (node: Node, parent: Node | undefined): void => {
      if (parent !== undefined) this.parents.set(node, parent);
      const isScope = SCOPE_TYPES.has(node.type);
      // A function's body block shares the function's scope.
      const opensScope = isScope && !(node.type === 'BlockStatement' && isFunction(parent));
      if (opensScope) scopes.push(node);
      const fn = isFunction(node);
      if (fn || node.type === 'Program') functionScopes.push(node);
      const scope = scopes[scopes.length - 1] as Node;
      switch (node.type) {
        case 'VariableDeclaration': {
          const kind = node.kind === 'var' ? 'var' : node.kind === 'const' ? 'const' : 'let';
          const target = kind === 'var' ? (functionScopes[functionScopes.length - 1] as Node) : scope;
          for (const d of node.declarations as Node[]) {
            if (d.id.type === 'Identifier') {
              this.declare(d.id.name as string, {
                declaration: d,
                init: d.init ?? undefined,
                kind,
                scope: target,
              });
              if (this.noteRequire(d.id, d.init)) this.requireDeclarators.add(d);
            } else {
              this.declarePattern(d.id, target, kind, d);
              if (this.noteRequire(d.id, d.init)) this.requireDeclarators.add(d);
            }
          }
          break;
        }
        case 'FunctionDeclaration':
          if (node.id) {
            // Hoisted into the enclosing scope, not its own.
            const outer = scopes[scopes.length - 2] ?? scope;
            this.declare(node.id.name as string, {
              declaration: node,
              init: node,
              kind: 'function',
              scope: outer,
            });
          }
          break;
        case 'ClassDeclaration':
          if (node.id)
            this.declare(node.id.name as string, { declaration: node, init: node, kind: 'class', scope });
          break;
        case 'ImportDeclaration':
          if (node.importKind !== 'type') {
            for (const s of node.specifiers as Node[]) {
              if (s.importKind === 'type') continue;
              const imported =
                s.type === 'ImportDefaultSpecifier'
                  ? 'default'
                  : s.type === 'ImportNamespaceSpecifier'
                    ? '*'
                    : (propertyName(s.imported) ?? 'default');
              this.declareImport(s.local.name as string, node.source.value as string, imported, s, scope);
            }
          }
          break;
        case 'TSImportEqualsDeclaration':
          if (node.moduleReference?.type === 'TSExternalModuleReference') {
            const source = node.moduleReference.expression.value as string;
            this.declareImport(node.id.name as string, source, '*', node, scope);
          }
          break;
        case 'CatchClause':
          if (node.param) this.declarePattern(node.param, node, 'let', node);
          break;
      }
      if (fn) {
        for (const p of node.params as Node[]) this.declarePattern(p, node, 'param', p);
        if (node.type === 'FunctionExpression' && node.id)
          this.declare(node.id.name as string, {
            declaration: node,
            init: node,
            kind: 'function',
            scope: node,
          });
      }
      const list = indexed.get(node.type);
      if (list !== undefined) list.push(node);
      const keys = CHILD_KEYS.get(node.type);
      if (keys === undefined) return void popScopes(node, opensScope, fn);
      for (const key of keys) {
        const child = node[key];
        if (child === null || child === undefined) continue;
        if (Array.isArray(child)) {
          for (const c of child)
            if (c !== null && typeof c === 'object' && 'type' in c) enter(c as Node, node);
        } else if (typeof child === 'object' && 'type' in child) enter(child as Node, node);
      }
      popScopes(node, opensScope, fn);
    };
    const popScopes = (node: Node, opensScope: boolean, fn: boolean): void => {
      if (opensScope) scopes.pop();
      if (fn || node.type === 'Program') functionScopes.pop();
    };
    // Leaves (a third of all nodes are plain identifiers) only need their parent link and, for the
    // indexed ones, a place in the index: no scope, binding or child to look at.
    const enter = (node: Node, parent: Node): void => {
      const kind = LEAVES.get(node.type);
      if (kind === undefined || (kind === IDENTIFIER && node.decorators?.length > 0)) visit(node, parent);
      else {
        this.parents.set(node, parent);
        if (kind === INDEXED_LEAF) indexed.get(node.type)?.push(node);
      }
    };
    visit(this.program, undefined);
  }

  /** `const x = require('m')` and `const { a } = require('m')` count as imports. */
  private noteRequire(id: Node, init: Node | undefined): boolean {
    let call = unwrap(init);
    let member: string | undefined;
    if (call?.type === 'MemberExpression' && !call.computed) {
      member = propertyName(call.property);
      call = unwrap(call.object);
    }
    if (call?.type !== 'CallExpression') return false;
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier' || callee.name !== 'require') return false;
    const source = unwrap(call.arguments[0]);
    if (source?.type !== 'Literal' || typeof source.value !== 'string') return false;
    if (id.type === 'Identifier') {
      this.imports.set(id.name as string, { source: source.value, imported: member ?? 'default' });
    } else if (id.type === 'ObjectPattern') {
      for (const p of id.properties as Node[]) {
        if (p.type !== 'Property' || p.value?.type !== 'Identifier') continue;
        const name = propertyName(p.key, p.computed);
        if (name !== undefined)
          this.imports.set(p.value.name as string, { source: source.value, imported: name });
      }
    }
    return true;
  }

  /** Root identifier of an expression, resolved through its import if any. */
  importRoot(node: Node | undefined): ImportBinding | undefined {
    const root = rootIdentifier(node);
    if (root === undefined) return undefined;
    return this.importOf(root, node as Node);
  }
}
