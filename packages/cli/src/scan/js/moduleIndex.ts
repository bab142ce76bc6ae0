// The one walk over a parsed module: each node's parent, the lexical bindings of every scope, the imports
// (ES and `require`), and the nodes rules look at, indexed by type. ModuleContext answers queries over it.
import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import { requiredSpecifier, sdkDynamicImport } from './moduleSpecifier.js';
import { ParentLinks } from './parentLinks.js';
import {
  INDEXED,
  INDEXED_LEAF,
  type IndexedType,
  isLeaf,
  TYPES,
  type TypeInfo,
  UNKNOWN,
} from './walkTypes.js';

export type { IndexedType } from './walkTypes.js';

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

/** What the walk finds in one module. */
export class ModuleIndex {
  readonly imports = new Map<string, ImportBinding>();
  readonly nodes = new Map<IndexedType, Node[]>();
  readonly bindings = new Map<string, Binding[]>();
  /**
   * Each node's parent (parentLinks.ts: the walk writes inner nodes' parents, a leaf's is found when asked).
   * Kept here rather than as a `parent` property on the node: adding a property to every object the parser
   * made changed their shapes and cost more than the rest of the walk.
   */
  readonly parents: ParentLinks;
  /** Declarators whose value is `require('m')` (or a property of it): their names are imports. */
  readonly requireDeclarators = new Set<Node>();
  /**
   * Names an `await import('@aws-sdk/client-*')` binds, by name, then by the declarator that binds them.
   * Kept out of `imports`: such a name is bound in the function (block) that awaits the import only, so
   * it neither replaces a top-level import of the same name nor answers for a name used elsewhere
   * (ModuleContext.importOf resolves it through the scope to its declarator).
   */
  readonly dynamicImports = new Map<string, Map<Node, ImportBinding>>();

  constructor(program: Node) {
    this.parents = new ParentLinks(program);
    for (const type of INDEXED) this.nodes.set(type, []);
    this.walk(program);
  }

  /**
   * Adds a binding of `name`. Its fields are passed one by one and the binding written as one literal:
   * `{ name, ...binding }` copied each field through a generic spread, several times slower per binding,
   * and every declared name of every module passes here.
   */
  private declare(
    name: string,
    declaration: Node,
    init: Node | undefined,
    kind: Binding['kind'],
    scope: Node,
  ): void {
    const list = this.bindings.get(name);
    const b: Binding = { name, declaration, init, kind, scope };
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
    this.declare(name, declaration, undefined, 'import', scope);
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
        this.declare(p.name as string, declaration, undefined, kind, scope);
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

  private walk(program: Node): void {
    const scopes: Node[] = [];
    const functionScopes: Node[] = [];
    const indexed = this.nodes as Map<string, Node[]>;
    const parents = this.parents.ofInner;
    const leafParents = this.parents.ofIndexedLeaf;
    const visit = (node: Node, info: TypeInfo, parent: Node | undefined): void => {
      if (parent !== undefined) parents.set(node, parent);
      // A function's body block shares the function's scope.
      const opensScope = info.scope && !(node.type === 'BlockStatement' && isFunction(parent));
      if (opensScope) scopes.push(node);
      if (info.functionScope) functionScopes.push(node);
      if (info.declares) this.declareIn(node, scopes, functionScopes);
      if (info.indexed) indexed.get(node.type)?.push(node);
      const keys = info.keys;
      if (keys !== undefined)
        for (const key of keys) {
          const child = node[key];
          if (child === null || child === undefined) continue;
          if (Array.isArray(child)) {
            for (const c of child)
              if (c !== null && typeof c === 'object' && 'type' in c) enter(c as Node, node);
          } else if (typeof child === 'object' && 'type' in child) enter(child as Node, node);
        }
      if (opensScope) scopes.pop();
      if (info.functionScope) functionScopes.pop();
    };
    // Leaves (a third of all nodes are plain identifiers) only need, for the indexed ones, a place in the
    // index: no scope, binding or child to look at, and their parent is found when asked (parentLinks.ts).
    const enter = (node: Node, parent: Node): void => {
      const info = TYPES.get(node.type) ?? UNKNOWN;
      if (!isLeaf(node, info)) visit(node, info, parent);
      else if (info.kind === INDEXED_LEAF) {
        const listed = indexed.get(node.type);
        if (listed === undefined) return;
        listed.push(node);
        const ofLeaves = leafParents.get(node.type);
        if (ofLeaves === undefined) leafParents.set(node.type, [parent]);
        else ofLeaves.push(parent);
      }
    };
    visit(program, TYPES.get(program.type) ?? UNKNOWN, undefined);
  }

  /** The names a declaring node (a declaration, a catch clause, a function's parameters) binds. */
  private declareIn(node: Node, scopes: readonly Node[], functionScopes: readonly Node[]): void {
    const scope = scopes[scopes.length - 1] as Node;
    switch (node.type) {
      case 'VariableDeclaration': {
        const kind = node.kind === 'var' ? 'var' : node.kind === 'const' ? 'const' : 'let';
        const target = kind === 'var' ? (functionScopes[functionScopes.length - 1] as Node) : scope;
        for (const d of node.declarations as Node[]) {
          if (d.id.type === 'Identifier') {
            this.declare(d.id.name as string, d, d.init ?? undefined, kind, target);
            if (this.noteRequire(d.id, d.init, d)) this.requireDeclarators.add(d);
          } else {
            this.declarePattern(d.id, target, kind, d);
            if (this.noteRequire(d.id, d.init, d)) this.requireDeclarators.add(d);
          }
        }
        break;
      }
      case 'FunctionDeclaration':
        if (node.id) {
          // Hoisted into the enclosing scope, not its own.
          const outer = scopes[scopes.length - 2] ?? scope;
          this.declare(node.id.name as string, node, node, 'function', outer);
        }
        break;
      case 'ClassDeclaration':
        if (node.id) this.declare(node.id.name as string, node, node, 'class', scope);
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
    if (isFunction(node)) {
      for (const p of node.params as Node[]) this.declarePattern(p, node, 'param', p);
      if (node.type === 'FunctionExpression' && node.id)
        this.declare(node.id.name as string, node, node, 'function', node);
    }
  }

  /**
   * `import pkg from 'aws-sdk'; const { S3 } = pkg` (the CommonJS package imported whole from ESM, then
   * taken apart) and `const S3 = pkg.S3`: each name is that module's export, as `const { S3 } =
   * require('aws-sdk')` would be. Only a default or namespace import seen before the declaration.
   */
  private noteImportedMembers(id: Node, base: string, member: string | undefined, d: Node): boolean {
    // A namespace a dynamic import bound (`const s3 = await import(...); const { S3Client } = s3`): one
    // declarator of that name only, whose members are bound where this declarator is.
    const dynamic = this.dynamicImports.get(base);
    const held = dynamic?.size === 1 ? [...dynamic.values()][0] : undefined;
    const whole = held ?? this.imports.get(base);
    if (whole === undefined || (whole.imported !== 'default' && whole.imported !== '*')) return false;
    const bind = (name: string, imported: string) =>
      held
        ? this.noteDynamic(name, d, whole.source, imported)
        : this.imports.set(name, { source: whole.source, imported });
    if (id.type === 'Identifier' && member !== undefined) {
      bind(id.name as string, member);
      return !held;
    }
    if (id.type !== 'ObjectPattern' || member !== undefined) return false;
    for (const p of id.properties as Node[]) {
      if (p.type !== 'Property' || p.value?.type !== 'Identifier') continue;
      const name = propertyName(p.key, p.computed);
      if (name !== undefined) bind(p.value.name as string, name);
    }
    return !held;
  }

  private noteDynamic(name: string, declarator: Node, source: string, imported: string): void {
    const byDeclarator = this.dynamicImports.get(name);
    if (byDeclarator === undefined)
      this.dynamicImports.set(name, new Map([[declarator, { source, imported }]]));
    else byDeclarator.set(declarator, { source, imported });
  }

  /**
   * `const x = require('m')` and `const { a } = require('m')` count as imports; the same of `await
   * import('@aws-sdk/client-*')` binds its names in the declarator's scope only (dynamicImports).
   */
  private noteRequire(id: Node, init: Node | undefined, d: Node): boolean {
    let call = unwrap(init);
    let member: string | undefined;
    if (call?.type === 'MemberExpression' && !call.computed) {
      member = propertyName(call.property);
      call = unwrap(call.object);
    }
    if (call?.type === 'Identifier') return this.noteImportedMembers(id, call.name as string, member, d);
    // `await import('@aws-sdk/client-sns')` binds the package's namespace: its members are its exports.
    const dynamic = sdkDynamicImport(call);
    if (call?.type !== 'CallExpression' && dynamic === undefined) return false;
    // `require('m')` or `require(`m`)`: one reading for both (moduleSpecifier.ts).
    const source = dynamic ?? requiredSpecifier(call);
    if (source === undefined) return false;
    const bind = (name: string, imported: string) =>
      dynamic ? this.noteDynamic(name, d, source, imported) : this.imports.set(name, { source, imported });
    if (id.type === 'Identifier') {
      bind(id.name as string, member ?? (dynamic ? '*' : 'default'));
    } else if (id.type === 'ObjectPattern') {
      for (const p of id.properties as Node[]) {
        if (p.type !== 'Property' || p.value?.type !== 'Identifier') continue;
        const name = propertyName(p.key, p.computed);
        if (name !== undefined) bind(p.value.name as string, name);
      }
    }
    return dynamic === undefined;
  }
}
