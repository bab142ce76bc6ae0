// Requests made through an HTTP library another module of the project hands on (js/httpClientExports.ts):
// `const { request } = require('../lib/utils')`, where utils exports `promisify(require('request'))`, makes
// `request({ url, json: true })` a request of `request`, judged like one imported from the package. The
// module is read again by the project pass, once it knows which imports those are, with the imports
// standing for the library; only the findings at calls through them are new. A whole-module import's
// member read (`utils.request(...)`, `http.fetch(...)`) stands for it too (namespaceClients.ts).
import { langOf } from './analyzeModule.js';
import { type Node, unwrap } from './ast.js';
import type { Candidate } from './Candidate.js';
import { candidatePath } from './candidatePath.js';
import type { HttpClientExport } from './httpClientExports.js';
import { ModuleContext } from './ModuleContext.js';
import type { ImportBinding } from './moduleIndex.js';
import { namespaceClients } from './namespaceClients.js';
import { isFatal, type ParseOptions, parseSource } from './parseSource.js';
import { httpRules } from './rules/http.js';

/**
 * http-no-timeout and no-retry candidates at the calls of `file` made through imports `clientOf` answers
 * for: no-retry reads their method and idempotency as it reads the library's own calls.
 *
 * @example
 * importedClientCalls(file, text, (imp) => (imp.source === '../lib/utils' ? { source: 'request', imported: 'default' } : undefined))
 */
export function importedClientCalls(
  file: string,
  source: string,
  clientOf: (imp: ImportBinding) => HttpClientExport | undefined,
): Candidate[] {
  const options = { lang: langOf(file), preserveParens: false };
  const parsed = parseSource(file, source, options as ParseOptions);
  if (parsed.errors.some(isFatal)) return [];
  const program = parsed.program as unknown as Node;
  let ctx = new ModuleContext(file, source, program, parsed.comments);
  const clients = new Map<string, HttpClientExport>();
  for (const [name, imp] of ctx.imports) {
    const client = clientOf(imp);
    if (client !== undefined) clients.set(name, client);
  }
  // `utils.request(...)` on `const utils = require('../lib/utils')`: the tree changes, so it is read anew.
  const members = namespaceClients(ctx, program, clientOf);
  if (members.size > 0) ctx = new ModuleContext(file, source, program, parsed.comments);
  for (const [name, client] of [...clients, ...members]) ctx.imports.set(name, client);
  const passed = new Set([...clients.keys(), ...members.keys()]);
  if (passed.size === 0) return [];
  const candidates: Candidate[] = [];
  httpRules(ctx, (rule, node, message, extra) => {
    if ((rule !== 'http-no-timeout' && rule !== 'no-retry') || !through(ctx, node, passed)) return;
    const path = candidatePath(ctx, rule, node);
    if (path === 'off') return;
    const { line, column } = ctx.position(node.start);
    const via = path.length > 0 ? { reachedThrough: path } : {};
    // A shared module's request through a handed-on library is reported for no-retry only once a handler
    // given an event is found reaching it: such modules are often loaded by name (`require(dir + file)`),
    // where "cannot tell who calls it" is a queue consumer's provider more often than a route's.
    const shared = extra?.onlyIfEventCaller;
    const judged =
      rule === 'no-retry' && shared !== undefined
        ? { ...extra, onlyIfEventCaller: { ...shared, strict: true as const } }
        : extra;
    candidates.push({ rule, line, column, message, snippet: ctx.lineText(line), ...judged, ...via });
  });
  return candidates;
}

/** Is `node` a call whose callee starts at one of the `passed` imports (`request(...)`, `fetch.get(...)`)? */
function through(ctx: ModuleContext, node: Node, passed: ReadonlySet<string>): boolean {
  if (node.type !== 'CallExpression') return false;
  let root = unwrap(node.callee);
  while (root?.type === 'MemberExpression') root = unwrap(root.object);
  return (
    root?.type === 'Identifier' &&
    passed.has(root.name as string) &&
    ctx.importOf(root.name as string, root) !== undefined
  );
}
