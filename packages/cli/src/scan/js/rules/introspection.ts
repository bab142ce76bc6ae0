// infra-error-as-auth for token introspection (RFC 7662): an introspection call whose network failure,
// timeout or non-2xx answer returns null/false like `active: false`. The caller cannot tell "this token
// is not valid" from "the authorization server is down", so an outage logs every client out with 401.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { discriminates, isFalsyValue } from './authFacts.js';
import { isLogCall } from './catchFacts.js';
import { classifyHttpCall } from './http.js';
import type { Report } from './Report.js';

const INTROSPECT = /introspect/i;

function functionName(ctx: ModuleContext, fn: Node): string | undefined {
  const parent = ctx.parentOf(fn);
  const name =
    fn.id?.name ??
    (parent?.type === 'MethodDefinition' || parent?.type === 'Property'
      ? parent.key?.name
      : parent?.type === 'VariableDeclarator'
        ? parent.id?.name
        : undefined);
  return typeof name === 'string' ? name : undefined;
}

/** The try block makes an HTTP call, and it or its function is about token introspection. */
function introspects(ctx: ModuleContext, tryStatement: Node): boolean {
  let http = false;
  let named = false;
  someDescendant(
    tryStatement.block,
    (n) => {
      if (n.type === 'CallExpression' && classifyHttpCall(ctx, n) !== undefined) {
        http = true;
        const url = n.arguments[0] as Node | undefined;
        if (url !== undefined && INTROSPECT.test(ctx.source.slice(url.start, url.end))) named = true;
      }
      return false;
    },
    true,
  );
  if (!http) return false;
  if (named) return true;
  const fn = ctx.enclosingFunction(tryStatement);
  return fn !== undefined && INTROSPECT.test(functionName(ctx, fn) ?? '');
}

/** The catch only logs and answers "not active": a falsy return. */
function answersInactive(handler: Node): Node | undefined {
  const statements = (handler.body as Node).body as Node[];
  const ret = statements.find((s) => s.type === 'ReturnStatement');
  if (ret === undefined || !isFalsyValue(ret.argument)) return undefined;
  return statements.every((s) => s === ret || isLogCall(s)) ? ret : undefined;
}

/** Is this catch an introspection's "any failure means inactive" (owned by infra-error-as-auth)? */
export function introspectionCatch(ctx: ModuleContext, handler: Node): boolean {
  const tryStatement = ctx.parentOf(handler) as Node;
  return answersInactive(handler) !== undefined && !discriminates(handler) && introspects(ctx, tryStatement);
}

/** `if (!response.ok) return null` (or `status !== 200`): every 5xx reads as an inactive token. */
const NOT_OK = /!\s*\(?\s*[\w$.]+\.ok\b|\.ok\s*===?\s*false|\.status(Code)?\s*(!==?|>=?)\s*\d/;

export function introspectionRules(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('ntrospect')) return;
  for (const handler of ctx.of('CatchClause')) {
    if (!introspectionCatch(ctx, handler)) {
      const tryStatement = ctx.parentOf(handler) as Node;
      if (!introspects(ctx, tryStatement)) continue;
    } else {
      report(
        'infra-error-as-auth',
        answersInactive(handler) as Node,
        'token introspection answers any failure (network error, timeout, bad JSON) with "not active": an authorization-server outage logs every client out',
      );
    }
    const tryStatement = ctx.parentOf(handler) as Node;
    someDescendant(
      tryStatement.block,
      (n) => {
        if (n.type !== 'IfStatement' || !NOT_OK.test(ctx.source.slice(n.test.start, n.test.end)))
          return false;
        const c = unwrap(n.consequent) as Node;
        const ret = c.type === 'BlockStatement' ? ((c.body as Node[]).at(-1) as Node | undefined) : c;
        if (ret?.type === 'ReturnStatement' && isFalsyValue(ret.argument))
          report(
            'infra-error-as-auth',
            ret,
            'a non-2xx answer of the introspection endpoint (a 5xx or 429 included) returns "not active": an authorization-server outage logs every client out',
          );
        return false;
      },
      true,
    );
  }
}
