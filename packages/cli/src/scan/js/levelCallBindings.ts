// swallowed-error: which bare level calls of a module (`error('failed', e)`) are not a logger's. Reading the
// name alone counts a project's own `error` that throws (`function error(t) { throw new InputError(t) }`,
// digitraffic's text-converter), builds an HTTP answer (`export function error(e) { return { statusCode } }`,
// daoscan's http-handler) or forwards a page (nestri's password adapter) as a log line, and a catch that
// calls it as one that drops the failure. isLogCall (catchFacts.ts) has no module context at its many
// callers, so the module marks such calls once, when it is indexed, and namedLogCall.ts asks the mark.
import { isFunction, memberPath, type Node, someDescendant } from './ast.js';
import type { Binding, ModuleContext } from './ModuleContext.js';

/** A logger's level, called bare. Never a bare `log(...)`: an audit trail's `log` may write a table. */
export const LEVEL = /^(error|warn|warning|info|debug|trace|fatal)$/;

/**
 * A module specifier that names logging: `./adapters/logger`, `../utils/log`, `@aws-lambda-powertools/logger`,
 * `npmlog`, `loglevel`; `@actions/core`'s `error`/`warning` are its log lines. Not `catalog` or `dialog`.
 */
const LOGGER_SOURCE = /(^|[^a-z])(npm)?log(s|ger|gers|ging|level)?([^a-z]|$)|^@actions\/core$/i;

/** An object whose level methods a module destructures: `const { error } = console` or `= logger`. */
const LOGGER_OBJECT = /^(console|log|logger|\w*Logger)$/i;

/** Calls that resolve to a project function or import that is no logger's (see above). */
const notLogs = new WeakSet<Node>();

/** Is this bare call one `markLevelCalls` found bound to something other than a logger? */
export function boundToNonLogger(call: Node): boolean {
  return notLogs.has(call);
}

/**
 * Marks the module's bare level calls whose name is bound to something other than a logger. A global name
 * (unbound) is left to its name, as before.
 */
export function markLevelCalls(ctx: ModuleContext): void {
  for (const call of ctx.of('CallExpression')) {
    const callee = call.callee as Node;
    if (callee.type !== 'Identifier' || !LEVEL.test(callee.name as string)) continue;
    const binding = ctx.resolve(callee.name as string, callee);
    if (binding !== undefined && !loggerBinding(ctx, binding, callee)) notLogs.add(call);
  }
}

function loggerBinding(ctx: ModuleContext, binding: Binding, at: Node): boolean {
  const imp = ctx.importOf(binding.name, at);
  if (imp !== undefined) return LOGGER_SOURCE.test(imp.source);
  const decl = binding.declaration;
  if (decl.type === 'VariableDeclarator' && (decl.id as Node).type === 'ObjectPattern')
    return LOGGER_OBJECT.test(memberPath(decl.init as Node | undefined)?.at(-1) ?? '');
  return isFunction(binding.init) && logsOnly(binding.init as Node);
}

/**
 * A local level function that only writes its line: no throw and no value returned, and a logger call in
 * it (`function error(line) { logger.error(build(line)); }`).
 */
function logsOnly(fn: Node): boolean {
  const body = fn.body as Node;
  // `(...a) => console.error(...a)`: the body is the logger's call.
  if (body.type !== 'BlockStatement') return loggerCall(body);
  const stops = someDescendant(
    body,
    (n) => n.type === 'ThrowStatement' || (n.type === 'ReturnStatement' && n.argument != null),
    true,
  );
  return !stops && someDescendant(body, loggerCall);
}

/** `console.error(...)`, `logger.warn(...)`, `this.logger.info(...)`. */
function loggerCall(n: Node): boolean {
  if (n.type !== 'CallExpression') return false;
  const path = memberPath(n.callee as Node);
  return path !== undefined && path.length >= 2 && LOGGER_OBJECT.test(path.at(-2) ?? '');
}
