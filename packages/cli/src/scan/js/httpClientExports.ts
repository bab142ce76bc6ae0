// A project module that hands on an HTTP library's request function as its own export: node-fetch or
// axios passed on as is (`export { fetch }`, `module.exports.fetch = require('node-fetch')`), or a copy of
// request that keeps its defaults (`promisify(require('request'))`, `require('request').defaults({ json:
// true })`), or one re-exported straight from the package (`export { default as fetch } from 'node-fetch'`).
// Each importer's call through it is a request of that library, judged where it is made
// (importedClientCalls.ts); a copy whose defaults carry a timeout bounds them all, and is not one.
import { calleeName, type Node, stringValue, unwrap } from './ast.js';
import { FAMILY_SOURCES } from './httpDefaults.js';
import { familySource } from './httpInstances.js';
import type { ModuleContext } from './ModuleContext.js';
import { requiredSpecifier } from './moduleSpecifier.js';
import { optionsBound, TIMEOUT_KEYS } from './rules/httpTimeoutOptions.js';

/** The library import an exported name stands for in its importers. */
export interface HttpClientExport {
  /** The package, as an importer would name it: `request`, `node-fetch`, `axios`. */
  readonly source: string;
  /** What it imports of it: the default export. */
  readonly imported: 'default';
}

/** Libraries whose own function (default export) waits forever unless a call bounds it. */
const PASSED_ON = new Set([
  'node-fetch',
  'cross-fetch',
  'isomorphic-fetch',
  'axios',
  'got',
  'superagent',
  ...FAMILY_SOURCES,
]);

/**
 * The library an exported value is, when it is one of PASSED_ON's own functions or an untimed
 * request-family copy; undefined for anything else (a wrapper function is judged where it calls).
 *
 * @example
 * httpClientExport(ctx, value) // { source: 'request', imported: 'default' } for `promisify(require('request'))`
 */
export function httpClientExport(ctx: ModuleContext, value: Node): HttpClientExport | undefined {
  const v = unwrap(value);
  if (v?.type === 'Identifier') {
    const imp = ctx.importOf(v.name as string, v);
    const fetchNamed = imp?.imported === 'fetch' && imp.source.includes('fetch');
    return imp !== undefined && PASSED_ON.has(imp.source) && (imp.imported === 'default' || fetchNamed)
      ? { source: imp.source, imported: 'default' }
      : undefined;
  }
  if (v?.type !== 'CallExpression') return undefined;
  const made = calleeName(v);
  const args = v.arguments as Node[];
  if (made === 'require') {
    const source = requiredSpecifier(v);
    return source !== undefined && PASSED_ON.has(source) ? { source, imported: 'default' } : undefined;
  }
  // `promisify(request)`, `Promise.promisify(require('request'))`: the same requests, as promises.
  if (made === 'promisify') {
    const inner = unwrap(args[0]);
    const copied = inner?.type === 'CallExpression' && calleeName(inner) === 'defaults' ? inner : undefined;
    if (copied !== undefined) return untimedCopy(ctx, copied);
    const source = familySource(ctx, inner);
    return source !== undefined ? { source, imported: 'default' } : undefined;
  }
  return made === 'defaults' ? untimedCopy(ctx, v) : undefined;
}

/** `require('request').defaults(options)` whose options set no timeout (unreadable ones may). */
function untimedCopy(ctx: ModuleContext, call: Node): HttpClientExport | undefined {
  const callee = unwrap(call.callee);
  const source = callee?.type === 'MemberExpression' ? familySource(ctx, callee.object as Node) : undefined;
  if (source === undefined) return undefined;
  const options = (call.arguments as Node[])[0];
  if (options !== undefined && optionsBound(ctx, options, TIMEOUT_KEYS.request) !== false) return undefined;
  return { source, imported: 'default' };
}

/**
 * The names a module re-exports straight from one of PASSED_ON's packages as that package's own function:
 * `export { default as fetch } from 'node-fetch'`, `export { default } from 'axios'`.
 *
 * @example
 * reExportedClients(ctx) // Map { 'fetch' => { source: 'node-fetch', imported: 'default' } }
 */
export function reExportedClients(ctx: ModuleContext): Map<string, HttpClientExport> {
  const out = new Map<string, HttpClientExport>();
  for (const stmt of ctx.program.body as Node[]) {
    if (stmt.type !== 'ExportNamedDeclaration' || stmt.exportKind === 'type') continue;
    const source = stringValue(stmt.source);
    if (source === undefined || !PASSED_ON.has(source)) continue;
    for (const s of stmt.specifiers as Node[]) {
      const exported = s.exported?.name ?? s.exported?.value;
      const local = s.local?.name ?? s.local?.value;
      const own = local === 'default' || (local === 'fetch' && source.includes('fetch'));
      if (typeof exported === 'string' && s.exportKind !== 'type' && own)
        out.set(exported, { source, imported: 'default' });
    }
  }
  return out;
}
