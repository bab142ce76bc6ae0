// The handler of a `NodejsFunction` that names no code: CDK bundles `<defining file>.<id>.ts` (or .js, .mts,
// ...) beside the file that builds it, export `handler` unless the props name another (`new
// NodejsFunction(this, 'WebhookSender', getFunctionProps({ environment }))` in WebhookStack.ts runs
// WebhookStack.WebhookSender.ts's `handler`). Without the link, the rules that join a construct to its code
// (a handler that only reads and emits metrics, one finding per consumer) cannot see the function's code.
import { memberPath, type Node, stringValue } from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { linkOfPaths } from './cdkHandlers.js';
import { openProps } from './cdkPassedProps.js';

/**
 * The link of a `NodejsFunction` construct whose props, read in full, hold no `entry` and no `code`;
 * undefined for any other construct, an id that is not a literal, or props the scan cannot read whole.
 * @example
 * defaultEntryLink(ctx, newFn, 'no-work') // stems ['/app/src/stacks/WebhookStack.WebhookSender'], export 'handler'
 */
export function defaultEntryLink(
  ctx: ModuleContext,
  construct: Node | undefined,
  clearWhen: HandlerLink['clearWhen'],
): HandlerLink | undefined {
  if (construct?.type !== 'NewExpression' || memberPath(construct.callee)?.at(-1) !== 'NodejsFunction')
    return undefined;
  const [, idArg, propsArg] = construct.arguments as Node[];
  const id = stringValue(idArg);
  const props = propsArg === undefined ? undefined : openProps(ctx, propsArg);
  if (id === undefined || (propsArg !== undefined && (props === undefined || props.unknown)))
    return undefined;
  if (
    props !== undefined &&
    (props.fromCaller.length > 0 || props.props.has('entry') || props.props.has('code'))
  )
    return undefined;
  const handler = stringValue(props?.props.get('handler'));
  const stem = ctx.file.replace(/\.[cm]?[jt]sx?$/, '');
  return linkOfPaths(ctx.file, { entry: `${stem}.${id}.ts`, handler }, clearWhen);
}
