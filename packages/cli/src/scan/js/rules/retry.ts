// retry-no-jitter, retry-unbounded and no-circuit-breaker, judged at the place a retry is set up:
// cockatiel retry(), p-retry, async-retry, axios-retry, exponential-backoff, and hand-written retry loops.
// The library calls and the loops are found by retryLibraries.ts and retryLoops.ts.
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { customResource } from '../offServicePath.js';
import { coverAt, policyCover } from '../protection.js';
import { selectsOwnWork } from './catchExemptions.js';
import { counterOnFailure } from './counterOnFailure.js';
import { redriveSites } from './dlqRedrive.js';
import { drainSite } from './drainLoops.js';
import type { Report, Rule } from './Report.js';
import { answerRecursionSites } from './retryAnswerRecursion.js';
import { errorHintRecursions } from './retryErrorRecursion.js';
import { retriedPerItem } from './retryFanOut.js';
import { flagLoopSite } from './retryFlagLoops.js';
import { httpRetrySite } from './retryHttpOptions.js';
import { leftoverRecursionSites } from './retryLeftoverRecursion.js';
import { type RetrySite, siteOf } from './retryLibraries.js';
import { loopSite, resendSite } from './retryLoops.js';
import { nullPollRules } from './retryNullPolls.js';
import { authRecursionSites } from './retryOnAuth.js';
import { policySiteOf } from './retryPolicies.js';
import { pollSite } from './retryPollLoops.js';
import { againSites, settledSite } from './retryPromiseAll.js';
import { readyPollSite } from './retryReadyPolls.js';
import { promiseRecursionSite, recursionSite } from './retryRecursion.js';
import { redisRetryRules } from './retryRedisClients.js';
import { republishSites } from './retryRepublish.js';
import { requeueSites } from './retryRequeue.js';
import { resultLoopSite } from './retryResultLoops.js';
import { narrowRetryLoop, narrowRetryPredicate } from './retryScope.js';
import { superagentRetries } from './retrySuperagent.js';
import { viemRetrySite } from './retryViemTransport.js';

function hasBreakerInModule(ctx: ModuleContext): boolean {
  for (const call of ctx.of('CallExpression')) {
    const name = calleeName(call);
    if (name === 'wrapDependency') return true;
    if (name === 'circuitBreaker' && ctx.importRoot(call.callee)?.source === 'cockatiel') return true;
  }
  for (const node of ctx.of('NewExpression'))
    if (ctx.importRoot(node.callee)?.source === 'opossum') return true;
  return false;
}

/** cockatiel: is this retry composed with a breaker through wrap(...)? */
function wrappedWithBreaker(ctx: ModuleContext, site: Node): boolean {
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== 'wrap') continue;
    if (policyCover(ctx, call).kinds.has('breaker')) {
      const args = call.arguments as Node[];
      if (args.some((a) => ctx.valueOf(a) === site)) return true;
    }
  }
  return false;
}

/** The retry goes round only for a lost race or rate limiting (retryScope.ts): no breaker is asked for. */
function narrowSite(ctx: ModuleContext, node: Node): boolean {
  if (node.type !== 'CallExpression') return narrowRetryLoop(ctx, node);
  for (const arg of node.arguments as Node[]) {
    const value = ctx.valueOf(arg) ?? unwrap(arg);
    // cockatiel `retry(handleWhen((e) => e instanceof ThrottlingError), ...)`
    if (value?.type === 'CallExpression' && calleeName(value) === 'handleWhen')
      if (narrowRetryPredicate(ctx, 'retryIf', value.arguments[0])) return true;
    for (const [key, option] of objectProps(value)?.props ?? [])
      if (narrowRetryPredicate(ctx, key, option)) return true;
  }
  return false;
}

const RATE_LIMITED = /throttl|TooManyRequests|\b429\b|SlowDown|RateExceeded|RequestLimitExceeded/i;

/**
 * A loop that goes round only for a lost race (a conflict, a cancelled conditional write), never for
 * throttling: the next attempt changes what it writes (a re-read version, a new name), so waiting first
 * buys nothing and no delay is asked for.
 */
function lostRaceOnly(ctx: ModuleContext, node: Node): boolean {
  return (
    node.type !== 'CallExpression' &&
    narrowRetryLoop(ctx, node) &&
    !RATE_LIMITED.test(ctx.source.slice(node.start, node.end))
  );
}

export const retryRules: Rule = (ctx: ModuleContext, report: Report) => {
  superagentRetries(ctx, report); // superagent's own .retry(n): rules/retrySuperagent.ts
  redisRetryRules(ctx, report); // ioredis `maxRetriesPerRequest: null`: rules/retryRedisClients.ts
  nullPollRules(ctx, report); // `while (x == null)` over a helper answering errors with null: rules/retryNullPolls.ts
  const sites: RetrySite[] = [];
  for (const call of ctx.of('CallExpression')) {
    const site =
      siteOf(ctx, call) ??
      policySiteOf(ctx, call) ??
      promiseRecursionSite(ctx, call) ??
      httpRetrySite(ctx, call) ??
      viemRetrySite(ctx, call);
    if (site !== undefined) sites.push(site);
  }
  for (const node of ctx.of('NewExpression')) {
    const site = policySiteOf(ctx, node);
    if (site !== undefined) sites.push(site);
  }
  for (const clause of ctx.of('CatchClause')) {
    const site = recursionSite(ctx, clause);
    if (site !== undefined) sites.push(site);
  }
  for (const type of ['WhileStatement', 'DoWhileStatement', 'ForStatement'] as const) {
    for (const loop of ctx.of(type)) {
      const site =
        loopSite(ctx, loop) ??
        resendSite(ctx, loop) ??
        settledSite(ctx, loop) ??
        drainSite(ctx, loop) ??
        pollSite(ctx, loop) ??
        resultLoopSite(ctx, loop) ??
        readyPollSite(ctx, loop) ??
        flagLoopSite(ctx, loop);
      if (site === undefined) continue;
      const uncounted = site.unbounded === undefined ? counterOnFailure(loop) : undefined;
      sites.push(uncounted === undefined ? site : { ...site, unbounded: uncounted });
    }
  }
  sites.push(
    ...redriveSites(ctx),
    ...againSites(ctx),
    ...authRecursionSites(ctx),
    ...republishSites(ctx),
    ...answerRecursionSites(ctx),
    ...leftoverRecursionSites(ctx), // a function resending DynamoDB's leftovers to itself
    ...errorHintRecursions(ctx),
    ...requeueSites(ctx),
  );
  // A module that builds its own breaker (`this.breaker`, `#breaker`) counts as having one.
  const moduleHasBreaker =
    sites.length > 0 &&
    (hasBreakerInModule(ctx) ||
      /(?:\b(?:const|let|var)\s+|#|this\.)\w*[Bb]reaker\w*\s*[=:;]/.test(ctx.source));
  // A CloudFormation custom resource runs once per deployment: there is no stream of calls for a breaker.
  const oneShot = sites.length > 0 && customResource(ctx.source);
  // A job that selects its own work runs at its schedule's pace: its next run is the retry.
  const job = sites.length > 0 && selectsOwnWork(ctx);
  for (const site of sites) {
    if (site.unbounded !== undefined) report('retry-unbounded', site.node, site.unbounded);
    if (site.noJitter !== undefined && !lostRaceOnly(ctx, site.node))
      report('retry-no-jitter', site.noJitterAt ?? site.node, site.noJitter);
    if (
      site.noBreaker ||
      oneShot ||
      job ||
      !retriedPerItem(ctx, site.node) ||
      moduleHasBreaker ||
      wrappedWithBreaker(ctx, site.node) ||
      narrowSite(ctx, site.node)
    )
      continue;
    const cover = coverAt(ctx, site.node);
    if (cover.kinds.has('breaker')) continue;
    report(
      'no-circuit-breaker',
      site.node,
      `${site.label} retries each item without a circuit breaker: during an outage every item pays the whole retry schedule against a dependency that is down`,
      cover.via.length > 0 ? { unlessImportProvides: { kind: 'breaker', imports: cover.via } } : undefined,
    );
  }
};
