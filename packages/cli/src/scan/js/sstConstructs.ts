// Where SST's CDK constructs come from, so that one reader serves both majors that ship them. SST v2 imports
// them from `sst/constructs`; SST v1 from `@serverless-stack/resources`, whose 1.x constructs take the very
// props v2 kept (`consumer`, `cdk.queue`, `cdk.eventSource`, `routes`, `defaults.function`,
// `setDefaultFunctionProps`). Before 1.0 some props had other names, which the readers take explicitly where
// they read the prop (V0_PROPS); a 0.x prop a reader does not read is named in that rule's text.
import { memberPath, type Node, objectProps, stringValue, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** The packages SST's constructs are imported from: v2's, then v1's. */
export const SST_CONSTRUCT_SOURCES: readonly string[] = ['sst/constructs', '@serverless-stack/resources'];

/** SST v1's package: the only one whose constructs may still be written with 0.x prop names. */
const V1 = '@serverless-stack/resources';

/**
 * The 0.x name of a construct prop path SST 1.0 renamed, keyed by the 1.x path: a Queue's CDK queue props
 * (`sqsQueue`), a consumer's event source props (`consumerProps`), an Api's function defaults
 * (`defaultFunctionProps`), an EventBus's CDK bus (`eventBridgeEventBus`).
 * @example
 * V0_PROPS.get('cdk.queue') // ['sqsQueue']
 */
const V0_PROPS: ReadonlyMap<string, readonly string[]> = new Map([
  ['cdk.queue', ['sqsQueue']],
  ['cdk.eventSource', ['consumerProps']],
  ['defaults.function', ['defaultFunctionProps']],
  ['cdk.eventBus', ['eventBridgeEventBus']],
]);

/** SST v2's runtime modules with their SST v1 twins (`@serverless-stack/node/...`). */
const V1_TWINS: ReadonlyMap<string, string> = new Map([
  ['sst/context', '@serverless-stack/node/context'],
  ['sst/node/queue', '@serverless-stack/node/queue'],
]);

/**
 * Is `source` SST v2's runtime module `v2`, or its SST v1 twin?
 * @example
 * isSstModule('@serverless-stack/node/queue', 'sst/node/queue') // true
 */
export function isSstModule(source: string | undefined, v2: string): boolean {
  return source !== undefined && (source === v2 || source === V1_TWINS.get(v2));
}

/** Is `source` a package SST's constructs come from? */
export function isSstConstructs(source: string | undefined): boolean {
  return source !== undefined && SST_CONSTRUCT_SOURCES.includes(source);
}

/** Does the module's text name a package of SST's constructs (the cheap gate before an AST walk)? */
export function spellsSstConstructs(ctx: { spells(word: string): boolean }): boolean {
  return SST_CONSTRUCT_SOURCES.some((s) => ctx.spells(s));
}

/** Does the module's text name SST v1's package, whose props may still carry their 0.x names? */
export function spellsSstV1(ctx: { spells(word: string): boolean }): boolean {
  return ctx.spells(V1);
}

/**
 * The SST construct a `new` expression's callee names, with whether it is SST v1's: `Queue` imported by
 * name, or `sst.Queue` of a namespace import (`import * as sst from "@serverless-stack/resources"`, v1's
 * usual spelling). Undefined for anything else.
 * @example
 * sstConstruct(ctx, node.callee) // { name: 'Queue', v1: true } for `new sst.Queue(this, 'Jobs', ...)`
 */
export function sstConstruct(
  ctx: ModuleContext,
  callee: Node | undefined,
): { name: string; v1: boolean } | undefined {
  const imp = ctx.importRoot(callee);
  if (imp === undefined || !isSstConstructs(imp.source)) return undefined;
  const v1 = imp.source === V1;
  if (imp.imported !== '*') return { name: imp.imported, v1 };
  const path = memberPath(unwrap(callee));
  return path?.length === 2 && path[1] !== undefined ? { name: path[1], v1 } : undefined;
}

/**
 * For SST v1, the value of the 0.x name of the 1.x prop `path` (`cdk.queue` -> `sqsQueue`) in a
 * construct's (or consumer's) props; undefined for SST v2 or when not written. Readers take it where the
 * 1.x path is not written.
 * @example
 * v0Prop(props, 'cdk.queue', true) // the `sqsQueue` value of `{ consumer, sqsQueue: { fifo: true } }`
 */
export function v0Prop(
  props: ReadonlyMap<string, Node> | undefined,
  path: string,
  v1: boolean,
): Node | undefined {
  if (!v1) return undefined;
  for (const old of V0_PROPS.get(path) ?? []) {
    const value = props?.get(old);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * The handler string of an SST function definition: a string, or `{ handler }`, or a job's or consumer's
 * `{ function }` holding either.
 * @example
 * sstHandlerString(ctx, job) // 'src/jobs.run' for `{ function: { handler: 'src/jobs.run', timeout: 60 } }`
 */
export function sstHandlerString(ctx: ModuleContext, node: Node | undefined, depth = 0): string | undefined {
  const value = unwrap(ctx.valueOf(node) ?? node);
  if (value === undefined || depth > 2) return undefined;
  const text = stringValue(value);
  if (text !== undefined) return text;
  const props = objectProps(value)?.props;
  return (
    sstHandlerString(ctx, props?.get('handler'), depth + 1) ??
    sstHandlerString(ctx, props?.get('function'), depth + 1)
  );
}
