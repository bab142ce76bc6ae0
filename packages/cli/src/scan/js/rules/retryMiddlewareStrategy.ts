// The AWS SDK v3's older retry strategies, `new StandardRetryStrategy(maxAttemptsProvider, options)` and
// `AdaptiveRetryStrategy` from `@aws-sdk/middleware-retry` (`@smithy/middleware-retry`): the attempt count
// is a provider (`async () => 10000`), and `options.delayDecider(delayBase, attempts)` replaces the
// default decider, which draws `Math.random() * 2 ** attempts * delayBase` (full jitter).
import {
  isFunction,
  type Node,
  numberValue,
  objectProps,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { RetrySite } from './retryLibraries.js';

const MIDDLEWARE_RETRY = new Set(['@aws-sdk/middleware-retry', '@smithy/middleware-retry']);
const STRATEGIES = new Set(['StandardRetryStrategy', 'AdaptiveRetryStrategy']);
/** Past this many attempts a failing call is retried for as long as the function runs (as ConfiguredRetryStrategy). */
const MANY_ATTEMPTS = 50;

/** The number a provider gives: `10000`, `async () => 10000`, `() => Promise.resolve(10000)`. */
function providedNumber(ctx: ModuleContext, provider: Node | undefined): number | undefined {
  const value = ctx.valueOf(provider) ?? unwrap(provider);
  const direct = numberValue(value);
  if (direct !== undefined || value === undefined || !isFunction(value)) return direct;
  const body = returned(value);
  if (
    body?.type === 'CallExpression' &&
    /^Promise\.resolve$/.test(ctx.source.slice(body.callee.start, body.callee.end))
  )
    return numberValue((body.arguments as Node[])[0]);
  return numberValue(body);
}

/** What a function returns, when that is one expression: `() => x`, `() => { return x; }`. */
function returned(fn: Node): Node | undefined {
  const body = unwrap(fn.body as Node);
  if (body?.type !== 'BlockStatement') return body;
  const statements = body.body as Node[];
  return statements.length === 1 && statements[0]?.type === 'ReturnStatement'
    ? unwrap(statements[0].argument)
    : undefined;
}

/** A delay decider with no random part: a number, or an in-view formula (`Math.min(1.5 ** n * 100, 5000)`). */
function fixedDecider(ctx: ModuleContext, decider: Node | undefined): boolean {
  const value = ctx.valueOf(decider) ?? unwrap(decider);
  if (numberValue(value) !== undefined) return true;
  if (value === undefined || !isFunction(value)) return false;
  const result = returned(value);
  if (result === undefined || someDescendant(result, (n) => isFunction(n))) return false;
  // Only arithmetic and Math.* in view: a call to anything else may well be jittered.
  const text = ctx.source.slice(result.start, result.end);
  return !/random|jitter/i.test(text) && !/\b[a-z_$][\w$]*\s*\(/i.test(text.replace(/Math\.\w+\s*\(/g, ''));
}

/** The retry an SDK middleware-retry strategy sets up, if `node` builds one. */
export function middlewareStrategySite(ctx: ModuleContext, node: Node): RetrySite | undefined {
  if (node.type !== 'NewExpression') return undefined;
  const callee = unwrap(node.callee);
  const imp = ctx.importRoot(callee);
  if (imp === undefined || !MIDDLEWARE_RETRY.has(imp.source)) return undefined;
  const name = callee?.type === 'Identifier' ? imp.imported : propertyName(callee?.property as Node);
  if (name === undefined || !STRATEGIES.has(name)) return undefined;
  const [provider, options] = node.arguments as Node[];
  const attempts = providedNumber(ctx, provider);
  const decider = objectProps(ctx.valueOf(options) ?? unwrap(options))?.props.get('delayDecider');
  return {
    node,
    label: name,
    ...(attempts !== undefined && attempts > MANY_ATTEMPTS
      ? {
          unbounded: `${name} allows ${attempts} attempts: a failing call is retried for as long as the function runs`,
        }
      : {}),
    ...(decider !== undefined && fixedDecider(ctx, decider)
      ? {
          noJitter: `${name}'s delayDecider has no random part: it replaces the SDK's jittered backoff`,
          // Reported at the decider: the strategy's options may run long, and the decider is what to change.
          noJitterAt: decider,
        }
      : {}),
  };
}
