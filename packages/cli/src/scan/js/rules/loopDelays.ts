// The waits a retry loop or catch awaits, and whether one of them is spread by a random part: a delay
// whose whole computation is in view (numbers, counters, arithmetic, the module's own helpers) and has no
// random term is one every caller waits alike.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { numericFrom } from '../numericFrom.js';
import { returnedValues } from '../sdkOptions.js';
import { ownSleepCall } from './sleepHelpers.js';

const SLEEP = /^(sleep|delay|wait|pause|setTimeout|backoff|timeout)$/i;

/**
 * The delays awaited under `body` (a loop's body, a catch's block): a call named for a wait, or of the
 * module's own sleep helper under any name (sleepHelpers.ts), whose first argument is the delay.
 */
export function delaysIn(ctx: ModuleContext, body: Node): Node[] {
  const delays: Node[] = [];
  someDescendant(
    body,
    (n) => {
      if (n.type !== 'CallExpression') return false;
      const name = calleeName(n);
      if (name === undefined || !(SLEEP.test(name) || ownSleepCall(ctx, n))) return false;
      const args = n.arguments as Node[];
      const delay = name === 'setTimeout' && args.length >= 2 ? args[1] : args[0];
      if (delay !== undefined && unwrap(delay)?.type !== 'ArrowFunctionExpression') delays.push(delay);
      return false;
    },
    false,
  );
  return delays;
}

const RANDOM = /random|jitter/i;

/** Whether a delay has a random part, or is computed out of view (where it may have one). */
export function jittered(ctx: ModuleContext, d: Node): boolean {
  return (
    RANDOM.test(ctx.source.slice(d.start, d.end)) || isJitteredName(ctx, d) || !isVisibleDelay(ctx, d, 0)
  );
}

const MATH = /^Math\.(min|max|pow|floor|ceil|round|trunc)$/;
const NUMBER = /^(Number|parseInt|parseFloat)$/;
/** A setting named for a wait: `backoffPeriod`, `RETRY_DELAY_MS`, `retryIntervalSeconds`. */
const WAIT_SETTING = /(period|delay|interval|ms|millis|seconds|wait)$/i;
const SETTINGS = /env|config|setting/i;

/**
 * A delay read from configuration (`this.environmentVariables.backoffPeriod()`, `config.retryDelayMs`,
 * `process.env.RETRY_DELAY_MS`): one value for every caller, so as fixed as a literal.
 */
function configuredDelay(node: Node | undefined): boolean {
  const path = memberPath(node);
  if (path === undefined || path.length < 2) return false;
  return WAIT_SETTING.test(path.at(-1) ?? '') && path.slice(0, -1).some((p) => SETTINGS.test(p));
}

/**
 * A delay whose whole computation is in view (numbers, counters, arithmetic, Math.min/pow...). Only
 * those are judged: a delay from a backoff object or helper may well be jittered.
 */
function isVisibleDelay(ctx: ModuleContext, node: Node | undefined, depth: number): boolean {
  return numericFrom(ctx, node, depth, (n, again) => {
    switch (n.type) {
      case 'UnaryExpression':
      case 'UpdateExpression':
        return again(n.argument);
      case 'ConditionalExpression':
        return again(n.consequent) && again(n.alternate);
      case 'CallExpression': {
        if (configuredDelay(n.callee) && (n.arguments as Node[]).length === 0) return true;
        const helper = ctx.functionOf(n.callee);
        if (helper !== undefined)
          return helperInView(ctx, helper, again) && (n.arguments as Node[]).every(again);
        return (
          (MATH.test(memberPath(n.callee)?.join('.') ?? '') ||
            NUMBER.test(memberPath(n.callee)?.join('.') ?? '')) &&
          (n.arguments as Node[]).every((a) => again(a))
        );
      }
      case 'MemberExpression':
        return configuredDelay(n);
      default:
        return false;
    }
  });
}

/**
 * The values a module's own function answers (`backoffMs(attempt)` -> `Math.min(1_000, 50 * 2 ** attempt)`),
 * its parameters standing for the numbers passed in: a delay worked out by a helper is as visible as one
 * written in place. A helper with a random term anywhere in it (through a local, a second step) jitters.
 */
function helperInView(ctx: ModuleContext, fn: Node, again: (n: Node | undefined) => boolean): boolean {
  if (RANDOM.test(ctx.source.slice(fn.start, fn.end))) return false;
  return returnedValues(fn)?.every(again) ?? false;
}

/**
 * Whether `node` has a random part, in its own text or in a module function it calls (a few calls deep):
 * `withSpread(2 ** attempt)` where `withSpread` multiplies by `Math.random()`.
 */
export function randomWithin(ctx: ModuleContext, node: Node, depth = 0): boolean {
  if (RANDOM.test(ctx.source.slice(node.start, node.end))) return true;
  if (depth > 3) return false;
  const callsRandom = (n: Node) => {
    if (n.type !== 'CallExpression') return false;
    const fn = ctx.functionOf(n.callee);
    return fn !== undefined && fn !== node && randomWithin(ctx, fn, depth + 1);
  };
  return callsRandom(node) || someDescendant(node, callsRandom, true);
}

function isJitteredName(ctx: ModuleContext, delay: Node): boolean {
  const v = ctx.valueOf(delay);
  if (v === undefined || v === unwrap(delay)) return false;
  return /random|jitter/i.test(ctx.source.slice(v.start, v.end));
}
