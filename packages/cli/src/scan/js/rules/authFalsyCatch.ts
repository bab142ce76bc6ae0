// infra-error-as-auth: a function's own catch that answers "not verified" (null, false, an empty verdict)
// for any failure of the remote system its try calls (rules/authAcrossModules.ts follows such answers
// through the functions that pass them on).
import { forEachDescendant, type Node } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spelledWithin } from '../namesWithin.js';
import { awaitedImports } from './authAwaitedImports.js';
import { callsRemote, discriminates, isNotVerifiedValue } from './authFacts.js';
import { fallThrough, onlyLogs, returnsOnSuccess } from './authFlow.js';
import { isLogCall } from './catchFacts.js';

/** A catch answering "not verified" for a remote failure: where it is, and what the remote is. */
export interface FalsyCatch {
  readonly handler: Node;
  readonly remote: string;
  /** Set when the remote call is a method of another module's class: kept if that method is remote there. */
  readonly through?: (ImportRef & { method?: string })[];
}

/** A catch of `fn` itself (not of a nested function) that answers a falsy value for any remote failure. */
function falsyCatch(ctx: ModuleContext, fn: Node): FalsyCatch | undefined {
  let found: FalsyCatch | undefined;
  // Every try statement spells `try`: subtrees whose text does not are not walked (same order otherwise).
  const holds = tryWithin(ctx);
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (found !== undefined || !holds(n)) return false;
      if (n.type !== 'TryStatement' || n.handler == null) return true;
      const handler = n.handler as Node;
      if (discriminates(handler)) return true;
      const statements = (handler.body as Node).body as Node[];
      let falsy =
        statements.some((s) => s.type === 'ReturnStatement') &&
        statements.every(
          (s) => isLogCall(s) || (s.type === 'ReturnStatement' && isNotVerifiedValue(s.argument)),
        );
      if (!falsy && onlyLogs(handler) && returnsOnSuccess(n)) {
        // Logs and goes on to `return null` (or to the end of the function: undefined).
        const next = fallThrough(ctx, n);
        falsy =
          next?.kind === 'end' ||
          (next?.kind === 'exit' &&
            next.node.type === 'ReturnStatement' &&
            isNotVerifiedValue(next.node.argument));
      }
      const remote = falsy ? callsRemote(ctx, n.block as Node) : undefined;
      if (remote !== undefined) found = { handler, remote };
      else if (falsy) {
        // `await this.jwtVerifier.verify(t)` on a class of another module: judged there by the project pass.
        const through = awaitedImports(ctx, n.block as Node);
        if (through.length > 0) found = { handler, remote: '{remote}', through };
      }
      return true;
    },
    true,
  );
  return found;
}

const tries = new WeakMap<ModuleContext, (node: Node) => boolean>();

/** Where the module's text spells `try`, found once per module (falsyCatch asks for many functions). */
function tryWithin(ctx: ModuleContext): (node: Node) => boolean {
  let holds = tries.get(ctx);
  if (holds === undefined) {
    holds = spelledWithin(ctx.source, 'try');
    tries.set(ctx, holds);
  }
  return holds;
}

const ownCache = new WeakMap<Node, FalsyCatch | undefined>();

/** falsyCatch, once per function (asked for the function itself and by hasFalsyCatch). */
export function ownCatch(ctx: ModuleContext, fn: Node): FalsyCatch | undefined {
  if (ownCache.has(fn)) return ownCache.get(fn);
  const found = falsyCatch(ctx, fn);
  ownCache.set(fn, found);
  return found;
}

const falsyModules = new WeakMap<ModuleContext, boolean>();

/**
 * Does some function of the module have a falsy catch of its own? Only a function a catch clause sits
 * in directly (its nearest function) can: falsyCatch walks a body without entering nested functions.
 */
export function hasFalsyCatch(ctx: ModuleContext): boolean {
  let known = falsyModules.get(ctx);
  if (known === undefined) {
    known = ctx.of('CatchClause').some((clause) => {
      const fn = ctx.enclosingFunction(clause);
      return fn !== undefined && ownCatch(ctx, fn) !== undefined;
    });
    falsyModules.set(ctx, known);
  }
  return known;
}
