// Retries set up through the libraries retryLibraries.ts does not read by a plain imported call: polly-js
// policy chains, node-retry's `retry.operation(...)`, the AWS SDK v3 `ConfiguredRetryStrategy`,
// `@lifeomic/attempt` and `ts-retry-promise`. None of them randomizes its delays unless told to.
import {
  isBooleanLiteral,
  isFunction,
  memberPath,
  type Node,
  numberValue,
  objectProps,
  propertyName,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { clampedToMax, type RetrySite } from './retryLibraries.js';
import { middlewareStrategySite } from './retryMiddlewareStrategy.js';

const POLLY_RETRIES = new Set(['retry', 'waitAndRetry']);
const NODE_RETRY = new Set(['operation', 'timeouts', 'wrap']);
const SDK_RETRY = new Set(['@smithy/util-retry', '@aws-sdk/util-retry']);

/**
 * `executeForPromise(() => sent)` where `sent` is one promise made before the policy runs: every attempt
 * awaits the same settled promise, so nothing is sent again.
 */
function rerunsNothing(ctx: ModuleContext, run: Node | undefined): boolean {
  const fn = unwrap(run);
  if (fn === undefined || !isFunction(fn)) return false;
  const body = unwrap(fn.body as Node);
  const statements = body?.type === 'BlockStatement' ? (body.body as Node[]) : undefined;
  const answer =
    statements === undefined
      ? body
      : statements.length === 1 && statements[0]?.type === 'ReturnStatement'
        ? unwrap(statements[0].argument as Node)
        : undefined;
  if (answer?.type !== 'Identifier') return false;
  const b = ctx.resolve(answer.name as string, answer);
  if (b?.kind !== 'const' || b.init === undefined) return false;
  const init = unwrap(b.init);
  return (
    ((init?.type === 'NewExpression' && unwrap(init.callee)?.name === 'Promise') ||
      init?.type === 'CallExpression') &&
    !(b.declaration.start >= fn.start && b.declaration.end <= fn.end)
  );
}

/** polly-js: `polly().waitAndRetry(3).executeForPromise(fn)`; its delays are fixed or doubled, never random. */
function pollySite(ctx: ModuleContext, call: Node): RetrySite | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const method = propertyName(callee.property as Node, callee.computed as boolean) ?? '';
  if (!POLLY_RETRIES.has(method) || ctx.importRoot(callee)?.source !== 'polly-js') return undefined;
  const member = ctx.parentOf(call);
  const execute = member?.type === 'MemberExpression' ? ctx.parentOf(member) : undefined;
  const same = execute?.type === 'CallExpression' && rerunsNothing(ctx, execute.arguments[0]);
  const wait = method === 'retry' ? 'retries at once' : 'waits fixed or doubled delays';
  return {
    node: call,
    label: 'polly-js',
    noJitter: `polly-js ${method}() ${wait} with no jitter${same ? ', and every attempt re-awaits the one promise made before it, so nothing is sent again: retry a function that sends anew' : ''}`,
  };
}

/** node-retry `retry.operation({ retries, randomize })`: `randomize` is off unless set. */
function nodeRetrySite(ctx: ModuleContext, call: Node): RetrySite | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const method = propertyName(callee.property as Node, callee.computed as boolean) ?? '';
  // The method name first: the import lookup climbs the callee for every member call of the module.
  if (!NODE_RETRY.has(method) || ctx.importRoot(callee)?.source !== 'retry') return undefined;
  if (unwrap(callee.object)?.type !== 'Identifier') return undefined;
  const arg = (call.arguments as Node[])[method === 'wrap' ? 1 : 0];
  const opts = objectProps(ctx.valueOf(arg));
  if (arg !== undefined && (opts === undefined || opts.spread)) return undefined;
  return {
    node: call,
    label: 'retry (node-retry)',
    ...(isBooleanLiteral(opts?.props.get('forever'), true) ||
    numberValue(opts?.props.get('retries')) === Number.POSITIVE_INFINITY
      ? { unbounded: 'node-retry with forever: true never gives up' }
      : {}),
    ...(!isBooleanLiteral(opts?.props.get('randomize'), true)
      ? { noJitter: 'node-retry does not randomize its timeouts unless randomize: true' }
      : clampedToMax(ctx, opts?.props)
        ? { noJitter: 'node-retry with minTimeout >= maxTimeout waits exactly maxTimeout every time' }
        : {}),
  };
}

/**
 * A retry delay with no random part, all of it in view: a number, or a function that calls nothing but
 * `Math.*` and names no random or jitter, with an expression body (`(attempt) => 100 + attempt * 1000`) or
 * a block that returns such a formula (`function (n) { return Math.pow(2, n) * 100; }`).
 */
export function fixedDelay(ctx: ModuleContext, delay: Node | undefined): boolean {
  const value = ctx.valueOf(delay) ?? unwrap(delay);
  if (numberValue(value) !== undefined) return true;
  if (value === undefined || !isFunction(value)) return false;
  // Code, not comments: `// no jitter here` names jitter without drawing any.
  const code = ctx.source.slice(value.start, value.end).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  if (/random|jitter/i.test(code)) return false;
  const body = value.body as Node;
  if (unwrap(body)?.type === 'BlockStatement') return formulaBlock(body);
  return !/\b[a-z_$][\w$]*\s*\(/i.test(ctx.source.slice(body.start, body.end).replace(/Math\.\w+\s*\(/g, ''));
}

/**
 * A function block that computes its delay in view: it returns a value, and it calls or builds nothing
 * but `Math.*` (a helper out of view, `return backoffFor(n)`, may well add jitter).
 */
function formulaBlock(block: Node): boolean {
  const returns = someDescendant(block, (n) => n.type === 'ReturnStatement' && n.argument != null, true);
  const callsOut = someDescendant(
    block,
    (n) =>
      n.type === 'NewExpression' ||
      n.type === 'TaggedTemplateExpression' ||
      n.type === 'AwaitExpression' ||
      (n.type === 'CallExpression' && memberPath(unwrap(n.callee))?.[0] !== 'Math'),
  );
  return returns && !callsOut;
}

/**
 * The AWS SDK v3 `new ConfiguredRetryStrategy(attempts, delay)`: a number, or a function whose whole
 * computation is in view with no random part, replaces the SDK's jittered backoff with a fixed schedule.
 */
function sdkStrategySite(ctx: ModuleContext, node: Node): RetrySite | undefined {
  if (node.type !== 'NewExpression') return undefined;
  const callee = unwrap(node.callee);
  const imp = ctx.importRoot(callee);
  if (imp === undefined || !SDK_RETRY.has(imp.source)) return undefined;
  if (
    (callee?.type === 'Identifier' ? imp.imported : propertyName(callee?.property as Node)) !==
    'ConfiguredRetryStrategy'
  )
    return undefined;
  const [attempts, delay] = node.arguments as Node[];
  const fixed = fixedDelay(ctx, delay);
  return {
    node,
    label: 'ConfiguredRetryStrategy',
    ...(numberValue(attempts) !== undefined && (numberValue(attempts) as number) > 50
      ? {
          unbounded: `ConfiguredRetryStrategy allows ${numberValue(attempts)} attempts: a failing call is retried for as long as the function runs`,
        }
      : {}),
    ...(fixed
      ? { noJitter: "ConfiguredRetryStrategy's delay has no jitter: it replaces the SDK's jittered backoff" }
      : {}),
  };
}

/** `@lifeomic/attempt` retry(fn, opts) (jitter off, maxAttempts 0 = forever) and `ts-retry-promise`. */
function attemptSite(ctx: ModuleContext, call: Node): RetrySite | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  // Every plain call comes here: the import is checked before any options object is read.
  const attempt = imp?.source === '@lifeomic/attempt' && imp.imported === 'retry';
  const tsRetry =
    imp?.source === 'ts-retry-promise' && (imp.imported === 'retry' || imp.imported === 'retryDecorator');
  if (!attempt && !tsRetry) return undefined;
  const arg = (call.arguments as Node[])[1];
  const opts = objectProps(ctx.valueOf(arg));
  if (arg !== undefined && (opts === undefined || opts.spread)) return undefined;
  if (attempt)
    return {
      node: call,
      label: '@lifeomic/attempt',
      ...(numberValue(opts?.props.get('maxAttempts')) === 0
        ? { unbounded: '@lifeomic/attempt with maxAttempts: 0 retries forever' }
        : {}),
      ...(isBooleanLiteral(opts?.props.get('jitter'), true)
        ? {}
        : { noJitter: '@lifeomic/attempt does not jitter its delays unless jitter: true' }),
    };
  return {
    node: call,
    label: 'ts-retry-promise',
    ...(stringValue(opts?.props.get('retries')) === 'INFINITELY'
      ? { unbounded: "ts-retry-promise with retries: 'INFINITELY' never gives up" }
      : {}),
    noJitter: 'ts-retry-promise waits a fixed, linear or exponential delay with no jitter',
  };
}

/** The retry a policy library sets up at `node` (a call or a `new`), if it is one. */
export function policySiteOf(ctx: ModuleContext, node: Node): RetrySite | undefined {
  if (node.type === 'NewExpression') return sdkStrategySite(ctx, node) ?? middlewareStrategySite(ctx, node);
  return pollySite(ctx, node) ?? nodeRetrySite(ctx, node) ?? attemptSite(ctx, node);
}
