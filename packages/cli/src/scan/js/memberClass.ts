// The class behind a method call's receiver: `this.jwtAdapter.verify(t)` where the field is declared
// `private readonly jwtAdapter: KmsJwtAdapter`, filled by `this.jwtAdapter = new KmsJwtAdapter(...)` or
// `= BavService.getInstance(...)`, or injected (`constructor(private readonly bav: BavService)`); and
// `adapter.verify(t)` where `adapter` is a parameter typed by a class or a name bound to `new X()`.
// Projects put their token verifiers and AWS senders behind such service classes, so rules that judge a
// call by what it does (infra-error-as-auth's remote check, swallowed-error's handler path) follow the
// receiver to its class: one of this module, or one imported (from the project, or an SDK client class).
import { memberPath, type Node, propertyName, unwrap } from './ast.js';
import { classNamed, namespaceMade } from './classNamed.js';
import type { ModuleContext } from './ModuleContext.js';

/** A class of this module, or a class imported by name (type-only imports included). */
export type MemberClass =
  | { readonly kind: 'local'; readonly cls: Node }
  | { readonly kind: 'import'; readonly source: string; readonly name: string };

/** The simple name a declaration is typed with (`x: KmsJwtAdapter`, `x?: ns.Adapter`). */
function typeNameOf(decl: Node | undefined): string | undefined {
  const d = decl?.type === 'AssignmentPattern' ? decl.left : decl;
  const t = (d?.typeAnnotation as Node | undefined)?.typeAnnotation;
  if (t?.type !== 'TSTypeReference') return undefined;
  const name = t.typeName;
  if (name?.type === 'Identifier') return name.name as string;
  return name?.type === 'TSQualifiedName' ? (name.right?.name as string | undefined) : undefined;
}

/** The name a parameter binds, with or without a default (`x: T`, `x: T = new X()`). */
function paramName(param: Node | undefined): string | undefined {
  const p = unwrap(param);
  return (p?.type === 'AssignmentPattern' ? unwrap(p.left) : p)?.name as string | undefined;
}

/**
 * `verifier: JwtVerifierInterface = new KmsJwtVerifier()`: the class an injectable field defaults to. The
 * declared type is often an interface (nothing to judge); the default is what runs unless a caller injects.
 */
function defaultClassName(decl: Node | undefined): string | undefined {
  return decl?.type === 'AssignmentPattern' ? madeClassName(decl.right as Node | undefined) : undefined;
}

/**
 * `new X(...)`, a static factory on X (`X.getInstance(...)`, `X.create(...)`), or a DI container asked for
 * X (`container.resolve(X)`): the class name X.
 */
function madeClassName(value: Node | undefined): string | undefined {
  const v = unwrap(value);
  if (v?.type === 'NewExpression') {
    const callee = unwrap(v.callee);
    // `new AWS.KMS(...)` of `import * as AWS from '@aws-sdk/client-kms'`: the class read through the
    // namespace (classNamed confirms the namespace import).
    if (callee?.type === 'MemberExpression' && unwrap(callee.object)?.type === 'Identifier')
      return propertyName(callee.property, callee.computed as boolean);
    return callee?.type === 'Identifier' ? callee.name : undefined;
  }
  if (v?.type !== 'CallExpression') return undefined;
  const callee = unwrap(v.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const object = unwrap(callee.object);
  const method = propertyName(callee.property, callee.computed as boolean) ?? '';
  // A DI container hands back an instance of the class it is asked for: tsyringe's
  // `container.resolve(OrderService)`, typedi's `Container.get(OrderService)`, inversify's `container.get(X)`.
  const wanted = unwrap(v.arguments[0]);
  if (
    /^(resolve|get)$/.test(method) &&
    /container|injector/i.test(memberPathText(object)) &&
    wanted?.type === 'Identifier' &&
    /^[A-Z]/.test(wanted.name as string)
  )
    return wanted.name as string;
  // A factory named for it on a capitalised name: the class hands back its own (shared) instance.
  if (object?.type !== 'Identifier' || !/^[A-Z]/.test(object.name as string)) return undefined;
  return /instance|^create$|^build$|^make$|^of$/i.test(method) ? (object.name as string) : undefined;
}

/** The last name of a receiver (`container`, `this.container`, `Container`), or ''. */
function memberPathText(node: Node | undefined): string {
  if (node?.type === 'Identifier') return node.name as string;
  return node?.type === 'MemberExpression'
    ? (propertyName(node.property, node.computed as boolean) ?? '')
    : '';
}

/** The class body `node` sits in (the innermost class). */
function classBodyOf(ctx: ModuleContext, node: Node): Node | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) if (n.type === 'ClassBody') return n;
  return undefined;
}

const fieldCache = new WeakMap<Node, Map<string, string | undefined>>();

/** The class name a field of this class body is declared with, built with or handed in as (once per field). */
function fieldClassName(body: Node, field: string): string | undefined {
  let fields = fieldCache.get(body);
  if (fields === undefined) {
    fields = new Map();
    fieldCache.set(body, fields);
  }
  if (!fields.has(field)) fields.set(field, readFieldClass(body, field));
  return fields.get(field);
}

function readFieldClass(body: Node, field: string): string | undefined {
  let assigned: string | undefined;
  for (const el of body.body as Node[]) {
    if (el.type === 'PropertyDefinition' && propertyName(el.key, el.computed as boolean) === field) {
      const declared = madeClassName(el.value as Node | undefined) ?? typeNameOf(el);
      if (declared !== undefined) return declared;
    }
    if (el.type !== 'MethodDefinition') continue;
    const fn = el.value as Node;
    if (el.kind === 'constructor')
      for (const p of fn.params as Node[])
        if (p.type === 'TSParameterProperty' && paramName(p.parameter as Node) === field)
          return defaultClassName(p.parameter as Node) ?? typeNameOf(p.parameter as Node);
    // `this.<field> = new X(...)`, `= X.getInstance(...)`, or `= param` typed X (constructor injection).
    for (const st of ((fn.body as Node | undefined)?.body as Node[] | undefined) ?? []) {
      const e = st.type === 'ExpressionStatement' ? unwrap(st.expression) : undefined;
      const left = e?.type === 'AssignmentExpression' ? unwrap(e.left) : undefined;
      if (left?.type !== 'MemberExpression' || unwrap(left.object)?.type !== 'ThisExpression') continue;
      if (propertyName(left.property, left.computed as boolean) !== field) continue;
      const right = unwrap(e?.right);
      const param =
        right?.type === 'Identifier'
          ? (fn.params as Node[]).find((p) => unwrap(p)?.name === right.name)
          : undefined;
      assigned ??= madeClassName(right) ?? (param !== undefined ? typeNameOf(unwrap(param)) : undefined);
    }
  }
  return assigned;
}

/**
 * The class whose instance `receiver` holds: `this.<field>` of the enclosing class, or a name that is a
 * parameter typed by a class or is bound to `new X()`.
 *
 * @example
 * receiverClass(ctx, thisKmsDecryptor) // { kind: 'import', source: '../utils/KmsJwtAdapter', name: 'KmsJwtAdapter' }
 */
export function receiverClass(ctx: ModuleContext, receiver: Node | undefined): MemberClass | undefined {
  const r = unwrap(receiver);
  if (r?.type === 'MemberExpression' && unwrap(r.object)?.type === 'ThisExpression') {
    const field = propertyName(r.property, r.computed as boolean);
    const body = field === undefined ? undefined : classBodyOf(ctx, r);
    const name = body === undefined ? undefined : fieldClassName(body, field as string);
    return name === undefined ? undefined : classNamed(ctx, name, r);
  }
  if (r?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(r.name as string, r);
  if (binding?.kind === 'const' || binding?.kind === 'let') {
    const sdk = namespaceMade(ctx, binding.init);
    if (sdk !== undefined) return sdk;
  }
  const name =
    binding?.kind === 'param'
      ? typeNameOf(binding.declaration)
      : binding?.kind === 'const' || binding?.kind === 'let'
        ? madeClassName(binding.init)
        : undefined;
  return name === undefined ? undefined : classNamed(ctx, name, r);
}

/**
 * `recv.method(...)` with a receiver whose class is known: the class and the method's name.
 *
 * @example
 * memberCall(ctx, call) // { owner: { kind: 'local', cls }, method: 'verify' } for this.adapter.verify(t)
 */
export function memberCall(
  ctx: ModuleContext,
  call: Node,
): { owner: MemberClass; method: string } | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const object = unwrap(callee.object);
  if (object?.type !== 'Identifier' && object?.type !== 'MemberExpression') return undefined;
  const method = propertyName(callee.property, callee.computed as boolean);
  if (method === undefined) return undefined;
  const owner = receiverClass(ctx, object);
  return owner === undefined ? undefined : { owner, method };
}

/** The function of a method of a class node (`async verify() {}`, `verify = async () => {}`). */
export function methodOf(cls: Node, method: string): Node | undefined {
  for (const el of (cls.body as Node).body as Node[]) {
    if (el.type !== 'MethodDefinition' && el.type !== 'PropertyDefinition') continue;
    if (el.static === true || propertyName(el.key, el.computed as boolean) !== method) continue;
    const fn = unwrap(el.value);
    if (fn?.type === 'FunctionExpression' || fn?.type === 'ArrowFunctionExpression') return fn;
  }
  return undefined;
}

/** An AWS SDK client class (`KMS`, `KMSClient` from `@aws-sdk/client-kms`, or aws-sdk v2's). */
export function isSdkClass(owner: MemberClass): boolean {
  return owner.kind === 'import' && /^@aws-sdk\/client-|^aws-sdk(?:\/|$)/.test(owner.source);
}

/**
 * The class of this module a module-level singleton is made from: `new JwtAdapter(...)`,
 * `JwtAdapter.getInstance()` (`export const jwtAdapter = new JwtAdapter()`, its importers call
 * `jwtAdapter.verify(t)`).
 */
export function instanceClass(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  const v = unwrap(value);
  const name = madeClassName(v);
  if (name === undefined) return undefined;
  const binding = ctx.resolve(name, v as Node);
  return binding?.kind === 'class' ? binding.declaration : undefined;
}

/** X-Ray's wrappers hand back the client they are given (`AWSXRay.captureAWSv3Client(client)`). */
const XRAY_CAPTURE = /^capture(AWSv3Client|AWSClient|AWS)$/;

/**
 * Is `name` one of X-Ray's wrappers that instrument what they are given and hand it back (aws-xray-sdk-core)?
 * One list for every rule that sees through them.
 *
 * @example isXrayCapture('captureAWSv3Client') // true
 */
export function isXrayCapture(name: string | undefined): boolean {
  return XRAY_CAPTURE.test(name ?? '');
}

/**
 * Is this exported value an AWS SDK client? `new STS({...})`, `new AWS.KMS()`, either branch of
 * `xray ? AWSXRay.captureAWSv3Client(raw) : raw`, through the consts naming them. Its importers'
 * `await stsClient.assumeRoleWithWebIdentity(...)` is a call to AWS.
 */
export function sdkInstance(ctx: ModuleContext, value: Node | undefined, depth = 0): boolean {
  const v = unwrap(ctx.valueOf(value));
  if (v === undefined || depth > 3) return false;
  if (v.type === 'ConditionalExpression')
    return sdkInstance(ctx, v.consequent, depth + 1) || sdkInstance(ctx, v.alternate, depth + 1);
  if (v.type === 'CallExpression' && XRAY_CAPTURE.test(calleeNameOf(v)))
    return sdkInstance(ctx, (v.arguments as Node[])[0], depth + 1);
  if (v.type !== 'NewExpression') return false;
  const made = namespaceMade(ctx, v);
  if (made !== undefined) return isSdkClass(made);
  const name = madeClassName(v);
  const owner = name === undefined ? undefined : classNamed(ctx, name, v);
  return owner !== undefined && isSdkClass(owner);
}

function calleeNameOf(call: Node): string {
  const callee = unwrap(call.callee);
  if (callee?.type === 'Identifier') return callee.name as string;
  return callee?.type === 'MemberExpression'
    ? (propertyName(callee.property, callee.computed as boolean) ?? '')
    : '';
}

/**
 * `this.m(...)` inside a class: the class's own method `m`.
 * @example
 * ownMethod(ctx, call) // this.load(id) inside class Repo { load(id) {...} } -> the load method's function
 */
export function ownMethod(ctx: ModuleContext, call: Node): Node | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || unwrap(callee.object)?.type !== 'ThisExpression')
    return undefined;
  const name = memberPath(callee)?.at(-1);
  for (let p = ctx.parentOf(call); p !== undefined; p = ctx.parentOf(p))
    if (p.type === 'ClassDeclaration' || p.type === 'ClassExpression')
      return name === undefined ? undefined : methodOf(p, name);
  return undefined;
}
