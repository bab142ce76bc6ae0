// An ioredis client told `maxRetriesPerRequest: null` (or Infinity) keeps every command queued for as
// long as Redis is unreachable: ioredis reconnects forever by default, and the per-request limit (20 by
// default) is what turns an outage into an error. In a function, a Redis outage then ends in the timeout.
// Not reported: a client with `enableOfflineQueue: false` (commands fail at once while disconnected), and a
// module that imports bullmq, whose workers require `maxRetriesPerRequest: null` for their blocking reads.
import { isBooleanLiteral, type Node, numberValue, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** `null`, `Infinity` or `Number.POSITIVE_INFINITY`: no limit on a command's retries. */
function unlimited(n: Node | undefined): boolean {
  const v = unwrap(n);
  if (v === undefined) return false;
  if (v.type === 'Literal' && v.value === null && v.raw === 'null') return true;
  return numberValue(v) === Number.POSITIVE_INFINITY;
}

/**
 * Reports `new Redis(url, { maxRetriesPerRequest: null })` (ioredis, `Redis.Cluster` `redisOptions` too).
 * @example
 * redisRetryRules(ctx, report) // retry-unbounded at `maxRetriesPerRequest: null` of `new Redis(url, { ... })`
 */
export function redisRetryRules(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('maxRetriesPerRequest') || !ctx.spells('ioredis')) return;
  if (/['"]bullmq['"]/.test(ctx.source)) return;
  for (const node of ctx.of('NewExpression')) {
    if (ctx.importRoot(unwrap(node.callee))?.source !== 'ioredis') continue;
    for (const arg of node.arguments as Node[]) {
      const options = objectProps(ctx.valueOf(arg) ?? unwrap(arg))?.props;
      if (options === undefined) continue;
      const nested = objectProps(
        ctx.valueOf(options.get('redisOptions')) ?? unwrap(options.get('redisOptions')),
      );
      for (const props of [options, nested?.props]) {
        const limit = props?.get('maxRetriesPerRequest');
        if (props === undefined || limit === undefined || !unlimited(limit)) continue;
        const offline = props.get('enableOfflineQueue');
        if (isBooleanLiteral(offline, false)) continue;
        report(
          'retry-unbounded',
          limit,
          'ioredis client with maxRetriesPerRequest set to no limit: while Redis is unreachable every command waits for a reconnect that may never come, so an outage ends in the function timeout instead of an error; keep a finite limit (the default is 20)',
        );
      }
    }
  }
}
