// One parsed module: parent links, lexical bindings, imports and the Lambda handlers it defines.
// Built in a single walk (moduleIndex.ts); rules then query it instead of walking again.
import { isFunction, type Node, rootIdentifier, unwrap } from './ast.js';
import type { EventSourceWrapper, FieldRoute, ImportRef, PassedProps } from './Candidate.js';
import { findExports } from './exportDiscovery.js';
import { findHandlers } from './handlerDiscovery.js';
import type { InvokeHelper, InvokeHelperCall, ServerlessFunctionName } from './invokeFacts.js';
import { markLevelCalls } from './levelCallBindings.js';
import { type Binding, type ImportBinding, type IndexedType, ModuleIndex } from './moduleIndex.js';
import { awaitedImportRoot } from './moduleSpecifier.js';
import { isProjectSource } from './projectSource.js';
import { SourceWords } from './SourceWords.js';
import { selfCallTarget } from './selfCalls.js';

export type { Binding, ImportBinding, IndexedType } from './moduleIndex.js';
export { isProjectSource, mayBeProjectSource } from './projectSource.js';

export type HandlerKind = 'entry' | 'record' | 'helper';

export class ModuleContext {
  readonly file: string;
  readonly source: string;
  readonly program: Node;
  readonly imports: Map<string, ImportBinding>;
  readonly nodes: Map<IndexedType, Node[]>;
  /** Functions on a Lambda handler's path: the handler, record handlers, and same-file helpers they call. */
  readonly handlers = new Map<Node, HandlerKind>();
  /** Entry handlers that receive SQS or stream batches. */
  readonly batchHandlers = new Set<Node>();
  /** Exported names and the node each stands for. */
  readonly exports = new Map<string, Node>();
  /** Handlers (`/abs/stem.export`) that CDK code in this module gives an event source with `batchSize: 1`. */
  readonly batchOneHandlers: string[] = [];
  /** Handler strings this module's templates (CDK, serverless.ts) wire to a redelivered source. */
  readonly eventHandlers: string[] = [];
  /** Handler strings this module's templates (serverless.ts) wire to a schedule (of unreadHandlers): jobs, whatever they read. */
  readonly scheduledHandlers: string[] = [];
  /** Handler strings this module's templates (serverless.ts) wire to an HTTP route: a user waits on them. */
  readonly requestHandlers: string[] = [];
  /** Handler strings this module's templates (CDK, serverless.ts) hand to an invoker that reads no answer. */
  readonly unreadHandlers: string[] = [];
  /** Environment variables this module invokes a function by with `InvocationType: 'Event'` (rules/asyncInvokeEnv.ts). */
  readonly asyncInvokedEnv: string[] = [];
  /** Variables a recurring schedule or scheduled rule made at run time targets: unread answers, not DLQ (asyncInvokeEnv.ts). */
  readonly scheduledInvokedEnv: string[] = [];
  /** Environment variables this module's CDK code sets to a function's name or ARN, with its handler string. */
  readonly envFunctions: (readonly [string, string])[] = [];
  /** Function names (`*` for a deploy-time part) this module invokes with `'Event'` (rules/asyncInvokeNames.ts). */
  readonly asyncInvokedNames: string[] = [];
  /** Helpers this module declares that invoke by a name built from a parameter (rules/asyncInvokeNames.ts). */
  readonly invokeHelpers: InvokeHelper[] = [];
  /** Calls of imported functions with a literal `'Event'` argument (rules/asyncInvokeNames.ts). */
  readonly invokeHelperCalls: InvokeHelperCall[] = [];
  /** Function names a serverless.ts gives the definitions it imports (rules/serverlessTsInvoked.ts). */
  readonly serverlessFunctionNames: ServerlessFunctionName[] = [];
  /** Classes and functions that build an SqsEventSource from their own props (rules/cdkWrappers.ts). */
  readonly eventSourceWrappers = new Map<Node, EventSourceWrapper>();
  /** Construct classes that put a function from their props behind an API route: prop key -> the route's limit (s). */
  readonly apiRouteProps = new Map<Node, Record<string, number>>();
  /** Fields of imported constructs handed to an imported API construct (rules/cdkApiProps.ts). */
  readonly fieldRoutes: FieldRoute[] = [];
  /** Exported constructs' fields this module builds as functions with props it reads (rules/cdkTargetedFields.ts). */
  readonly builtFunctionFields: { readonly exports: readonly string[]; readonly field: string }[] = [];
  /** Project helpers called or built here with props (rules/cdkPassedProps.ts). */
  readonly passedProps: PassedProps[] = [];
  /** Handlers built into an imported construct that may attach a one-record event source to itself. */
  readonly batchOneIfWrapper: { readonly ref: ImportRef; readonly handler: string }[] = [];
  /** Imported function definitions a serverless.ts runs as Lift queue workers of batch size 1 (rules/liftTsWorkers.ts). */
  readonly liftWorkerRefs: ImportRef[] = [];
  /**
   * Exports a template names as a function's handler (`Handler: join/join-community.default`): entry points
   * whatever their name or shape, since the runtime calls them (scan/templateNamedHandlers.ts).
   */
  readonly templateNamed: ReadonlySet<string>;
  private readonly bindings: Map<string, Binding[]>;
  private readonly parents: ModuleIndex['parents'];
  private readonly requireDeclarators: Set<Node>;
  private readonly dynamicImports: ReadonlyMap<string, ReadonlyMap<Node, ImportBinding>>;
  private readonly lineStarts: number[];

  readonly comments: readonly {
    readonly type: string;
    readonly value: string;
    readonly start: number;
    readonly end: number;
  }[];

  /** The scan root (insideRoot.ts): searches upward for an app's folder stop there. Unknown: unbounded. */
  readonly root: string | undefined;

  constructor(
    file: string,
    source: string,
    program: Node,
    comments: readonly { type: string; value: string; start: number; end: number }[] = [],
    templateNamed: ReadonlySet<string> = new Set(),
    root?: string,
  ) {
    this.file = file;
    this.root = root;
    this.templateNamed = templateNamed;
    this.comments = comments;
    this.source = source;
    this.program = program;
    const index = new ModuleIndex(program);
    this.imports = index.imports;
    this.nodes = index.nodes;
    this.bindings = index.bindings;
    this.parents = index.parents;
    this.requireDeclarators = index.requireDeclarators;
    this.dynamicImports = index.dynamicImports;
    this.lineStarts = [0];
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    findExports(this);
    findHandlers(this);
    markLevelCalls(this);
  }

  of(type: IndexedType): readonly Node[] {
    return this.nodes.get(type) ?? [];
  }

  /**
   * Exactly `this.source.includes(word)`. Rules ask the whole text for a hundred words a module mostly
   * lacks, each a full search; the text's three-character bit set (SourceWords.ts, built once per module
   * and usually kept from the gate) rules most of them out without one.
   */
  spells(word: string): boolean {
    return this.sourceWords().includes(word);
  }

  /**
   * Exactly `pattern.test(this.source)`, where every match of `pattern` holds one of `words` (in any case):
   * testSpelled (SourceWords.ts) on this module's own bit set, which a helper module's context asking
   * mid-rule cannot evict as it evicts SourceWords.of's one slot.
   */
  testSpelled(pattern: RegExp, words: readonly string[]): boolean {
    const spelled = this.sourceWords();
    return words.some((w) => spelled.mayHave(w)) && pattern.test(this.source);
  }

  private sourceWords(): SourceWords {
    this.words ??= SourceWords.of(this.source);
    return this.words;
  }

  private words: SourceWords | undefined;

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

  private projectNames: Set<string> | undefined;

  /**
   * Local names imported from the project itself (a relative path, or a scoped workspace package), asked
   * by the cross-module passes before anything else: most calls are not to one of them.
   */
  get projectImports(): ReadonlySet<string> {
    if (this.projectNames === undefined) {
      this.projectNames = new Set<string>();
      for (const [name, imp] of this.imports) if (isProjectSource(imp.source)) this.projectNames.add(name);
    }
    return this.projectNames;
  }

  /** Import behind an identifier, unless a local declaration shadows it. */
  importOf(name: string, at: Node): ImportBinding | undefined {
    // No import of that name: nothing to look up in scope (most names asked about are locals).
    const imp = this.imports.get(name);
    const dynamic = this.dynamicImports.get(name);
    if (imp === undefined && dynamic === undefined) return undefined;
    const binding = this.resolve(name, at);
    // A name an `await import(...)` binds answers only where its declarator is in scope.
    const awaited = binding === undefined ? undefined : dynamic?.get(binding.declaration);
    if (awaited !== undefined || imp === undefined) return awaited;
    if (
      binding !== undefined &&
      binding.kind !== 'import' &&
      !this.requireDeclarators.has(binding.declaration)
    )
      return undefined;
    return imp;
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
      // `var f = function () {...}`: callback-era code declares its functions so; other `var`s are not followed.
      const fnVar = b?.kind === 'var' && isFunction(unwrap(b.init));
      if (
        b?.init === undefined ||
        (b.kind !== 'const' && b.kind !== 'function' && b.kind !== 'let' && !fnVar)
      )
        return n;
      return this.valueOf(b.init, depth + 1);
    }
    return n;
  }

  /** The function a callee or reference stands for, when it is declared in this module. */
  functionOf(node: Node | undefined): Node | undefined {
    const v = this.valueOf(node);
    return isFunction(v) ? v : selfCallTarget(this, v, v as Node);
  }

  /** Does some lexical binding of the module, in any scope, pass `test`? */
  someBinding(test: (binding: Binding) => boolean): boolean {
    for (const list of this.bindings.values()) if (list.some(test)) return true;
    return false;
  }

  /** The node `node` is a child of; undefined for the program. */
  parentOf(node: Node): Node | undefined {
    return this.parents.get(node);
  }

  /** The parents of `of('Literal')`, index for index: `parentOf` of each, without its search from the program. */
  literalParents(): readonly Node[] {
    return this.parents.ofLeavesOf('Literal');
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

  /** Root identifier of an expression, resolved through its import if any. */
  importRoot(node: Node | undefined): ImportBinding | undefined {
    const root = rootIdentifier(node);
    if (root === undefined) return awaitedImportRoot(node);
    return this.importOf(root, node as Node);
  }
}
