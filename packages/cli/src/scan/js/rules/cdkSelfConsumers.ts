// iac-no-reserved-concurrency for a team's own queue-consumer construct: a class that is itself the
// function (`class SqsLambda extends TeamLambda`) and attaches `new SqsEventSource(this.queue)` to itself
// with no `maxConcurrency` leaves the cap to whoever builds it, and a shared construct cannot know what
// sits behind each consumer (cdkFunctionElsewhere.ts). So each place it is built is judged: built with no
// `reservedConcurrentExecutions` (in its props or one object down, `lambdaOverrides: {...}`), in a module
// that caps no mapping itself (`cfnMapping.scalingConfig = { maximumConcurrency: 5 }`), and granted more
// than services that absorb any rate, it is reported there.
import { type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { nothingToFloodInCdk } from './cdkFloodTargets.js';
import { holdsFunctionProps } from './cdkWrappedFunctions.js';
import { ownerOf } from './cdkWrappers.js';
import type { Report, Rule } from './Report.js';

/** Props by which a construct is built capped (`reservedConcurrentExecutions`, a class's own `concurrency`). */
const CAPS = /concurren/i;
/** An escape hatch capping the mapping or function a construct made (`cfn.scalingConfig = {...}`): a module with one is not judged. */
const HATCH = /\b(?:scalingConfig|maximumConcurrency|MaximumConcurrency|ReservedConcurrentExecutions)\b/;

/**
 * Records that the construct class around `at` attaches an uncapped SQS source to itself.
 * @example
 * noteSelfUncapped(ctx, superNode, sqsSource) // in `class SrSqsLambda extends SrLambda`: marks SrSqsLambda
 */
export function noteSelfUncapped(ctx: ModuleContext, target: Node | undefined, at: Node): void {
  const self = unwrap(target)?.type;
  if (self !== 'Super' && self !== 'ThisExpression') return;
  const owner = ownerOf(ctx, at);
  if (owner === undefined || (owner.type !== 'ClassDeclaration' && owner.type !== 'ClassExpression')) return;
  // A class that sets or passes on a concurrency anywhere (`reservedConcurrentExecutions: props.concurrency`
  // in its super call) caps its function itself, or lets its callers do so under a name of its own.
  if (/concurren/i.test(ctx.source.slice(owner.start, owner.end))) return;
  ctx.eventSourceWrappers.set(owner, { ...ctx.eventSourceWrappers.get(owner), uncapped: true });
}

/** The props object a function's settings are in: the construct's own props, or the one nested object holding a function's own props. */
function functionProps(ctx: ModuleContext, props: Node): ReturnType<typeof objectProps> {
  const own = objectProps(ctx.valueOf(props));
  if (own === undefined || own.props.has('handler')) return own;
  for (const value of own.props.values()) {
    const nested = objectProps(ctx.valueOf(value));
    if (nested !== undefined && holdsFunctionProps(nested.props.keys())) return nested;
  }
  return own;
}

/** The props, or an object one level down, set a cap or cannot be read in full. */
function mayCap(ctx: ModuleContext, props: Node): boolean {
  const own = objectProps(ctx.valueOf(props));
  if (own === undefined || own.spread) return true;
  if (CAPS.test([...own.props.keys()].join(' '))) return true;
  return [...own.props.values()].some((v) => {
    const nested = objectProps(ctx.valueOf(v));
    return nested !== undefined && (nested.spread || CAPS.test([...nested.props.keys()].join(' ')));
  });
}

const MESSAGE = (name: string) =>
  `${name} attaches an SQS event source to itself with no maxConcurrency and is built here without reservedConcurrentExecutions: a backlog scales out without limit`;

/** Places a self-consuming construct is built: judged here for a local class, by the project pass for an imported one. */
export const cdkSelfConsumerRules: Rule = (ctx: ModuleContext, report: Report) => {
  // A stack module imports CDK itself (its Stack, Duration, a grant's statement): others build no consumer.
  if (!ctx.spells('aws-cdk') || !ctx.spells('new ') || HATCH.test(ctx.source)) return;
  for (const node of ctx.of('NewExpression')) {
    const callee = unwrap(node.callee as Node);
    const last = (node.arguments as Node[]).at(-1);
    if (callee?.type !== 'Identifier' || last === undefined || unwrap(last)?.type !== 'ObjectExpression')
      continue;
    // A class of this module is judged by its own fact; an imported one by the project pass.
    const local = ctx.valueOf(callee);
    const own = local === undefined ? undefined : ctx.eventSourceWrappers.get(local);
    const ref = own === undefined ? importRefOf(ctx, callee) : undefined;
    if (own !== undefined ? own.uncapped !== true : ref === undefined) continue;
    // The project's own constructs only: a library's (`aws-cdk-lib`, `@guardian/cdk`) is not this rule's to read.
    if (ref !== undefined && !ref.source.startsWith('.')) continue;
    if (mayCap(ctx, last)) continue;
    const holder = ctx.parentOf(node);
    const name =
      holder?.type === 'VariableDeclarator' && holder.id?.type === 'Identifier' ? holder.id.name : undefined;
    if (nothingToFloodInCdk(ctx, name as string | undefined, functionProps(ctx, last))) continue;
    report(
      'iac-no-reserved-concurrency',
      node,
      MESSAGE(callee.name as string),
      ref !== undefined ? { onlyIfWrapperUncapped: ref } : undefined,
    );
  }
};

/**
 * A function built by a factory call (`MonitoredFunction.create(stack, 'worker', env, { reservedConcurrentExecutions: 10 })`,
 * `makeConsumer(this, { ... })`) whose props, in any argument or one object down, set a concurrency: the factory hands the cap to the function it builds.
 * @example
 * factoryCapped(ctx, processQueueLambda) // true for `const processQueueLambda = Fn.create(s, 'q', env, { reservedConcurrentExecutions: 10 })`
 */
export function factoryCapped(ctx: ModuleContext, fn: Node | undefined): boolean {
  const built = ctx.valueOf(unwrap(fn));
  if (built?.type !== 'CallExpression') return false;
  // Only a concurrency written out counts: an environment object spread from config is no cap.
  const caps = (node: Node | undefined) => {
    const props = objectProps(ctx.valueOf(node));
    return props !== undefined && CAPS.test([...props.props.keys()].join(' '));
  };
  return (built.arguments as Node[]).some(
    (arg) => caps(arg) || [...(objectProps(ctx.valueOf(arg))?.props.values() ?? [])].some(caps),
  );
}
