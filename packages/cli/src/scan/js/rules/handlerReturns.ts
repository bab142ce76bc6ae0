// swallowed-error's reading of an answer an entry handler returns as its own. A service method that answers
// its failure as a value (`return Response(HttpCodesEnum.SERVER_ERROR, ...)`, `{ statusCode: 500 }`,
// `{ success: false }`) is read by its caller; when that caller is a Lambda handler that returns the answer
// whole (`return await processor.processRequest()`), the reader is whatever invokes the handler. An API
// reads it as the response; a schedule or an asynchronous source discards it and counts the run a success.
// The calls are recorded here; the project pass asks the templates (keepCandidate.ts, Project.isAnswerUnread).
import { calleeName, forEachDescendant, type Node, unwrap } from '../ast.js';
import type { DroppedAwaits } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { projectSources } from './errorValues.js';
import { exportNamesOf } from './lambda.js';

/** The call a returned expression answers with: `await x.run()`, `x.run()`, through parentheses and casts. */
function returnedCall(expression: Node | null | undefined): Node | undefined {
  let e = unwrap(expression);
  if (e?.type === 'AwaitExpression') e = unwrap(e.argument as Node);
  return e?.type === 'CallExpression' ? e : undefined;
}

/**
 * For each exported entry handler of this module that returns a call's answer as its own: the calls and the
 * handler's export names. A bare call of an imported function is kept with its import; a method's owner is
 * seldom known, so its name may belong to this module or any project import (as for dropped awaits).
 *
 * @example
 * handlerReturns(ctx) // [{ handlers: ['lambdaHandler'], names: ['processRequest'], sources: ['./services/Job'] }]
 */
export function handlerReturns(
  ctx: ModuleContext,
): (DroppedAwaits & { readonly handlers: readonly string[] })[] {
  const out: (DroppedAwaits & { readonly handlers: readonly string[] })[] = [];
  for (const [fn, kind] of ctx.handlers) {
    if (kind !== 'entry') continue;
    const handlers = exportNamesOf(ctx, fn);
    if (handlers.length === 0) continue;
    const body = fn.body as Node;
    const answers: (Node | null)[] = [];
    if (body.type !== 'BlockStatement') answers.push(body);
    else
      forEachDescendant(
        body,
        (n) => {
          if (n.type === 'ReturnStatement') answers.push(n.argument as Node | null);
          return true;
        },
        true,
      );
    const names = new Set<string>();
    const imported = new Map<string, { source: string; name: string }>();
    for (const answer of answers) {
      const call = returnedCall(answer);
      if (call === undefined) continue;
      const callee = unwrap(call.callee as Node);
      const binding = callee?.type === 'Identifier' ? ctx.imports.get(callee.name as string) : undefined;
      if (binding !== undefined && binding.imported !== 'default' && binding.imported !== '*')
        imported.set(`${binding.source}#${binding.imported}`, {
          source: binding.source,
          name: binding.imported,
        });
      else {
        const name = calleeName(call);
        if (name !== undefined) names.add(name);
      }
    }
    if (names.size + imported.size === 0) continue;
    out.push({
      handlers,
      sources: names.size === 0 ? [] : projectSources(ctx),
      names: [...names],
      ...(imported.size > 0 ? { imported: [...imported.values()] } : {}),
    });
  }
  return out;
}
