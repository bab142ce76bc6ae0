// infra-error-as-auth: a failure answered null (`lookup().catch(() => null)`, a callback's catch returning
// null) whose value the function goes on to read as "not allowed". The null travels through the names the
// function keeps it in (the promise, its awaited value, a helper's result built from it) to a test
// (`if (!subscribed)`, `if (counter === null)`) that answers a deny: `{ allowed: false, reason }`, 401/403.
// A helper of the module that answers null when such a value is null passes the failure on to its callers.
import { calleeName, forEachDescendant, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { callsRemote, discriminates, isFalsyValue } from './authFacts.js';
import { answersMissing, denies } from './authNullAnswers.js';
import { doesIo, isIoNode, isLogCall } from './catchFacts.js';
import { awaitedImportCalls } from './importedCallFacts.js';
import { type EndedCallRefs, importedRef } from './importedEndsErrors.js';
import { KEY_DOWNLOAD, keyDownloadMiss, spellsKeyUrl } from './jwksStatus.js';
import { emptiedName, testedName } from './missingTests.js';
import type { Report } from './Report.js';

/** Where a failure became null, and what failed (a remote of the module, or imports the project pass judges). */
interface NullSource {
  readonly site: Node;
  readonly remote: string;
  /** An empty set (`[]`, `{ keys: [] }`) rather than null: only an emptiness test reads it as missing. */
  readonly empty?: boolean;
}

/** A callback that answers a falsy value for whatever it is handed, after logging at most. */
function answersFalsy(cb: Node): boolean {
  const body = cb.body as Node;
  if (body.type !== 'BlockStatement') return isFalsyValue(body);
  const statements = body.body as Node[];
  return (
    statements.some((s) => s.type === 'ReturnStatement') &&
    statements.every((s) => isLogCall(s) || (s.type === 'ReturnStatement' && isFalsyValue(s.argument)))
  );
}

/**
 * What a `.catch` at the end of this chain catches: a remote of the module, or else the call the chain
 * starts at (a promise that rejects is work done elsewhere: a read, a request).
 */
function chainRemote(ctx: ModuleContext, chain: Node): string | undefined {
  const direct = callsRemote(ctx, chain);
  if (direct !== undefined) return direct;
  // The innermost call: `App.get(key).then(...)` starts at `App.get(key)`.
  let root = unwrap(chain);
  for (let i = 0; i < 8 && root?.type === 'CallExpression'; i++) {
    const callee = unwrap(root.callee);
    const inner = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    if (inner?.type !== 'CallExpression') break;
    root = inner;
  }
  if (root?.type !== 'CallExpression') return undefined;
  // A function of the module counts when it reaches another system anywhere, its callbacks included.
  const fn = ctx.functionOf(root.callee);
  if (fn !== undefined && !someDescendant(fn.body as Node, (n) => isIoNode(ctx, n))) return undefined;
  return `${calleeName(root) ?? 'the call'}()`;
}

/**
 * A catch of `fn` itself whose try reaches another system and that answers null (or false) for any
 * error, after logging at most: `try { return await findPricing(u) } catch (e) { log(e); return null }`.
 */
function ownNullCatch(ctx: ModuleContext, fn: Node): NullSource | undefined {
  // Asked for every call of a helper in every round: answered once per function.
  if (ownNull.has(fn)) return ownNull.get(fn);
  let found: NullSource | undefined;
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (found !== undefined) return false;
      if (n.type !== 'TryStatement' || n.handler == null) return true;
      const handler = n.handler as Node;
      // A catch clause's body is its block, as a callback's is: the same test of what it answers.
      if (!answersFalsy(handler) || discriminates(handler)) return true;
      const remote = callsRemote(ctx, n.block as Node);
      if (remote !== undefined) found = { site: handler, remote };
      else if (doesIo(ctx, n.block as Node)) found = { site: handler, remote: 'the call it awaits' };
      return true;
    },
    true,
  );
  // `if (!res.ok) return null` after a key (JWKS) download: the host's outage answered "no keys".
  const miss = found === undefined ? keyDownloadMiss(ctx, fn) : undefined;
  if (miss !== undefined) found = { site: miss.site, remote: KEY_DOWNLOAD, empty: miss.empty };
  ownNull.set(fn, found);
  return found;
}

const ownNull = new WeakMap<Node, NullSource | undefined>();

/** The failures answered null in an expression a name is declared with. */
function sourcesIn(ctx: ModuleContext, init: Node, known: ReadonlyMap<Node, NullSource[]>): NullSource[] {
  const found: NullSource[] = [];
  forEachDescendant(
    { type: 'Init', start: init.start, end: init.end, init } as Node,
    (n) => {
      if (isFunction(n)) {
        // `user.then(async (u) => { try { return await find(u) } catch { return null } })`.
        const own = ownNullCatch(ctx, n);
        if (own !== undefined) found.push(own);
        return false;
      }
      if (n.type !== 'CallExpression') return true;
      const callee = unwrap(n.callee);
      const helper = ctx.functionOf(n.callee);
      // A helper of the module that answers null for its own failures, or passes one on.
      if (helper !== undefined) {
        const own = ownNullCatch(ctx, helper);
        found.push(...(known.get(helper) ?? []), ...(own === undefined ? [] : [own]));
      }
      const cb = ctx.functionOf((n.arguments as Node[])[0]);
      if (calleeName(n) !== 'catch' || callee?.type !== 'MemberExpression' || cb === undefined) return true;
      const param = (cb.params as Node[])[0];
      const clause = { type: 'CatchClause', start: 0, end: 0, param, body: cb.body } as Node;
      if (!answersFalsy(cb) || (param !== undefined && discriminates(clause))) return true;
      const remote = chainRemote(ctx, callee.object as Node);
      if (remote !== undefined) found.push({ site: cb, remote });
      return true;
    },
    true,
  );
  return found;
}

/** Names a pattern binds: `x`, `{ result, error }`, `[a, b]`. */
function bound(pattern: Node | undefined, into: string[]): string[] {
  const p = unwrap(pattern);
  if (p?.type === 'Identifier') into.push(p.name as string);
  else if (p?.type === 'ObjectPattern')
    for (const prop of p.properties as Node[])
      bound(prop.type === 'Property' ? prop.value : prop.argument, into);
  else if (p?.type === 'ArrayPattern') for (const e of p.elements as Node[]) bound(e ?? undefined, into);
  else if (p?.type === 'AssignmentPattern') bound(p.left, into);
  return into;
}

/** The names an expression reads (not a member's property name, nor inside nested functions). */
function readsNames(init: Node, held: ReadonlyMap<string, NullSource[]>): NullSource[] {
  const out: NullSource[] = [];
  forEachDescendant(
    { type: 'Init', start: init.start, end: init.end, init } as Node,
    (n) => {
      if (n.type === 'MemberExpression' && n.computed !== true) {
        forEachDescendant({ type: 'Obj', start: 0, end: 0, o: n.object } as Node, (m) => {
          if (m.type === 'Identifier') out.push(...(held.get(m.name as string) ?? []));
          return !isFunction(m);
        });
        return false;
      }
      if (n.type === 'Identifier') out.push(...(held.get(n.name as string) ?? []));
      return true;
    },
    true,
  );
  return out;
}

interface Flow {
  /** Failures that reach a deny, at the `if` that answers it. */
  readonly denied: NullSource[];
  /** Failures the function answers null for: its callers receive them. */
  readonly passed: NullSource[];
}

/** Follows the failures answered null through one function's names to the tests that read them. */
function flowOf(ctx: ModuleContext, fn: Node, known: ReadonlyMap<Node, NullSource[]>): Flow {
  const held = new Map<string, NullSource[]>();
  const flow: Flow = { denied: [], passed: [] };
  const steps: Node[] = [];
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (n.type === 'VariableDeclarator' || n.type === 'IfStatement') steps.push(n);
      return true;
    },
    true,
  );
  steps.sort((a, b) => a.start - b.start);
  for (const step of steps) {
    if (step.type === 'VariableDeclarator') {
      if (step.init == null) continue;
      const sources = [...sourcesIn(ctx, step.init, known), ...readsNames(step.init, held)];
      if (sources.length > 0) for (const name of bound(step.id, [])) held.set(name, sources);
      continue;
    }
    const name = testedName(step.test);
    const emptied = name === undefined ? emptiedName(step.test) : undefined;
    // `!k` reads a null as missing, `k.length === 0` an empty key set (a key download's miss) as missing.
    const sources =
      name !== undefined
        ? held.get(name)?.filter((s) => s.empty !== true)
        : emptied === undefined
          ? undefined
          : held.get(emptied)?.filter((s) => s.empty === true);
    if (sources === undefined || sources.length === 0) continue;
    if (denies(ctx, step.consequent as Node)) flow.denied.push(...sources);
    else if (answersMissing(step.consequent as Node)) flow.passed.push(...sources);
  }
  return flow;
}

const deniedSites = new WeakMap<ModuleContext, Map<Node, NullSource>>();

/** A module that can answer a denial: nullFlowSites reads it only then. */
export const DENIAL_TEXT = /\ballowed\b|\bauthori[sz]ed\b|401|403|Deny|Unauthori/i;
/**
 * DENIAL_TEXT's words, one in every alternative (spelledWords.test.ts holds them together): the module's
 * word index rules most modules out before the case-insensitive search of the whole text.
 */
export const DENIAL_WORDS: readonly string[] = ['allowed', 'authori', '401', '403', 'Deny'];

/**
 * The catches (or `.catch` callbacks) whose null answer for a failure some function of the module reads
 * as a deny, directly or through helpers of the module that answer null in turn; found once per module.
 * @example
 * nullFlowSites(ctx) // the catch of `lookup().catch(() => null)` whose null later answers `{ allowed: false }`
 */
export function nullFlowSites(ctx: ModuleContext): ReadonlyMap<Node, NullSource> {
  let sites = deniedSites.get(ctx);
  if (sites !== undefined) return sites;
  sites = new Map();
  deniedSites.set(ctx, sites);
  if (!(ctx.spells('catch') || spellsKeyUrl(ctx)) || !ctx.testSpelled(DENIAL_TEXT, DENIAL_WORDS))
    return sites;
  const fns: Node[] = [];
  forEachDescendant(ctx.program, (n) => {
    if (isFunction(n)) fns.push(n);
    return true;
  });
  const known = new Map<Node, NullSource[]>();
  // A function's flow depends only on `known`: while no helper's answer in it has changed since the flow was
  // followed (in most modules none ever does), the next round's answer is the same one, not walked again.
  let changes = 0;
  const flows = new Map<Node, { readonly at: number; readonly flow: Flow }>();
  const flowAt = (fn: Node): Flow => {
    const kept = flows.get(fn);
    if (kept !== undefined && kept.at === changes) return kept.flow;
    const flow = flowOf(ctx, fn, known);
    flows.set(fn, { at: changes, flow });
    return flow;
  };
  // Helpers passing a failure on to their callers: two rounds reach a helper's helper.
  for (let round = 0; round < 2; round++)
    for (const fn of fns) {
      const passed = flowAt(fn).passed;
      if (passed.length > 0) {
        // Only a changed answer can change another function's flow: re-setting the same sources keeps them.
        if (!sameSources(known.get(fn), passed)) changes++;
        known.set(fn, passed);
      }
    }
  for (const fn of fns)
    for (const source of flowAt(fn).denied) if (!sites.has(source.site)) sites.set(source.site, source);
  return sites;
}

/** The same sources in the same order (each site and remote), so `known` did not change. */
function sameSources(was: readonly NullSource[] | undefined, now: readonly NullSource[]): boolean {
  return (
    was !== undefined &&
    was.length === now.length &&
    was.every((s, i) => s.site === now[i]?.site && s.remote === now[i]?.remote)
  );
}

/**
 * Reports each site of {@link nullFlowSites} at the catch that turns the failure into null.
 * @example
 * nullFlowRules(ctx, report) // infra-error-as-auth at each such catch
 */
export function nullFlowRules(ctx: ModuleContext, report: Report): void {
  for (const source of nullFlowSites(ctx).values())
    report(
      'infra-error-as-auth',
      source.site,
      `a failure of ${source.remote} is answered null, and the null is read as a denial (not allowed, 401/403): an outage denies every caller`,
      endedImports(ctx, source.site),
    );
}

/**
 * A catch whose try reaches other systems only through awaited project imports (`await
 * authService.verifyToken(t)`) carries them: when each ends its own failures (its catch answers null and
 * never rethrows, importedEnds.ts), no outage reaches this catch, and the helper's own catch is the one
 * judged. What the helper answers (its null) flows on to the denial from there, not from here.
 */
function endedImports(ctx: ModuleContext, site: Node): { unlessImportsEnd?: EndedCallRefs } {
  const tryStatement = site.type === 'CatchClause' ? ctx.parentOf(site) : undefined;
  if (tryStatement?.type !== 'TryStatement') return {};
  const refs = awaitedImportCalls(ctx, tryStatement.block as Node, (call) => importedRef(ctx, call));
  return refs === undefined ? {} : { unlessImportsEnd: refs };
}
