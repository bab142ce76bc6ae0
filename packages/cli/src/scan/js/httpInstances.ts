// Where a configured HTTP client (`axios.create`, `got.extend`, `ky.create`) is created and where its
// requests are made: a module-local const, a class field, or a constructor argument kept on `this`.
import { calleeName, forEachDescendant, isFunction, type Node, propertyName, unwrap } from './ast.js';
import type { HttpCall } from './httpCall.js';
import { familyCall } from './httpDefaults.js';
import type { ImportBinding, ModuleContext } from './ModuleContext.js';
import { requiredSpecifier } from './moduleSpecifier.js';
import { testSpelled } from './SourceWords.js';
import { lastTextMemo } from './textMemo.js';

/** `axios.create(...)`, `got.extend(...)`, `ky.create/extend(...)` on the library's import. */
export function instanceFactory(
  ctx: ModuleContext,
  node: Node | undefined,
): 'axios' | 'got' | 'ky' | undefined {
  const call = unwrap(node);
  if (call?.type !== 'CallExpression') return undefined;
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const imp = libraryImport(ctx, unwrap(callee.object));
  const factory = calleeName(call);
  if (imp?.source === 'axios' && factory === 'create') return 'axios';
  if (imp?.source === 'got' && factory === 'extend') return 'got';
  if (imp?.source === 'ky' && (factory === 'create' || factory === 'extend')) return 'ky';
  return undefined;
}

/**
 * The library import `base` is: `axios` itself, or `axios.default` of a namespace import (`import * as axios
 * from 'axios'`, which TypeScript without esModuleInterop leaves as the module object) or of a default import
 * or `require` (CommonJS interop: `const axios = require('axios'); axios.default.create(...)`).
 */
export function libraryImport(ctx: ModuleContext, base: Node | undefined): ImportBinding | undefined {
  if (base?.type === 'Identifier') return ctx.importOf(base.name as string, base);
  if (base?.type !== 'MemberExpression' || propertyName(base.property, base.computed) !== 'default') return;
  const ns = unwrap(base.object);
  const imp = ns?.type === 'Identifier' ? ctx.importOf(ns.name as string, ns) : undefined;
  return imp?.imported === '*' || imp?.imported === 'default' ? imp : undefined;
}

/** The class whose instance `this` is at `node` (none inside a plain function). */
export function enclosingClass(ctx: ModuleContext, node: Node): Node | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return n;
    // `this` inside a plain function is not the class's instance.
    if (isFunction(n) && n.type !== 'ArrowFunctionExpression' && ctx.parentOf(n)?.type !== 'MethodDefinition')
      return undefined;
  }
  return undefined;
}

function paramName(param: Node): string | undefined {
  const p = param.type === 'TSParameterProperty' ? param.parameter : param;
  const id = p?.type === 'AssignmentPattern' ? p.left : p;
  return id?.type === 'Identifier' ? (id.name as string) : undefined;
}

/** The values handed to constructor parameter `index` of `cls` by `new Cls(...)` in this module. */
function constructorArguments(ctx: ModuleContext, cls: Node, index: number): Node[] {
  const name = cls.id?.name as string | undefined;
  if (name === undefined) return [];
  const out: Node[] = [];
  for (const created of ctx.of('NewExpression')) {
    const callee = unwrap(created.callee);
    if (callee?.type !== 'Identifier' || callee.name !== name) continue;
    const arg = created.arguments[index];
    if (arg !== undefined && arg.type !== 'SpreadElement') out.push(arg);
  }
  return out;
}

/** Per class, the creation calls each field can hold: filled in one pass over the class (fieldInstances). */
const classFields = new WeakMap<Node, Map<string, Node[]>>();

/**
 * The creation calls that `this.<field>` can hold inside a class of this module: a field initializer, an
 * assignment in the constructor or in a method that builds it on first use, or a constructor parameter
 * the module's own `new` expressions fill. A field only ever handed the library itself (`new C(axios)`)
 * holds those library identifiers instead (librarySelf).
 */
export function fieldInstances(ctx: ModuleContext, member: Node): Node[] {
  const m = unwrap(member);
  if (m?.type !== 'MemberExpression' || unwrap(m.object)?.type !== 'ThisExpression') return [];
  const field = propertyName(m.property, m.computed);
  const cls = field !== undefined ? enclosingClass(ctx, m) : undefined;
  if (cls === undefined || field === undefined) return [];
  let fields = classFields.get(cls);
  if (fields === undefined) {
    fields = classFieldInstances(ctx, cls);
    classFields.set(cls, fields);
  }
  return fields.get(field) ?? [];
}

/** Every field of `cls` that is given a creation call, with those calls: one walk of the class. */
function classFieldInstances(ctx: ModuleContext, cls: Node): Map<string, Node[]> {
  const values = new Map<string, Node[]>();
  const add = (field: string | undefined, vs: Node[]) => {
    if (field !== undefined) values.set(field, [...(values.get(field) ?? []), ...vs]);
  };
  for (const el of cls.body.body as Node[]) {
    if (el.type === 'PropertyDefinition' && el.value) add(propertyName(el.key, el.computed), [el.value]);
    if (el.type !== 'MethodDefinition' || isFunction(el.value) === false) continue;
    // A method other than the constructor may build the client lazily (`initialize()` on first use).
    const params = el.kind === 'constructor' ? (el.value.params as Node[]) : [];
    params.forEach((p, i) => {
      if (p.type === 'TSParameterProperty') add(paramName(p), constructorArguments(ctx, cls, i));
    });
    forEachDescendant(el.value.body, (n) => {
      if (n.type !== 'AssignmentExpression' || n.operator !== '=') return true;
      const left = unwrap(n.left);
      if (left?.type !== 'MemberExpression' || unwrap(left.object)?.type !== 'ThisExpression') return true;
      const field = propertyName(left.property, left.computed);
      const right = unwrap(n.right);
      const index = right?.type === 'Identifier' ? params.findIndex((p) => paramName(p) === right.name) : -1;
      if (index >= 0) add(field, constructorArguments(ctx, cls, index));
      else if (right !== undefined) add(field, [right]);
      return true;
    });
  }
  const out = new Map<string, Node[]>();
  for (const [field, vs] of values) {
    const made = vs.map((v) => ctx.valueOf(v) as Node).filter((v) => instanceFactory(ctx, v) !== undefined);
    if (made.length > 0) out.set(field, made);
    // `new AuthService(axios)` into `constructor(client: typeof axios)`: the field holds the library's
    // own default instance, which every value the class is given must be for its calls to be the library's.
    else if (vs.length > 0 && vs.every((v) => librarySelf(ctx, v) !== undefined)) out.set(field, vs);
  }
  return out;
}

/** The HTTP library an expression is itself (`axios`, `got`, `ky` imported whole): its default instance. */
export function librarySelf(ctx: ModuleContext, node: Node | undefined): 'axios' | 'got' | 'ky' | undefined {
  const v = unwrap(node);
  if (v?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(v.name as string, v);
  if (imp?.imported !== 'default' && imp?.imported !== '*') return undefined;
  return imp.source === 'axios' || imp.source === 'got' || imp.source === 'ky' ? imp.source : undefined;
}

/**
 * Can code outside this module make requests through the instance `create` makes? Not when it is kept in a
 * module-local name used only as a request receiver or handed to a class of this module (whose calls are
 * then seen), or kept on a class field; otherwise (exported, returned, passed on) its calls are elsewhere.
 */
export function instanceEscapes(ctx: ModuleContext, create: Node): boolean {
  const { parent } = ctx.climb(
    create,
    (p) => p.type === 'TSAsExpression' || p.type === 'ParenthesizedExpression',
  );
  if (parent?.type === 'PropertyDefinition') return false;
  if (parent?.type === 'AssignmentExpression' && unwrap(parent.left)?.type === 'MemberExpression')
    return unwrap(unwrap(parent.left)?.object)?.type !== 'ThisExpression';
  if (parent?.type !== 'VariableDeclarator' || parent.id?.type !== 'Identifier') return true;
  const name = parent.id.name as string;
  if (ctx.exports.has(name) || ctx.parentOf(ctx.parentOf(parent) as Node)?.type === 'ExportNamedDeclaration')
    return true;
  const binding = ctx.resolve(name, parent.id);
  let escapes = false;
  forEachDescendant(ctx.program, (n) => {
    if (escapes) return false;
    if (n.type !== 'Identifier' || n.name !== name || n === parent.id) return true;
    if (ctx.resolve(name, n) !== binding) return true;
    const use = ctx.parentOf(n);
    if (use?.type === 'MemberExpression' && use.object === n && !use.computed) return true;
    const cls = use?.type === 'NewExpression' && use.callee !== n ? unwrap(use.callee) : undefined;
    if (cls?.type === 'Identifier' && ctx.resolve(cls.name as string, cls)?.kind === 'class') return true;
    // Any other use (returned, exported, passed to a function, reassigned) hands it on.
    escapes = true;
    return false;
  });
  return escapes;
}

/** The request-family packages whose `defaults(options)` makes a configured copy of the library. */
const DEFAULTS_SOURCES = new Set([
  'request',
  'request-promise',
  'request-promise-native',
  'request-promise-any',
  'requestretry',
]);

/** The request-family package an expression is: its import, or `require('request')` written in place. */
export function familySource(ctx: ModuleContext, node: Node | undefined): string | undefined {
  const base = unwrap(node);
  let source: string | undefined;
  if (base?.type === 'Identifier') {
    const imp = ctx.importOf(base.name as string, base);
    if (imp?.imported === 'default' || imp?.imported === '*') source = imp.source;
  } else source = requiredSpecifier(base);
  return source !== undefined && DEFAULTS_SOURCES.has(source) ? source : undefined;
}

/** A copy of a request-family package: its source, the options it starts from, and its promised methods. */
export interface FamilyCopy {
  readonly source: string;
  /** `request.defaults(options)`: the options every request through the copy starts from. */
  readonly options?: Node;
  /** Bluebird's `promisifyAll(request)`: its methods are the package's with `Async` added (`getAsync`). */
  readonly promisedAll?: true;
}

/**
 * A copy of a request-family package behind a receiver name: `const api = request.defaults({ json: true })`
 * (or `require('request').defaults(...)` in one line), and Bluebird's or Node's promised request
 * (`Promise.promisify(require('request'))`, `Promise.promisifyAll(require('request'))`, `util.promisify(request)`).
 *
 * @example
 * familyCopy(ctx, receiver) // api of `const api = require('request').defaults({ json: true })` -> { source: 'request', options }
 */
export function familyCopy(ctx: ModuleContext, receiver: Node | undefined): FamilyCopy | undefined {
  if (receiver?.type !== 'Identifier' || !mayCopy(ctx.source)) return undefined;
  const created = unwrap(ctx.valueOf(receiver));
  if (created?.type !== 'CallExpression') return undefined;
  const made = calleeName(created);
  const args = created.arguments as Node[];
  if (made === 'promisify' || made === 'promisifyAll') {
    const source = familySource(ctx, args[0]);
    if (source === undefined) return undefined;
    return made === 'promisifyAll' ? { source, promisedAll: true } : { source };
  }
  if (made !== 'defaults') return undefined;
  const source = familySource(ctx, unwrap(created.callee)?.object as Node | undefined);
  if (source === undefined) return undefined;
  return args[0] === undefined ? { source } : { source, options: args[0] };
}

/** Asked for every identifier-called request, so answered once per module text (it cost 0.7 s on 1,099 files). */
const mayCopy = lastTextMemo((text) =>
  testSpelled(/\.defaults\(|promisify/, text, ['.defaults(', 'promisify']),
);

/** A request through a request-family copy: judged as the family's, with the copy's options beside it. */
export function copyCall(ctx: ModuleContext, call: Node, copy: FamilyCopy): HttpCall | undefined {
  const name = calleeName(call);
  const member = unwrap(call.callee)?.type === 'MemberExpression' ? name : undefined;
  // `promisifyAll(request)` answers `getAsync`, `postAsync`...; its own methods (`get`) keep their callbacks.
  if (copy.promisedAll === true && !member?.endsWith('Async')) return undefined;
  const made = familyCall(ctx, call, copy.source, member?.replace(/Async$/, ''));
  return made === undefined ? undefined : { ...made, ...(copy.options ? { defaults: copy.options } : {}) };
}
