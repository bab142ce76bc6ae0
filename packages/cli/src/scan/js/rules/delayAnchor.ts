// Where a hand-written retry loop's retry-no-jitter is reported: at the delay, where the fix goes (the
// random part is added to the wait, not to the `while`). Readers of unseen repositories point at the delay
// line (round 46), so a report at the loop head cost one false alarm plus one miss per loop.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { innermostLoop } from './gatheredResend.js';
import { assignedNames } from './tryAssigned.js';

/**
 * The node to report a loop's missing jitter at: the one delay the loop itself waits on, at its
 * computation when the wait names a `const` (or a `let` nothing in the loop writes again) declared in the
 * loop (`const backoff = base * 2 ** attempt; await sleep(backoff)`), else at the wait's argument.
 * Undefined (keep the loop line) when the loop waits on none, several, or one that belongs to an inner loop.
 * @example
 * delayAnchor(ctx, loop, delaysIn(ctx, loop.body)) // the `base * 2 ** attempt` of `const backoff = ...`
 */
export function delayAnchor(ctx: ModuleContext, loop: Node, delays: readonly Node[]): Node | undefined {
  if (delays.length !== 1) return undefined;
  const delay = delays[0] as Node;
  if (innermostLoop(ctx, delay) !== loop && !waitHelperIn(ctx, delay, loop)) return undefined;
  return computationOf(ctx, loop, delay) ?? delay;
}

/**
 * `await new Promise((r) => setTimeout(r, ms))`: the timer sits in an arrow, whose innermost loop search
 * stops at the function. The loop around that arrow is the one that waits.
 */
function waitHelperIn(ctx: ModuleContext, delay: Node, loop: Node): boolean {
  for (let p = ctx.parentOf(delay); p !== undefined; p = ctx.parentOf(p)) {
    if (p.type === 'NewExpression') return innermostLoop(ctx, p) === loop;
    if (p === loop) return false;
  }
  return false;
}

/** The initializer of a local the delay names, declared in the loop's body and not written again there. */
function computationOf(ctx: ModuleContext, loop: Node, delay: Node): Node | undefined {
  const id = unwrap(delay);
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  if (binding === undefined || (binding.kind !== 'const' && binding.kind !== 'let')) return undefined;
  const decl = binding.declaration;
  const body = loop.body as Node;
  if (decl.start < body.start || decl.end > body.end || decl.type !== 'VariableDeclarator') return undefined;
  if (decl.init == null) return undefined;
  if (binding.kind === 'let' && assignedNames(body).includes(id.name as string)) return undefined;
  return decl.init as Node;
}
