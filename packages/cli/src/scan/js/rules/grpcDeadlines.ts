// http-no-timeout for gRPC calls without a deadline. @grpc/grpc-js (and the older `grpc` package) documents
// no default deadline: a unary call waits until the server answers or the connection drops, so a stalled
// server holds the caller until the function's own limit. A call is bounded by `deadline` in its CallOptions
// (`client.method(request, metadata?, { deadline }, callback)`) or by a client interceptor that sets one.
// Reported at each callback-style call on a client this module builds from `loadPackageDefinition(...)` or
// `makeClientConstructor(...)` with no interceptors, when no argument seen carries a deadline.
import {
  calleeName,
  isFunction,
  memberPath,
  type Node,
  objectProps,
  rootIdentifier,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { SourceWords } from '../SourceWords.js';
import type { Report } from './Report.js';

const GRPC_SOURCES = new Set(['@grpc/grpc-js', 'grpc']);
const CONSTRUCTORS = new Set([
  'loadPackageDefinition',
  'makeClientConstructor',
  'makeGenericClientConstructor',
]);
/** grpc.Client's own methods: not remote calls. */
const CLIENT_METHODS = new Set([
  'close',
  'getChannel',
  'waitForReady',
  'makeUnaryRequest',
  'makeClientStreamRequest',
  'makeServerStreamRequest',
  'makeBidiStreamRequest',
]);

/** Does the module import a gRPC package? (a text test before any walk) */
export function mentionsGrpc(source: string): boolean {
  // Both spell `grpc`.
  return (
    SourceWords.of(source).includes('grpc') &&
    (source.includes('@grpc/grpc-js') || /['"]grpc['"]/.test(source))
  );
}

/** Is this `grpc.loadPackageDefinition(...)` (or a client constructor factory) of a gRPC package? */
function grpcFactory(ctx: ModuleContext, node: Node | undefined): boolean {
  const v = unwrap(ctx.valueOf(node));
  if (v?.type !== 'CallExpression') return false;
  const name = calleeName(v);
  return (
    name !== undefined &&
    CONSTRUCTORS.has(name) &&
    GRPC_SOURCES.has(ctx.importRoot(unwrap(v.callee as Node))?.source ?? '')
  );
}

/** Is `built` a client of a service loaded here, built without interceptors (which may set a deadline)? */
function untimedClient(ctx: ModuleContext, built: Node): boolean {
  if (built.type !== 'NewExpression') return false;
  const callee = unwrap(built.callee as Node);
  // `new Service(...)` of a constructor held in a variable, or `new pkg.a.b.Service(...)` off a loaded package.
  const root = callee?.type === 'MemberExpression' ? rootIdentifier(callee) : undefined;
  const loaded = root === undefined ? callee : (ctx.resolve(root, built)?.init as Node | undefined);
  if (!grpcFactory(ctx, loaded)) return false;
  const options = (built.arguments as Node[])[2];
  if (options === undefined) return true;
  const props = objectProps(ctx.valueOf(options));
  return (
    props !== undefined &&
    !props.spread &&
    !props.props.has('interceptors') &&
    !props.props.has('interceptor_providers')
  );
}

/** Do the call's arguments after the request leave the deadline out (metadata, a callback, options without one)? */
function noDeadline(ctx: ModuleContext, args: readonly Node[]): boolean {
  for (const arg of args.slice(1)) {
    const v = unwrap(ctx.valueOf(arg));
    if (v === undefined || isFunction(v)) continue;
    if (v.type === 'NewExpression' && memberPath(v.callee as Node)?.at(-1) === 'Metadata') continue;
    const props = objectProps(v);
    if (props === undefined || props.spread || props.props.has('deadline')) return false;
  }
  return true;
}

/**
 * gRPC calls on a loaded service's client with no deadline.
 * @example
 * grpcDeadlines(ctx, report); // reports `client.submit(input, (err, res) => ...)` on `new pkg.Service(url, creds)`
 */
export function grpcDeadlines(ctx: ModuleContext, report: Report): void {
  if (!mentionsGrpc(ctx.source)) return;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression' || callee.computed) continue;
    const method = calleeName(call);
    const args = call.arguments as Node[];
    if (method === undefined || CLIENT_METHODS.has(method) || !isFunction(unwrap(args.at(-1)))) continue;
    const built = unwrap(ctx.valueOf(callee.object as Node));
    if (built === undefined || !untimedClient(ctx, built) || !noDeadline(ctx, args)) continue;
    if (coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      `gRPC ${method}() has no deadline: grpc-js sets none by default, so a stalled server holds the call; pass { deadline } in its call options`,
    );
  }
}
