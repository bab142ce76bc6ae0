// The options of a CDK event source (`new SqsEventSource(queue, options)`) when they are not written inline:
// projects keep per-consumer settings in one object (`const { eventSource } = settings().sender`, a
// `settings()` function of the module returning `{ sender: { eventSource: { batchSize: 1, maxConcurrency:
// 20 } } }`). Read through a same-module function's returned object, member access and destructuring, so a
// `maxConcurrency` set there caps the mapping; anything further (a parameter, an import) stays unread.
import { type Node, objectProps, propertyName } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { destructuredFrom } from '../sdkOptions.js';

type Props = ReturnType<typeof objectProps>;

/** The object a same-module function returns: its expression body, or its body's one top-level return. */
function returned(fn: Node): Node | undefined {
  const body = fn.body as Node;
  if (body?.type !== 'BlockStatement') return body;
  const returns = (body.body as Node[]).filter((s) => s.type === 'ReturnStatement');
  return returns.length === 1 ? (returns[0]?.argument as Node | undefined) : undefined;
}

/** The object literal `node` stands for, followed through names, members, destructuring and calls. */
function objectOf(ctx: ModuleContext, node: Node | undefined, depth: number): Node | undefined {
  if (depth > 6) return undefined;
  const v = ctx.valueOf(node);
  if (v === undefined) return undefined;
  if (v.type === 'ObjectExpression') return v;
  const key = (object: Node | undefined, name: string | undefined): Node | undefined =>
    name === undefined
      ? undefined
      : objectOf(ctx, objectProps(objectOf(ctx, object, depth + 1))?.props.get(name), depth + 1);
  if (v.type === 'MemberExpression')
    return key(v.object as Node, propertyName(v.property as Node, v.computed as boolean));
  if (v.type === 'CallExpression') {
    const fn = ctx.functionOf(v.callee as Node);
    const out = fn !== undefined ? returned(fn) : undefined;
    return out !== undefined ? objectOf(ctx, out, depth + 1) : undefined;
  }
  if (v.type === 'Identifier') {
    // `const { eventSource: options } = settings().sender`: the key it took from the object it came from.
    const from = destructuredFrom(ctx, v);
    return from === undefined ? undefined : key(from.object, from.key);
  }
  return undefined;
}

/**
 * The value a name takes from the module's settings object (`const { lambdaBatchSize } = settings()`, then
 * `batchSize: lambdaBatchSize`): the property it was destructured from, through the same reading.
 */
export function settingOf(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const v = ctx.valueOf(node);
  if (v?.type !== 'Identifier') return undefined;
  const from = destructuredFrom(ctx, v);
  if (from?.key === undefined) return undefined;
  return ctx.valueOf(objectProps(objectOf(ctx, from.object, 0))?.props.get(from.key));
}

/**
 * The props of an event source's options argument: written inline, or read through the module's own
 * settings objects; `unread` when an argument is given but cannot be read (it may hold `maxConcurrency`).
 */
export function sourceOptions(ctx: ModuleContext, arg: Node | undefined): { props: Props; unread: boolean } {
  if (arg === undefined) return { props: undefined, unread: false };
  const props = objectProps(objectOf(ctx, arg, 0));
  return { props, unread: props === undefined || props.spread };
}
