// What the rules' unit tests need from a source text: the module context the scan would build for it, or the
// first node of a kind. Test support only (excluded from the build): each test used to spell the parse by hand.
import { parseSync } from 'oxc-parser';
import { type Node, someDescendant } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';

/** `source` parsed as the scan parses it (raw transfer), as a program node and its comments. */
function parse(source: string, file: string) {
  return parseSync(file, source, { experimentalRawTransfer: true } as Parameters<typeof parseSync>[2]);
}

/**
 * The module context the scan builds for `source` (named `file`, which decides TS or JS parsing).
 *
 * @example const ctx = contextOf('try { await f() } catch (e) {}'); ctx.of('CatchClause')[0]
 */
export function contextOf(source: string, file = 'm.ts'): ModuleContext {
  const parsed = parse(source, file);
  return new ModuleContext(file, source, parsed.program as unknown as Node, parsed.comments);
}

/**
 * The first node of `type` in `source`, in walk order; throws naming the type and the source when there is none.
 *
 * @example firstOfType('if (a) b();', 'IfStatement').test // the `a` identifier
 */
export function firstOfType(source: string, type: string, file = 'm.ts'): Node {
  let found: Node | undefined;
  someDescendant(parse(source, file).program as unknown as Node, (n) => {
    if (n.type === type) found ??= n;
    return false;
  });
  if (found === undefined) throw new Error(`no ${type} in ${source}`);
  return found;
}
