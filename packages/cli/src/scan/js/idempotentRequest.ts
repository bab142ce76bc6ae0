// Which HTTP requests a blind retry repeats safely (no-retry judges only those).
import { calleeName, type Node, objectProps, stringValue, unwrap } from './ast.js';
import type { HttpCall } from './httpCall.js';
import type { ModuleContext } from './ModuleContext.js';

// DELETE's effect is idempotent but its answer is not: sent again after a delete whose response was lost,
// it answers 404, which its caller takes as a failure, so the retry it needs is one that reads 404 as
// done, not the blind one no-retry asks for.
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'OPTIONS']);

/**
 * What a wrapper's callers hand it, read as one method: the first idempotent one, else the first at all
 * (a wrapper that sends one idempotent request is one a retry can serve).
 * @example
 * preferIdempotent(['POST', 'GET']) // 'GET'
 */
export function preferIdempotent(methods: readonly string[]): string | undefined {
  return methods.find((m) => IDEMPOTENT_METHODS.has(m)) ?? methods[0];
}

// Where a POST carries its payload: fetch/undici `body`, axios `data`, got/ky `json`.
const BODY_KEYS = ['body', 'data', 'json'];

/**
 * True when a blind retry of the request is safe: an idempotent method, or a POST whose body is a
 * GraphQL document of queries only (`JSON.stringify({ query })` with no `mutation`), which reads.
 * @example
 * idempotentRequest(ctx, call, http) // true for fetch(url, { method: 'POST', body: JSON.stringify({ query: '{ a }' }) })
 */
export function idempotentRequest(ctx: ModuleContext, call: Node, http: HttpCall): boolean {
  if (http.method === undefined) return false;
  if (IDEMPOTENT_METHODS.has(http.method)) return true;
  return http.method === 'POST' && graphqlQueryBody(ctx, call, http);
}

/** The POST's body is a GraphQL request whose document is written here and holds only queries. */
function graphqlQueryBody(ctx: ModuleContext, call: Node, http: HttpCall): boolean {
  const bodies: (Node | undefined)[] = [];
  const options = objectProps(ctx.valueOf(http.options))?.props;
  for (const key of BODY_KEYS) bodies.push(options?.get(key));
  // `axios.post(url, data, config)` / `client.post(url, data)`: the payload is the second argument.
  const callee = unwrap(call.callee as Node);
  if (callee?.type === 'MemberExpression' && calleeName(call) === 'post')
    bodies.push((call.arguments as Node[])[1]);
  return bodies.some((b) => b !== undefined && readDocument(documentOf(ctx, b)));
}

/** The `query` text of a GraphQL request payload: an object literal, or one passed through JSON.stringify. */
function documentOf(ctx: ModuleContext, body: Node): string | undefined {
  let payload = ctx.valueOf(body);
  if (payload?.type === 'CallExpression' && calleeName(payload) === 'stringify')
    payload = ctx.valueOf((payload.arguments as Node[])[0]);
  const query = objectProps(payload)?.props.get('query');
  return query === undefined ? undefined : textOf(ctx.valueOf(query));
}

/** A string, template, or tagged template (`gql\`...\``) written in the module. */
function textOf(node: Node | undefined): string | undefined {
  if (node?.type === 'TaggedTemplateExpression') return stringValue(node.quasi as Node);
  return stringValue(node);
}

/**
 * A GraphQL document whose operations are all reads: every top-level definition is a selection set
 * (`{ ... }`), a `query` or a `fragment`. A mutation or subscription makes it not one; so does text that
 * is not a GraphQL document (a search term sent as `query`).
 * @example
 * readDocument('query { a }') // true; readDocument('mutation { a }') // false
 */
export function readDocument(text: string | undefined): boolean {
  if (text === undefined) return false;
  const source = text
    .replace(/\$\{\}/g, '') // an interpolated value (stringValue's placeholder)
    .replace(/#[^\n]*/g, '')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
  let depth = 0;
  let head = '';
  let operations = 0;
  for (const ch of source) {
    if (ch === '{') {
      if (depth === 0) {
        const keyword = /^\s*([A-Za-z]*)/.exec(head)?.[1] ?? '';
        if (keyword !== '' && keyword !== 'query' && keyword !== 'fragment') return false;
        if (keyword === '' && head.trim() !== '') return false;
        operations++;
        head = '';
      }
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth < 0) return false;
    } else if (depth === 0) head += ch;
  }
  return depth === 0 && operations > 0 && head.trim() === '';
}
