// no-retry where a raw node:http(s) request is made: the helper that calls `https.request(options)` sends
// whatever its callers spell (http.ts leaves raw clients to "a layer up"), so the layer up is the call that
// hands it the options. `makeRequest({ method: 'GET', hostname, path })` of a project helper that retries
// nowhere fails its caller on the first reset or 5xx, although a second try would most likely succeed.
import { type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';

// Only reads: a PUT handed over with its payload to a helper whose API is not seen here may append (a
// help desk's ticket PUT adds a comment), so its resend is not known to be safe.
const READS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface HandedRequest {
  /** The call handing the options over. */
  readonly call: Node;
  readonly method: string;
  /** The project helper called: the project pass asks whether it (or what it calls) retries. */
  readonly helper: ImportRef;
}

/**
 * Calls of a project import whose argument is node:http request options (`hostname` or `host`, `path`)
 * spelling a read `method`: the options are seen in full here, so the method is what is sent.
 * @example
 * handedRequests(ctx) // [{ call, method: 'GET', helper }] for `makeRequest({ method: 'GET', hostname, path })`
 */
export function handedRequests(ctx: ModuleContext): HandedRequest[] {
  if (!/\bpath\b/.test(ctx.source) || !/\bhost(name)?\b/.test(ctx.source)) return [];
  const out: HandedRequest[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp === undefined || imp.imported === '*' || !isProjectSource(imp.source)) continue;
    const method = requestOptionsMethod(ctx, (call.arguments as Node[])[0]);
    if (method === undefined || !READS.has(method)) continue;
    out.push({ call, method, helper: { from: ctx.file, source: imp.source, name: imp.imported } });
  }
  return out;
}

/** The method of node:http request options written out (`{ method, hostname, path }`), else undefined. */
function requestOptionsMethod(ctx: ModuleContext, arg: Node | undefined): string | undefined {
  const options = objectProps(ctx.valueOf(arg));
  if (options === undefined || options.spread) return undefined;
  const { props } = options;
  if (!props.has('path') || !(props.has('hostname') || props.has('host'))) return undefined;
  const method = props.get('method');
  // node:http sends GET when the options name no method.
  if (method === undefined) return 'GET';
  return (stringValue(method) ?? stringValue(ctx.valueOf(method)))?.toUpperCase();
}
