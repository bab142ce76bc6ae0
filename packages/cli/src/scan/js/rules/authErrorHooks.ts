// infra-error-as-auth in a framework's error hook: middy's `onError`, Express's error middleware
// `(err, req, res, next)`, Fastify's `setErrorHandler`, Hono's `app.onError`, a NestJS `@Catch()` filter.
// The hook receives every error the handler lets through, the key store's, the JWKS endpoint's or the
// database's outage included; one that answers 401/403/Deny (an authorizer's `throw new Error('Unauthorized')`)
// for all of them without looking at the error tells valid users they are unauthorised whenever a
// dependency fails, even when the handler itself was careful.
import { calleeName, isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersAuthFailure } from './authAnswers.js';
import { localAdapterHooks } from './authSstAdapters.js';
import { onErrorFunctions } from './httpErrorMiddleware.js';
import type { Report } from './Report.js';

/** The names an error hook's first parameter is given by the frameworks' documentation and by habit. */
const ERROR_PARAM = /^(e|err|error|ex|exception|exc)$/i;
/** Response objects Express, Fastify and Koa hand an error middleware. */
const RESPONSE_PARAM = /^(res|response|reply|ctx)$/;
/** Calls that hand the error on to be classified (`classify(err)`, `toHttpStatus(err)`, `next(err)`). */
const CLASSIFIER = /classify|toHttpStatus|is[A-Z]|handle|map|toProblem|errorResponse|^next$/;

function paramName(p: Node | undefined): string | undefined {
  const n = unwrap(p?.type === 'AssignmentPattern' ? p.left : p);
  return n?.type === 'Identifier' ? (n.name as string) : undefined;
}

/**
 * Express's error middleware is the function with four parameters (expressjs.com, "Writing error
 * handlers"): `(err, req, res, next)`. Also Fastify's `setErrorHandler((error, request, reply) => ...)`
 * and Hono's `app.onError((err, c) => ...)`, whose hook is the argument of the named call.
 */
function frameworkHooks(ctx: ModuleContext): Node[] {
  const hooks: Node[] = [];
  const express = (fn: Node | undefined) => {
    const params = (fn?.params as Node[] | undefined) ?? [];
    return (
      params.length === 4 &&
      ERROR_PARAM.test(paramName(params[0]) ?? '') &&
      RESPONSE_PARAM.test(paramName(params[2]) ?? '')
    );
  };
  // Registered with `app.use(...)` / `router.use(...)`, or exported for the app to register.
  for (const value of ctx.exports.values()) {
    const fn = ctx.functionOf(value);
    if (express(fn)) hooks.push(fn as Node);
  }
  const named = ctx.spells('setErrorHandler') || ctx.spells('.onError(');
  if (!named && !ctx.spells('.use(')) return hooks;
  for (const call of ctx.of('CallExpression')) {
    const name = calleeName(call);
    if (name === 'use')
      for (const arg of call.arguments as Node[]) {
        const fn = ctx.functionOf(arg);
        if (express(fn)) hooks.push(fn as Node);
      }
    if (name !== 'setErrorHandler' && name !== 'onError') continue;
    const fn = ctx.functionOf((call.arguments as Node[])[0]);
    if (fn !== undefined && ERROR_PARAM.test(paramName((fn.params as Node[])[0]) ?? '')) hooks.push(fn);
  }
  return hooks;
}

/** NestJS's `@Catch()` with no class named catches every exception; its `catch(exception, host)` method. */
function catchAllFilters(ctx: ModuleContext): Node[] {
  if (!ctx.spells('@Catch()')) return [];
  const out: Node[] = [];
  for (const stmt of ctx.program.body as Node[]) {
    const cls = stmt.type === 'ClassDeclaration' ? stmt : unwrap(stmt.declaration);
    if (cls?.type !== 'ClassDeclaration') continue;
    const decorators = (cls.decorators as Node[] | undefined) ?? [];
    const all = decorators.some((d) => {
      const e = unwrap(d.expression);
      return (
        e?.type === 'CallExpression' && calleeName(e) === 'Catch' && (e.arguments as Node[]).length === 0
      );
    });
    if (!all) continue;
    for (const m of (cls.body as Node).body as Node[])
      if (m.type === 'MethodDefinition' && (m.key?.name ?? m.key?.value) === 'catch')
        out.push(m.value as Node);
  }
  return out;
}

/**
 * The names the hook's error goes by: its first parameter, and a middy request's `error`
 * (`const { error } = request`, `request.error`).
 */
function errorNames(fn: Node): Set<string> {
  const names = new Set<string>(['error']);
  const first = paramName((fn.params as Node[])[0]);
  if (first !== undefined && ERROR_PARAM.test(first)) names.add(first);
  return names;
}

/** `error`, `request.error`, `handler.error`: the hook's error itself. */
function isError(node: Node | undefined, names: Set<string>): boolean {
  const n = unwrap(node);
  if (n?.type === 'Identifier') return names.has(n.name as string);
  const path = n?.type === 'MemberExpression' ? memberPath(n) : undefined;
  return path !== undefined && path.length === 2 && path[1] === 'error';
}

/** `if (!error) return;`: a guard for a call with no error, not a look at which error it is. */
function presenceGuard(n: Node, names: Set<string>): boolean {
  if (n.type !== 'IfStatement' || n.alternate != null) return false;
  const test = unwrap(n.test);
  const negated = test?.type === 'UnaryExpression' && test.operator === '!' && isError(test.argument, names);
  const body = unwrap(n.consequent);
  const statements = body?.type === 'BlockStatement' ? (body.body as Node[]) : body ? [body] : [];
  return negated && statements.length === 1 && statements[0]?.type === 'ReturnStatement';
}

/** Does the hook look at the error before answering (a test on it, a rethrow, a classifier)? */
function looksAtError(fn: Node, names: Set<string>): boolean {
  const mentions = (root: Node | undefined) =>
    root !== undefined &&
    (isError(root, names) || someDescendant(root, (m) => isError(m, names) && m.type !== 'Property'));
  return someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type === 'IfStatement') return !presenceGuard(n, names) && mentions(n.test as Node);
      if (n.type === 'ConditionalExpression') return mentions(n.test as Node);
      if (n.type === 'SwitchStatement') return mentions(n.discriminant as Node);
      if (n.type === 'LogicalExpression') return mentions(n.left as Node) || mentions(n.right as Node);
      if (n.type === 'ThrowStatement' || n.type === 'ReturnStatement') return isError(n.argument, names);
      if (n.type === 'CallExpression')
        return CLASSIFIER.test(calleeName(n) ?? '') && (n.arguments as Node[]).some((a) => isError(a, names));
      return false;
    },
    true,
  );
}

/**
 * @example
 * errorHookRules(ctx, report) // onError: (request) => { logger.error(request.error); throw new Error('Unauthorized') } -> at the throw
 */
export function errorHookRules(ctx: ModuleContext, report: Report): void {
  const hooks = [
    ...(ctx.spells('onError') ? onErrorFunctions(ctx, ctx.program) : []),
    ...frameworkHooks(ctx),
    ...catchAllFilters(ctx),
  ];
  // Passwordless adapters that call their hook only from a local token check (authSstAdapters.ts): settled
  // here, or by the export facts of the project adapters imported.
  const adapters = localAdapterHooks(ctx);
  const seen = new Set<Node>();
  for (const fn of hooks) {
    if (seen.has(fn) || !isFunction(fn)) continue;
    seen.add(fn);
    const imported = adapters.get(fn);
    if (imported !== undefined && imported.length === 0) continue;
    const answer = answersAuthFailure(fn.body as Node, ctx);
    if (answer === undefined || looksAtError(fn, errorNames(fn))) continue;
    report(
      'infra-error-as-auth',
      answer,
      'this error hook answers every error with 401/403/Unauthorized, so an outage of the key store, identity provider or database logs every user out',
      imported !== undefined ? { unlessImportLocalAdapter: imported } : undefined,
    );
  }
}
