// The waits a retry loop or catch awaits, and whether one of them is spread by a random part: a delay
// whose whole computation is in view (numbers, counters, arithmetic, the module's own helpers) and has no
// random term is one every caller waits alike.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { numericFrom } from '../numericFrom.js';
import { returnedValues } from '../returnedValues.js';
import { fixedTableIndex, tableLookupOf } from './delayTables.js';
import { hasRandomPart } from './randomPart.js';
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

/** Whether a delay has a random part (randomPart.ts), or is computed out of view (where it may have one). */
export function jittered(ctx: ModuleContext, d: Node): boolean {
  return hasRandomPart(ctx, d) || !isVisibleDelay(ctx, d, 0);
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
        // The module's own helper (`backoffMs(attempt)` -> `Math.min(1_000, 50 * 2 ** attempt)`): as
        // visible as the values it answers, its parameters standing for the numbers passed in.
        const helper = ctx.functionOf(n.callee as Node);
        if (helper !== undefined)
          return (
            !hasRandomPart(ctx, helper) &&
            answersInView(helper, again) &&
            (n.arguments as Node[]).every(again)
          );
        return (
          (MATH.test(memberPath(n.callee)?.join('.') ?? '') ||
            NUMBER.test(memberPath(n.callee)?.join('.') ?? '')) &&
          (n.arguments as Node[]).every((a) => again(a))
        );
      }
      case 'MemberExpression':
        // A fixed table's entry (`delays[attempt]`) is one of its numbers, whatever the index.
        return configuredDelay(n) || fixedTableIndex(ctx, n) !== undefined;
      case 'LogicalExpression':
        // `delays[attempt] ?? 5000` only: a table entry with a fixed fallback. A general `a ?? b` of visible
        // values (`config.retryDelayMs ?? 1000`) is a class of its own, not measured, so not taken here.
        return tableLookupOf(ctx, n) !== undefined;
      default:
        return false;
    }
  });
}

function answersInView(fn: Node, again: (n: Node | undefined) => boolean): boolean {
  const answers = returnedValues(fn);
  return answers !== undefined && answers.length > 0 && answers.every(again);
}
