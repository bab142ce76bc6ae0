// An exported function its own module hands on as a value: `authChecker: customAuthChecker` inside
// `export const schema = buildSchemaSync({ ... })`. Importers take the other export and the library runs the
// function for them, so "no importer names it" (unnamedExports.ts) does not make it dead code.
import { escapeRegExp } from '../escapeRegExp.js';
import type { ModuleContext } from './ModuleContext.js';

// Before the name: a member access, a declaration keyword or a quote (the name itself, or a string).
const NOT_A_VALUE_BEFORE = /(?:[.'"`]|\b(?:function|const|let|var|class|new|as)\s+)$/;
// After the name: a call, an assignment or a declaration's type, a quote.
const NOT_A_VALUE_AFTER = /^\s*(?:\(|=(?![=>])|['"`])/;

/**
 * Is one of the exported functions `names` named as a value in its module's code (not in a comment, not
 * called, not declared, not an `export { }` list)?
 *
 * @example
 * handedAtHome(ctx, ['customAuthChecker']) // true for `buildSchemaSync({ authChecker: customAuthChecker })`
 */
export function handedAtHome(ctx: ModuleContext, names: readonly string[]): boolean {
  const source = ctx.source;
  for (const name of names) {
    const value = ctx.exports.get(name);
    if (value === undefined || ctx.functionOf(value) === undefined) continue;
    const word = new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`, 'g');
    for (const m of source.matchAll(word)) {
      const at = m.index;
      if (ctx.comments.some((c) => c.start <= at && at < c.end)) continue;
      // Inside a string (`'[DB DISABLED] getProjectIdFromName called'`): words, not a use.
      if (ctx.of('Literal').some((l) => typeof l.value === 'string' && l.start <= at && at < l.end)) continue;
      if (
        ctx
          .of('TemplateLiteral')
          .some((t) =>
            (t.quasis as { start: number; end: number }[]).some((q) => q.start <= at && at < q.end),
          )
      )
        continue;
      const before = source.slice(Math.max(0, at - 12), at);
      const after = source.slice(at + name.length, at + name.length + 4);
      if (NOT_A_VALUE_BEFORE.test(before) || NOT_A_VALUE_AFTER.test(after)) continue;
      // `export default a`, `export { a, b }`, `module.exports = { a }`, `exports.a = a`: the export itself.
      const line = source.slice(source.lastIndexOf('\n', at) + 1, at);
      if (/^\s*export\s+default\s+$|\bexports(?:\.[\w$]+)?\s*=\s*$/.test(line)) continue;
      const open = source.lastIndexOf('{', at);
      const list = open > source.lastIndexOf('}', at) ? source.slice(Math.max(0, open - 20), open) : '';
      if (/(?:\bexport|\bexports\s*=)\s*$/.test(list)) continue;
      return true;
    }
  }
  return false;
}
