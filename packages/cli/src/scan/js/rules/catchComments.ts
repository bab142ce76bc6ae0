// Where a catch's own comments sit in the source, apart from the words they use: inside the catch, after it
// on its closing line (`} catch {} // non-fatal: the sweep will fix it`), and the full-line comments directly
// above the try (its own leading comment). A comment further up may belong to a neighbour (a previous
// catch's body, a log line's note) and says nothing of this catch.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The comments after `node` on the line where it ends, up to that line's end: `} catch {} // non-fatal`,
 * `.catch(() => {})  // ignore duplicates`.
 */
export function trailingComments(ctx: ModuleContext, node: Node): string {
  const end = node.end as number;
  const eol = ctx.source.indexOf('\n', end);
  const rest = ctx.source.slice(end, eol === -1 ? undefined : eol);
  const at = rest.search(/\/[/*]/);
  // Only closing punctuation may stand between the node and the comment.
  return at !== -1 && /^[\s);,]*$/.test(rest.slice(0, at)) ? rest.slice(at) : '';
}

/** The full-line comments directly above the line `node` starts on, with no code or blank line between. */
export function leadingComments(ctx: ModuleContext, node: Node): string {
  const lines = ctx.source.slice(0, ctx.source.lastIndexOf('\n', (node.start as number) - 1) + 1).split('\n');
  lines.pop();
  const own: string[] = [];
  for (let line = lines.pop(); line !== undefined && /^\s*(?:\/\/|\/\*|\*)/.test(line); line = lines.pop())
    own.unshift(line.trim());
  return own.join('\n');
}

/** A try's catch comments as source text: its body, then a comment after it on its closing line. */
export function catchCommentText(ctx: ModuleContext, handler: Node | null | undefined): string {
  if (handler == null) return '';
  const body = handler.body as Node;
  return ctx.source.slice(body.start as number, body.end as number) + trailingComments(ctx, body);
}
