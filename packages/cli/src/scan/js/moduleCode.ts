// A whole module's text with its comments blanked, for rules that match words in its code but not in its
// prose ("unlike the Prisma writes elsewhere", "a timeout would help here"). codeText.ts does the same for
// one node and keeps line breaks; this one is the whole text, built once per module and shared.
import type { ModuleContext } from './ModuleContext.js';

const moduleCodes = new WeakMap<ModuleContext, string>();

/**
 * The text of `ctx` with each comment turned to spaces (offsets kept), built in one pass and remembered:
 * slicing the whole text again for each comment took half a second on a module of thousands of comments.
 *
 * @example
 * moduleCode(ctx) // 'const a = 1;  ' plus spaces for 'const a = 1; // a timeout'
 */
export function moduleCode(ctx: ModuleContext): string {
  let text = moduleCodes.get(ctx);
  if (text !== undefined) return text;
  const pieces: string[] = [];
  let at = 0;
  for (const c of [...ctx.comments].sort((a, b) => a.start - b.start)) {
    if (c.start < at) continue; // overlapping comments: no parser yields them
    pieces.push(ctx.source.slice(at, c.start), ' '.repeat(c.end - c.start));
    at = c.end;
  }
  pieces.push(ctx.source.slice(at));
  text = pieces.join('');
  moduleCodes.set(ctx, text);
  return text;
}
