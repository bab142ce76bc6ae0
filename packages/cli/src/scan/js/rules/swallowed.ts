// swallowed-error: catch blocks and promise rejections that hide failures, and unchecked fetch
// responses.
import {
  calleeName,
  isDefaultValue,
  isFunction,
  memberPath,
  type Node,
  someDescendant,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { authCatch } from './auth.js';
import { doesIo, hasComment, isLogCall } from './catchFacts.js';
import { classifyHttpCall } from './http.js';
import type { Report, Rule } from './Report.js';

const CLEANUP_COMMAND = /^(Delete|Remove|Deregister|Untag|Detach|Disassociate|Disable)\w*$/;

/**
 * Every SDK command in the try block is a delete or another cleanup (`DeleteSubscriptionFilterCommand`):
 * a failed cleanup that is logged leaves garbage behind, but loses none of the work the caller asked for.
 */
function onlyCleanup(ctx: ModuleContext, block: Node): boolean {
  const text = ctx.source.slice(block.start, block.end);
  const commands = [...text.matchAll(/\bnew\s+(\w+)Command\b/g)].map((m) => m[1] ?? '');
  return commands.length > 0 && commands.every((c) => CLEANUP_COMMAND.test(c));
}

export const swallowRules: Rule = (ctx: ModuleContext, report: Report) => {
  const comments = ctx.comments;
  for (const handler of ctx.of('CatchClause')) {
    const body = handler.body as Node;
    const statements = body.body as Node[];
    const tryStatement = ctx.parentOf(handler) as Node;
    // A catch that answers 401 is not "swallowed", it is wrong: infra-error-as-auth reports it.
    if (authCatch(ctx, handler)) continue;
    if (statements.length === 0) {
      if (!hasComment(ctx, comments, body))
        report('swallowed-error', handler, 'empty catch block: the error disappears');
      continue;
    }
    if (someDescendant(body, (n) => n.type === 'ThrowStatement', true)) continue;
    const io = doesIo(ctx, tryStatement.block);
    const onlyLogs = statements.every((s) => isLogCall(s));
    const returnsDefault =
      statements.every((s) => isLogCall(s) || s.type === 'ReturnStatement') &&
      statements.some((s) => s.type === 'ReturnStatement' && isDefaultValue(s.argument)) &&
      !statements.some((s) => s.type === 'ReturnStatement' && !isDefaultValue(s.argument));
    const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
    const returnsError =
      param !== undefined &&
      statements.every((s) => isLogCall(s) || s.type === 'ReturnStatement') &&
      statements.some((s) => s.type === 'ReturnStatement' && unwrap(s.argument)?.name === param);
    if (returnsError && io && ctx.handlerKindAt(handler) === 'entry') {
      report(
        'swallowed-error',
        handler,
        'the handler returns the caught error as its result: the invocation succeeds and the work is lost',
      );
    } else if (returnsDefault && io) {
      report(
        'swallowed-error',
        handler,
        'catch returns an empty/default value after I/O: the caller cannot tell failure from "nothing"',
      );
    } else if (
      onlyLogs &&
      io &&
      ctx.handlerKindAt(handler) !== undefined &&
      !onlyCleanup(ctx, tryStatement.block)
    ) {
      report(
        'swallowed-error',
        handler,
        'catch only logs on a Lambda handler path: the invocation succeeds and the work is lost',
      );
    }
  }

  for (const call of ctx.of('CallExpression')) {
    // `.catch(() => {})`, `.catch(() => null)`, `.catch(noop)`
    if (
      calleeName(call) === 'catch' &&
      unwrap(call.callee)?.type === 'MemberExpression' &&
      call.arguments.length === 1
    ) {
      if (marksHandled(ctx, call)) continue;
      const fn = ctx.valueOf(call.arguments[0]);
      if (fn !== undefined && isFunction(fn)) {
        const b = fn.body as Node;
        const empty =
          b.type === 'BlockStatement'
            ? (b.body as Node[]).length === 0 && !hasComment(ctx, comments, b)
            : isDefaultValue(b);
        const returnsDefault =
          b.type === 'BlockStatement' &&
          (b.body as Node[]).length === 1 &&
          (b.body as Node[])[0]?.type === 'ReturnStatement' &&
          isDefaultValue((b.body as Node[])[0]?.argument);
        if (empty || returnsDefault) report('swallowed-error', call, '.catch() discards the rejection');
      } else if (
        unwrap(call.arguments[0])?.type === 'Identifier' &&
        /^(noop|ignore|_\.noop)$/.test(unwrap(call.arguments[0])?.name as string)
      ) {
        report('swallowed-error', call, '.catch(noop) discards the rejection');
      }
      continue;
    }
    // fetch responses whose status is never looked at.
    const http = classifyHttpCall(ctx, call);
    if (http?.lib !== 'fetch') continue;
    const unchecked = uncheckedResponse(ctx, call);
    if (unchecked !== undefined) report('swallowed-error', call, unchecked);
  }
};

const CLEANUP =
  /^(cancel|close|destroy|release|abort|dispose|unref|end|disconnect|quit|unlink|rm|remove|unsubscribe|kill|terminate|return)$/;

/**
 * `p.catch(() => undefined)` on a promise that is awaited elsewhere only stops an unhandled-rejection
 * crash; on a best-effort cleanup call (`body.cancel()`, `socket.close()`) there is nothing to handle.
 */
function marksHandled(ctx: ModuleContext, call: Node): boolean {
  const receiver = unwrap(unwrap(call.callee)?.object);
  if (receiver?.type === 'CallExpression') return CLEANUP.test(calleeName(receiver) ?? '');
  if (receiver?.type !== 'Identifier' && receiver?.type !== 'MemberExpression') return false;
  const name = memberPath(receiver)?.join('.');
  if (name === undefined) return false;
  const fn = ctx.enclosingFunction(call);
  const scope = (fn?.body as Node | undefined) ?? ctx.program;
  const text = ctx.source.slice(scope.start, scope.end);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Used again besides this `.catch(...)`: awaited, returned, raced or passed on.
  return (text.match(new RegExp(`(^|[^\\w.$])${escaped}(?![\\w$])`, 'g'))?.length ?? 0) > 1;
}

/** fetch resolves on 4xx/5xx; reading the body without checking `ok`/`status` treats an error page as data. */
function uncheckedResponse(ctx: ModuleContext, call: Node): string | undefined {
  const { node: n, parent } = ctx.climb(
    call,
    (p) =>
      p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression',
  );
  if (parent === undefined) return undefined;
  if (parent.type === 'ExpressionStatement' && n.type === 'AwaitExpression')
    return 'fetch() response is discarded: a 4xx/5xx answer counts as success';
  if (parent.type === 'MemberExpression' && parent.object === n && n.type === 'AwaitExpression') {
    const method = parent.property?.name as string | undefined;
    if (method === 'json' || method === 'text' || method === 'arrayBuffer' || method === 'blob')
      return `fetch() body read with .${method}() without checking response.ok: an error page becomes data`;
    return undefined;
  }
  if (
    parent.type === 'VariableDeclarator' &&
    parent.id?.type === 'Identifier' &&
    n.type === 'AwaitExpression'
  ) {
    const name = parent.id.name as string;
    const fn = ctx.enclosingFunction(call) ?? ctx.program;
    const text = ctx.source.slice(fn.start, fn.end);
    const re = new RegExp(
      `\\b${name}\\s*(\\?\\.|\\.)\\s*(ok|status|statusCode|statusText)\\b|\\b(return|yield)\\s+${name}\\s*(;|\\)|$)|\\(\\s*${name}\\s*[,)]|\\b${name}\\s*[,)]`,
    );
    if (re.test(text)) return undefined;
    const reads = new RegExp(`\\b${name}\\s*\\.\\s*(json|text|arrayBuffer|blob|body)\\b`).test(text);
    return reads
      ? `fetch() response ${name} is read without checking ${name}.ok or ${name}.status`
      : undefined;
  }
  return undefined;
}
