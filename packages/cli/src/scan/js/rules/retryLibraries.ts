// Retries set up through a library: cockatiel retry(), p-retry / promise-retry, async-retry, axios-retry
// and exponential-backoff, with what their options say about bounds and jitter.
import { isBooleanLiteral, memberPath, type Node, numberValue, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A place a retry is set up, and what is wrong with its bound or its jitter. */
export interface RetrySite {
  readonly node: Node;
  readonly label: string;
  readonly unbounded?: string;
  readonly noJitter?: string;
  /** Where the unjittered delay is written, when that is not at `node` (an SDK strategy's `delayDecider`). */
  readonly noJitterAt?: Node;
  /** The retry answers throttling (a resend of a batch's leftovers): no-circuit-breaker does not apply. */
  readonly noBreaker?: true;
}

function optionsOf(ctx: ModuleContext, node: Node | undefined) {
  return objectProps(ctx.valueOf(node));
}

/**
 * node-retry (under async-retry, p-retry, promise-retry) computes each wait as
 * `min(round(random(1..2) * minTimeout * factor ** attempt), maxTimeout)`, `minTimeout` defaulting to
 * 1000: when `minTimeout >= maxTimeout` every randomized wait is clamped to `maxTimeout`, so randomize
 * spreads nothing (`{ minTimeout: 5000, maxTimeout: 5000 }`).
 */
export function clampedToMax(ctx: ModuleContext, props: ReadonlyMap<string, Node> | undefined): boolean {
  const num = (key: string) => {
    const option = props?.get(key);
    return numberValue(ctx.valueOf(option) ?? option);
  };
  const max = num('maxTimeout');
  const min = props?.has('minTimeout') ? num('minTimeout') : 1000;
  return max !== undefined && min !== undefined && min >= max;
}

/** The retry a library call sets up, if `call` is one. */
export function siteOf(ctx: ModuleContext, call: Node): RetrySite | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp === undefined) return undefined;
  const args = call.arguments as Node[];
  if (imp.source === 'cockatiel' && imp.imported === 'retry') {
    const opts = optionsOf(ctx, args[1]);
    if (args[1] !== undefined && (opts === undefined || opts.spread)) return undefined;
    const maxAttempts = opts?.props.get('maxAttempts');
    const backoff = ctx.valueOf(opts?.props.get('backoff'));
    const backoffName = backoff?.type === 'NewExpression' ? unwrap(backoff.callee)?.name : undefined;
    const generator =
      backoff?.type === 'NewExpression'
        ? optionsOf(ctx, backoff.arguments[0])?.props.get('generator')
        : undefined;
    return {
      node: call,
      label: 'cockatiel retry()',
      ...(maxAttempts === undefined || numberValue(maxAttempts) === Number.POSITIVE_INFINITY
        ? { unbounded: 'cockatiel retry() without maxAttempts retries forever' }
        : {}),
      ...(backoff === undefined
        ? { noJitter: 'cockatiel retry() without a backoff retries immediately, all callers in lockstep' }
        : backoffName === 'ConstantBackoff' || backoffName === 'IterableBackoff'
          ? { noJitter: `cockatiel ${backoffName} has no jitter` }
          : generator !== undefined && /noJitter/.test(memberPath(generator)?.join('.') ?? '')
            ? { noJitter: 'ExponentialBackoff with noJitterGenerator has no jitter' }
            : {}),
    };
  }
  if (imp.source === 'p-retry' || imp.source === 'promise-retry') {
    // promise-retry also takes its options first: `promiseRetry(options, fn)` (its documented alternate order).
    const at = imp.source === 'promise-retry' && objectProps(ctx.valueOf(args[0])) !== undefined ? 0 : 1;
    const opts = optionsOf(ctx, args[at]);
    if (args[at] !== undefined && (opts === undefined || opts.spread)) return undefined;
    const retries = numberValue(opts?.props.get('retries'));
    return {
      node: call,
      label: imp.source,
      ...(retries === Number.POSITIVE_INFINITY || isBooleanLiteral(opts?.props.get('forever'), true)
        ? { unbounded: `${imp.source} with unlimited retries never gives up` }
        : {}),
      ...(!isBooleanLiteral(opts?.props.get('randomize'), true)
        ? { noJitter: `${imp.source} does not randomize delays unless randomize: true` }
        : clampedToMax(ctx, opts?.props)
          ? { noJitter: `${imp.source} with minTimeout >= maxTimeout waits exactly maxTimeout every time` }
          : {}),
    };
  }
  if (imp.source === 'async-retry') {
    const opts = optionsOf(ctx, args[1]);
    if (args[1] !== undefined && (opts === undefined || opts.spread)) return undefined;
    return {
      node: call,
      label: 'async-retry',
      ...(numberValue(opts?.props.get('retries')) === Number.POSITIVE_INFINITY ||
      isBooleanLiteral(opts?.props.get('forever'), true)
        ? { unbounded: 'async-retry with unlimited retries never gives up' }
        : {}),
      ...(isBooleanLiteral(opts?.props.get('randomize'), false)
        ? { noJitter: 'async-retry with randomize: false has no jitter' }
        : clampedToMax(ctx, opts?.props)
          ? {
              noJitter:
                'async-retry with minTimeout >= maxTimeout: every randomized wait is clamped to maxTimeout, so retries stay in lockstep',
            }
          : {}),
    };
  }
  if (imp.source === 'axios-retry') {
    const opts = optionsOf(ctx, args[1]);
    if (args[1] !== undefined && (opts === undefined || opts.spread)) return undefined;
    const delay = opts?.props.get('retryDelay');
    const delayText = delay === undefined ? '' : ctx.source.slice(delay.start, delay.end);
    const jittered =
      /exponentialDelay|random|jitter/i.test(delayText) ||
      (delay !== undefined && unwrap(delay)?.type === 'Identifier' && !/linear/i.test(delayText));
    return {
      node: call,
      label: 'axios-retry',
      // A written delay is the fix's place, as an SDK strategy's `delayDecider` is.
      ...(delay !== undefined && !jittered ? { noJitterAt: delay } : {}),
      ...(numberValue(opts?.props.get('retries')) === Number.POSITIVE_INFINITY
        ? { unbounded: 'axios-retry with retries: Infinity never gives up' }
        : {}),
      ...(jittered
        ? {}
        : {
            noJitter:
              delay === undefined
                ? 'axios-retry without retryDelay retries immediately with no backoff or jitter'
                : 'axios-retry delay has no jitter',
          }),
    };
  }
  if (imp.source === 'exponential-backoff' && imp.imported === 'backOff') {
    const opts = optionsOf(ctx, args[1]);
    if (args[1] !== undefined && (opts === undefined || opts.spread)) return undefined;
    const jitter = unwrap(opts?.props.get('jitter'));
    return {
      node: call,
      label: 'exponential-backoff',
      ...(numberValue(opts?.props.get('numOfAttempts')) === Number.POSITIVE_INFINITY
        ? { unbounded: 'backOff with numOfAttempts: Infinity never gives up' }
        : {}),
      ...(jitter?.type === 'Literal' && jitter.value === 'full'
        ? {}
        : { noJitter: "exponential-backoff defaults to jitter: 'none'" }),
    };
  }
  return undefined;
}
