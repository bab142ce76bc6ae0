// swallowed-error: a catch that clears a flag only for the error it recognises (`let found = true; try {
// await getByAddress(a) } catch (e) { if (e.name === 'NotFoundError') found = false }` then `if (found)
// throw ...`). Every other failure leaves the flag at its initial value, which the code after the try
// throws on: no failure is passed off as success, so the "answers only the errors it recognises" shape
// does not apply.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { later } from './catchAfter.js';

/** Names the catch sets to a boolean literal, with the value it sets. */
function flagsSet(handler: Node): Map<string, boolean> {
  const out = new Map<string, boolean>();
  someDescendant(
    handler.body as Node,
    (n) => {
      const left = n.type === 'AssignmentExpression' && n.operator === '=' ? unwrap(n.left) : undefined;
      const right = unwrap(n.right as Node | undefined);
      if (left?.type === 'Identifier' && right?.type === 'Literal' && typeof right.value === 'boolean')
        out.set(left.name as string, right.value);
      return false;
    },
    true,
  );
  return out;
}

/** `if (flag) throw` when the flag starts true, `if (!flag) throw` when it starts false. */
function throwsOnInitial(test: Node | undefined, name: string, initial: boolean): boolean {
  const t = unwrap(test);
  if (t?.type === 'Identifier') return initial && t.name === name;
  const arg = t?.type === 'UnaryExpression' && t.operator === '!' ? unwrap(t.argument as Node) : undefined;
  return !initial && arg?.type === 'Identifier' && arg.name === name;
}

/**
 * The catch sets a flag declared just before the try with the opposite boolean, and a statement after the
 * try throws while the flag still holds its initial value: an unrecognised failure ends in that throw.
 */
export function keptFlagThrowsAfter(ctx: ModuleContext, tryStatement: Node): boolean {
  const handler = tryStatement.handler as Node | null;
  if (handler == null) return false;
  const flags = flagsSet(handler);
  if (flags.size === 0) return false;
  const block = ctx.parentOf(tryStatement);
  if (block?.type !== 'BlockStatement') return false;
  const before = (block.body as Node[]).slice(0, (block.body as Node[]).indexOf(tryStatement));
  const after = later(ctx, tryStatement);
  for (const [name, set] of flags) {
    const initial = before
      .flatMap((s) => (s.type === 'VariableDeclaration' ? (s.declarations as Node[]) : []))
      .find((d) => unwrap(d.id)?.name === name);
    const init = unwrap(initial?.init as Node | undefined);
    if (init?.type !== 'Literal' || init.value !== !set) continue;
    const throws = (s: Node | undefined) =>
      s !== undefined && someDescendant(s, (n) => n.type === 'ThrowStatement', true);
    if (
      after.some(
        (s) =>
          s.type === 'IfStatement' &&
          throwsOnInitial(s.test as Node, name, !set) &&
          throws(s.consequent as Node),
      )
    )
      return true;
  }
  return false;
}
