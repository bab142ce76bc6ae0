// iac-missing-dlq for EventBridge rule targets in CDK code (`rule.addTarget(new targets.LambdaFunction(fn,
// { retryAttempts }))`): EventBridge invokes the function asynchronously, so an event whose run fails is
// dropped after Lambda's retries unless the function has a DLQ or onFailure destination. The target's own
// deadLetterQueue does not cover that: it keeps only events EventBridge could not deliver to Lambda. Props are read through spreads: a local defaults object in place, a helper's parameter
// (`{ ...lambdaDefaults, entry }`, `{ retryAttempts: 3, ...props.targetProps }`) at its callers.
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { onlyPushesInCdk } from './cdkEphemeralTargets.js';
import { asyncInvokeConfigured, functionHasAsyncDlq, handlerLink } from './cdkHandlers.js';
import { fromCallers, type OpenProps, openProps } from './cdkPassedProps.js';
import { noteTargetedField } from './cdkTargetedFields.js';
import { builtFunction, builtProps } from './cdkWrappedFunctions.js';
import type { Report } from './Report.js';

const TARGET_DLQ = ['deadLetterQueue'];
const FUNCTION_DLQ = ['deadLetterQueue', 'deadLetterTopic', 'onFailure', 'deadLetterQueueEnabled'];
const EMPTY: OpenProps = { props: new Map(), unknown: false, fromCaller: [] };

/**
 * The rule a target kept in a const is handed to (`const target = new LambdaFunction(fn)`, then `targets:
 * [target]` or `rule.addTarget(target)`), when exactly one rule of the module takes it.
 */
function ruleOfKept(ctx: ModuleContext, declarator: Node): Node | undefined {
  const name = declarator.id.name as string;
  const same = (n: Node | undefined) =>
    n?.type === 'Identifier' && n.name === name && ctx.resolve(name, n)?.declaration === declarator;
  const rules = new Set<Node>();
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression' || propertyName(callee.property as Node, false) !== 'addTarget')
      continue;
    const rule = ctx.valueOf(unwrap(callee.object as Node));
    if ((call.arguments as Node[]).some((a) => same(unwrap(a))) && rule !== undefined) rules.add(rule);
  }
  for (const prop of ctx.of('Property')) {
    const list = unwrap(prop.value as Node);
    if (propertyName(prop.key as Node, prop.computed as boolean) !== 'targets') continue;
    if (
      list?.type !== 'ArrayExpression' ||
      !(list.elements as (Node | null)[]).some((e) => same(unwrap(e ?? undefined)))
    )
      continue;
    const rule = ctx.parentOf(ctx.parentOf(prop) as Node);
    if (rule !== undefined) rules.add(rule);
  }
  return rules.size === 1 ? [...rules][0] : undefined;
}

/** The props of the rule a target is added to: `rule.addTarget(node)` or `new Rule(..., { targets: [node] })`. */
export function ruleProps(ctx: ModuleContext, node: Node): OpenProps | undefined {
  let parent = ctx.parentOf(node);
  if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier') {
    const rule = ruleOfKept(ctx, parent);
    return rule?.type === 'NewExpression' ? openProps(ctx, (rule.arguments as Node[])[2]) : undefined;
  }
  let rule: Node | undefined;
  const callee = parent?.type === 'CallExpression' ? unwrap(parent.callee) : undefined;
  if (callee?.type === 'MemberExpression' && propertyName(callee.property as Node, false) === 'addTarget')
    rule = ctx.valueOf(unwrap(callee.object as Node));
  else {
    while (parent !== undefined && parent.type !== 'NewExpression' && parent.type !== 'CallExpression')
      parent = ctx.parentOf(parent);
    rule = parent;
  }
  if (rule?.type !== 'NewExpression') return undefined;
  return openProps(ctx, (rule.arguments as Node[])[2]);
}

/**
 * Reports a Lambda rule target whose failed events have nowhere to go, and answers the function built in
 * this module it reported, which no later pass reports again.
 */
export function asyncTargetWithoutDlq(ctx: ModuleContext, node: Node, report: Report): Node | undefined {
  const args = node.arguments as Node[];
  const target = args[1] === undefined ? EMPTY : openProps(ctx, args[1]);
  if (target === undefined || target.unknown) return undefined;
  // A function a project construct keeps in a field (`collector.fn`): judged where the construct builds it.
  const field = noteTargetedField(
    ctx,
    args[0] as Node,
    () => ruleProps(ctx, node)?.props.has('schedule') === true,
  );
  // A function built here, kept in a field the module assigns once (`this.target = new Function(...)`), or
  // handed out by a wrapper construct built here (`packed.fn`): reported where it is built.
  const fn = builtFunction(ctx, args[0]);
  const fnOpen = fn === undefined ? undefined : builtProps(ctx, fn);
  if (fn !== undefined && (fnOpen === undefined || fnOpen.unknown)) return undefined;
  const fnProps = fnOpen === undefined ? undefined : { props: fnOpen.props, spread: false };
  if (functionHasAsyncDlq(fnProps)) return undefined;
  // A schedule's next run is the retry.
  const rule = ruleProps(ctx, node);
  if (rule?.props.has('schedule')) return undefined;
  const fnName = memberPath(args[0])?.join('.');
  if (asyncInvokeConfigured(ctx, fnName) || onlyPushesInCdk(ctx, fnName, fnProps)) return undefined;
  // A function handed in by the caller (`props.handler`): judged by the construct the caller builds, if any.
  const handedIn = fn === undefined ? openProps(ctx, args[0])?.fromCaller : undefined;
  const fnParts = [
    ...(fnOpen?.fromCaller ?? []),
    ...(handedIn ?? []).map((p) => ({ ...p, unreadOmits: true as const })),
  ];
  // A function built by another helper than the target's cannot be settled at one set of callers.
  if (
    (fnOpen?.fromCaller.length ?? 0) > 0 &&
    fn !== undefined &&
    ctx.enclosingFunction(fn.node) !== ctx.enclosingFunction(node)
  )
    return undefined;
  const cond = fromCallers(ctx, node, [
    ...fnParts.map((p) => ({ ...p, keys: FUNCTION_DLQ })),
    ...(rule?.fromCaller ?? []).map((p) => ({ ...p, keys: ['schedule'] })),
  ]);
  if (cond === null) return undefined;
  const link = handlerLink(ctx, args[0], 'no-work');
  report(
    'iac-missing-dlq',
    fn?.wrapper === true ? fn.node : node,
    "EventBridge target LambdaFunction whose function has no deadLetterQueue or onFailure destination: events whose run still fails after Lambda's retries are dropped (a target deadLetterQueue keeps only events EventBridge could not deliver)",
    {
      ...(link !== undefined ? { handlerLink: link } : {}),
      ...(cond !== undefined ? { onlyIfCallersOmit: cond } : {}),
      ...(field !== undefined ? { unlessFieldBuilt: field } : {}),
    },
  );
  return fn?.node;
}

/**
 * Reports an API destination target (`new targets.ApiDestination(dest, props)`: an HTTP endpoint outside
 * AWS) with no `deadLetterQueue`: EventBridge drops what the endpoint keeps refusing once its retry policy
 * runs out (cfnDeliveryTargets.ts judges templates the same way).
 */
export function apiDestinationWithoutDlq(ctx: ModuleContext, node: Node, report: Report): void {
  const args = node.arguments as Node[];
  const target = args[1] === undefined ? EMPTY : openProps(ctx, args[1]);
  if (target === undefined || target.unknown || target.props.has('deadLetterQueue')) return;
  const cond = fromCallers(
    ctx,
    node,
    target.fromCaller.map((p) => ({ ...p, keys: TARGET_DLQ })),
  );
  if (cond === null) return;
  report(
    'iac-missing-dlq',
    node,
    'EventBridge target ApiDestination without deadLetterQueue: events the endpoint keeps refusing are dropped after the retries',
    cond !== undefined ? { onlyIfCallersOmit: cond } : undefined,
  );
}
