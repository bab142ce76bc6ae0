// retry-no-jitter, retry-unbounded and no-circuit-breaker, judged at the place a retry is set up:
// cockatiel retry(), p-retry, async-retry, axios-retry, exponential-backoff, and hand-written retry loops.
import {
  calleeName,
  isBooleanLiteral,
  memberPath,
  type Node,
  numberValue,
  objectProps,
  someDescendant,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt, isRetryLoop, policyCover } from '../protection.js';
import type { Report, Rule } from './Report.js';

interface RetrySite {
  readonly node: Node;
  readonly label: string;
  readonly unbounded?: string;
  readonly noJitter?: string;
}

function optionsOf(ctx: ModuleContext, node: Node | undefined) {
  return objectProps(ctx.valueOf(node));
}

function siteOf(ctx: ModuleContext, call: Node): RetrySite | undefined {
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
    const opts = optionsOf(ctx, args[1]);
    if (args[1] !== undefined && (opts === undefined || opts.spread)) return undefined;
    const retries = numberValue(opts?.props.get('retries'));
    return {
      node: call,
      label: imp.source,
      ...(retries === Number.POSITIVE_INFINITY || isBooleanLiteral(opts?.props.get('forever'), true)
        ? { unbounded: `${imp.source} with unlimited retries never gives up` }
        : {}),
      ...(isBooleanLiteral(opts?.props.get('randomize'), true)
        ? {}
        : { noJitter: `${imp.source} does not randomize delays unless randomize: true` }),
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

const SLEEP = /^(sleep|delay|wait|pause|setTimeout|backoff|timeout)$/i;

/** The delay expressions a retry loop waits on: `await sleep(x)`, `await new Promise(r => setTimeout(r, x))`. */
function loopDelays(loop: Node): Node[] {
  const delays: Node[] = [];
  someDescendant(
    loop.body,
    (n) => {
      if (n.type !== 'CallExpression') return false;
      const name = calleeName(n);
      if (name === undefined || !SLEEP.test(name)) return false;
      const args = n.arguments as Node[];
      const delay = name === 'setTimeout' && args.length >= 2 ? args[1] : args[0];
      if (delay !== undefined && unwrap(delay)?.type !== 'ArrowFunctionExpression') delays.push(delay);
      return false;
    },
    false,
  );
  return delays;
}

function loopSite(ctx: ModuleContext, loop: Node): RetrySite | undefined {
  if (!isRetryLoop(loop)) return undefined;
  const delays = loopDelays(loop);
  const infinite =
    (loop.type === 'WhileStatement' && isBooleanLiteral(loop.test, true)) ||
    (loop.type === 'ForStatement' && loop.test == null) ||
    (loop.type === 'DoWhileStatement' && isBooleanLiteral(loop.test, true));
  const escapes = someDescendant(
    loop.body,
    (n) => n.type === 'ThrowStatement' || n.type === 'BreakStatement' || n.type === 'ReturnStatement',
    true,
  );
  // A loop that only returns from the try block never gives up on failure.
  const catchExits = someDescendant(
    loop.body,
    (n) =>
      n.type === 'CatchClause' &&
      someDescendant(
        n.body,
        (m) => m.type === 'ThrowStatement' || m.type === 'BreakStatement' || m.type === 'ReturnStatement',
        true,
      ),
    true,
  );
  const afterCatchExits = /\b(attempt|tries|retries|retry|count|n)\s*(>=|>|===)/.test(
    ctx.source.slice(loop.start, loop.end),
  );
  const withRandom = delays.some(
    (d) =>
      /random|jitter/i.test(ctx.source.slice(d.start, d.end)) ||
      isJitteredName(ctx, d) ||
      !isVisibleDelay(ctx, d, 0),
  );
  return {
    node: loop,
    label: 'hand-written retry loop',
    ...(infinite && (!escapes || (!catchExits && !afterCatchExits))
      ? { unbounded: 'retry loop with no attempt limit' }
      : {}),
    ...(delays.length > 0 && !withRandom
      ? { noJitter: 'retry loop sleeps a fixed or purely exponential delay, no jitter' }
      : {}),
  };
}

const MATH = /^Math\.(min|max|pow|floor|ceil|round|trunc)$/;

/**
 * A delay whose whole computation is in view (numbers, counters, arithmetic, Math.min/pow...). Only
 * those are judged: a delay from a backoff object or helper may well be jittered.
 */
function isVisibleDelay(ctx: ModuleContext, node: Node | undefined, depth: number): boolean {
  const n = unwrap(node);
  if (n === undefined || depth > 6) return false;
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'number';
    case 'Identifier': {
      const b = ctx.resolve(n.name as string, n);
      if (b === undefined) return false;
      if (b.kind === 'param' || b.kind === 'let' || b.kind === 'var') return true;
      return b.init !== undefined && b.kind === 'const' && isVisibleDelay(ctx, b.init, depth + 1);
    }
    case 'BinaryExpression':
      return isVisibleDelay(ctx, n.left, depth + 1) && isVisibleDelay(ctx, n.right, depth + 1);
    case 'UnaryExpression':
    case 'UpdateExpression':
      return isVisibleDelay(ctx, n.argument, depth + 1);
    case 'ConditionalExpression':
      return isVisibleDelay(ctx, n.consequent, depth + 1) && isVisibleDelay(ctx, n.alternate, depth + 1);
    case 'CallExpression':
      return (
        MATH.test(memberPath(n.callee)?.join('.') ?? '') &&
        (n.arguments as Node[]).every((a) => isVisibleDelay(ctx, a, depth + 1))
      );
    default:
      return false;
  }
}

function isJitteredName(ctx: ModuleContext, delay: Node): boolean {
  const v = ctx.valueOf(delay);
  if (v === undefined || v === unwrap(delay)) return false;
  return /random|jitter/i.test(ctx.source.slice(v.start, v.end));
}

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

const CUSTOM_RESOURCE =
  /\bCloudFormationCustomResource\w*|\bCdkCustomResource\w*|\.RequestType\b|\bResponseURL\b/;

export const retryRules: Rule = (ctx: ModuleContext, report: Report) => {
  const sites: RetrySite[] = [];
  for (const call of ctx.of('CallExpression')) {
    const site = siteOf(ctx, call);
    if (site !== undefined) sites.push(site);
  }
  for (const type of ['WhileStatement', 'DoWhileStatement', 'ForStatement'] as const) {
    for (const loop of ctx.of(type)) {
      const site = loopSite(ctx, loop);
      if (site !== undefined) sites.push(site);
    }
  }
  // A module that builds its own breaker (`this.breaker`, `#breaker`) counts as having one.
  const moduleHasBreaker =
    sites.length > 0 &&
    (hasBreakerInModule(ctx) ||
      /(?:\b(?:const|let|var)\s+|#|this\.)\w*[Bb]reaker\w*\s*[=:;]/.test(ctx.source));
  // A CloudFormation custom resource runs once per deployment: there is no stream of calls for a breaker.
  const oneShot = sites.length > 0 && CUSTOM_RESOURCE.test(ctx.source);
  for (const site of sites) {
    if (site.unbounded !== undefined) report('retry-unbounded', site.node, site.unbounded);
    if (site.noJitter !== undefined) report('retry-no-jitter', site.node, site.noJitter);
    if (oneShot || moduleHasBreaker || wrappedWithBreaker(ctx, site.node)) continue;
    const cover = coverAt(ctx, site.node);
    if (cover.kinds.has('breaker')) continue;
    report(
      'no-circuit-breaker',
      site.node,
      `${site.label} retries without a circuit breaker: during an outage every caller keeps retrying`,
      cover.via.length > 0 ? { unlessImportProvides: { kind: 'breaker', imports: cover.via } } : undefined,
    );
  }
};
