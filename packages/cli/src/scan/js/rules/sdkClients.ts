// Which `new X(...)` builds an AWS SDK v3 client, and which expression holds its options: a client
// imported from `@aws-sdk/client-*`, a class of this module that extends one (`class Bus extends
// EventBridgeClient`), or a Powertools parameter provider, which builds its client from `clientConfig`.
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Names from `@aws-sdk/client-*` that are not clients (`new GetObjectCommand(...)`, errors). */
const NOT_A_CLIENT = /(Command|Exception|Error|Paginator|Waiter)$/;
const POWERTOOLS_PROVIDER = /^(SSMProvider|SecretsProvider|AppConfigProvider|DynamoDBProvider)$/;

/**
 * Is `name`, imported from `@aws-sdk/client-*`, a client class (`EventBridgeClient`, the aggregated
 * `DynamoDB`) rather than a command, error, paginator or waiter?
 *
 * @example
 * isV3ClientExport('EventBridgeClient') // true; isV3ClientExport('PutEventsCommand') // false
 */
export function isV3ClientExport(name: string): boolean {
  return /^[A-Z]/.test(name) && !NOT_A_CLIENT.test(name);
}

export function v3ClientName(ctx: ModuleContext, callee: Node): string | undefined {
  const c = unwrap(callee);
  if (c?.type === 'Identifier') {
    const imp = ctx.importOf(c.name as string, c);
    // `DynamoDBClient` and the aggregated `DynamoDB` (v3 too: same options, same handler).
    if (
      imp?.source.startsWith('@aws-sdk/client-') &&
      /^[A-Z]/.test(imp.imported) &&
      !NOT_A_CLIENT.test(imp.imported)
    )
      return imp.imported;
  }
  if (c?.type === 'MemberExpression') {
    // `import * as sqs from '@aws-sdk/client-sqs'; new sqs.SQSClient()`, and the CommonJS module object
    // (`const ses = require('@aws-sdk/client-sesv2'); new ses.SESv2Client()`, read here as a default import).
    // Also read straight off a dynamic import, `new (await import('@aws-sdk/client-sqs')).SQSClient()`,
    // whose member path has no name at its root.
    const imp = ctx.importRoot(c);
    const last = memberPath(c)?.at(-1) ?? propertyName(c.property as Node, c.computed as boolean);
    if (
      imp?.source.startsWith('@aws-sdk/client-') &&
      (imp.imported === '*' || imp.imported === 'default') &&
      last !== undefined &&
      /^[A-Z]/.test(last) &&
      !NOT_A_CLIENT.test(last)
    )
      return last;
  }
  return undefined;
}

/**
 * The argument of `new Sub(...)` that reaches `super(...)` of a class extending an SDK client: the first
 * one when the class has no constructor, the parameter handed to `super` otherwise (undefined: not seen).
 */
function subclassArg(cls: Node): number | null | undefined {
  const ctor = ((cls.body?.body ?? []) as Node[]).find(
    (m) => m.type === 'MethodDefinition' && m.kind === 'constructor',
  );
  if (ctor === undefined) return 0;
  const params = (ctor.value?.params ?? []) as Node[];
  const body = (ctor.value?.body?.body ?? []) as Node[];
  for (const statement of body) {
    const expr = unwrap(statement.expression);
    if (expr?.type !== 'CallExpression' || unwrap(expr.callee)?.type !== 'Super') continue;
    const first = unwrap((expr.arguments as Node[])[0]);
    if (first === undefined) return null;
    // `constructor(props, ...args) { super(...args) }` hands on the arguments from the rest's position.
    const passed = first.type === 'SpreadElement' ? unwrap(first.argument) : first;
    if (passed?.type !== 'Identifier') return undefined;
    const index = params.findIndex((p) => {
      const own = p.type === 'AssignmentPattern' ? p.left : p.type === 'RestElement' ? p.argument : p;
      return (
        unwrap(own)?.name === passed.name && (p.type === 'RestElement') === (first.type === 'SpreadElement')
      );
    });
    return index < 0 ? undefined : index;
  }
  return undefined;
}

/**
 * A class of this module that extends an SDK client, and which constructor argument reaches `super`
 * (null: none does, so the client gets no options at all).
 *
 * @example
 * sdkSubclass(ctx, cls) // class Bus extends EventBridgeClient { constructor(p, config) { super(config) } } -> { base: 'EventBridgeClient', arg: 1 }
 */
export function sdkSubclass(ctx: ModuleContext, cls: Node): { base: string; arg: number | null } | undefined {
  if (cls.superClass == null) return undefined;
  const base = v3ClientName(ctx, cls.superClass);
  if (base === undefined) return undefined;
  const arg = subclassArg(cls);
  return arg === undefined ? undefined : { base, arg };
}

/**
 * The v3 client a `new` expression builds and the node holding its options (undefined: none given).
 *
 * @example
 * v3Client(ctx, node) // new SSMProvider({ clientConfig: { customUserAgent } }) -> { name: 'SSMProvider (Powertools)', options: <the clientConfig object> }
 */
export function v3Client(
  ctx: ModuleContext,
  node: Node,
): { name: string; options: Node | undefined } | undefined {
  const callee = node.callee as Node;
  const args = node.arguments as Node[];
  const direct = v3ClientName(ctx, callee);
  if (direct !== undefined) return { name: direct, options: args[0] };
  const c = unwrap(callee);
  if (c?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(c.name as string, c);
  if (imp?.source.startsWith('@aws-lambda-powertools/parameters') && POWERTOOLS_PROVIDER.test(imp.imported)) {
    // Judged only where the caller configures the provider's client (`clientConfig`): a client the caller
    // built (`awsSdkV3Client`) is judged where it is built, and a provider left at its defaults is usually
    // read through a wrapper that bounds the read (Powertools' cache, a background refresh).
    const props = objectProps(ctx.valueOf(args[0]));
    if (props === undefined || props.spread || !props.props.has('clientConfig')) return undefined;
    return { name: `Powertools ${imp.imported} clientConfig`, options: props.props.get('clientConfig') };
  }
  const binding = ctx.resolve(c.name as string, c);
  const sub = binding?.kind === 'class' ? sdkSubclass(ctx, binding.declaration) : undefined;
  if (sub === undefined) return undefined;
  return {
    name: `${c.name} (a ${sub.base} subclass)`,
    options: sub.arg === null ? undefined : args[sub.arg],
  };
}
