// What an SDK client's options object holds, followed through variables, spreads and the project's own
// helper functions (`new S3Client(getOptions())`, `new X({ ...baseConfig })`): the keys this module can
// see, whether some part stays out of sight, and the imported helpers whose export decides the rest.
import { memberPath, type Node, propertyName, rootIdentifier, unwrap } from './ast.js';
import type { ImportRef, OptionsFact } from './Candidate.js';
import { assignedValues } from './lateAssigned.js';
import type { ModuleContext } from './ModuleContext.js';
import { returnedValues } from './returnedValues.js';
import { untimedSide } from './untimedSide.js';

/** An imported helper or object the options come from, and whether its call's first argument was seen. */
export interface DeferredOptions {
  readonly ref: ImportRef;
  /** For a call: the argument's own shape holds no timeout and was seen in full (a pass-through helper). */
  readonly argSeen: boolean;
  /** The options are this property of the import (`const { awsConfig } = appConfig`, `config.aws`). */
  readonly prop?: string;
}

export interface OptionsShape {
  /** Keys seen, last writer wins, with the value each was given. */
  readonly props: Map<string, Node>;
  /** Some part could not be seen (a parameter, a computed key, an expression of unknown origin). */
  unknown: boolean;
  readonly deferred: DeferredOptions[];
  /** A run-time choice's deployed side, unbounded while the local side is (untimedSide.ts). */
  readonly untimedSide?: UntimedSide;
}

/** The unbounded side of a run-time choice, and the side that bounds requests (an expression). */
export interface UntimedSide {
  readonly shape: OptionsShape;
  readonly bounding: Node;
}

/** Keys whose presence means the options may bound requests (v3 handler, v2 httpOptions). */
export const TIMEOUT_KEYS = ['requestHandler', 'httpOptions'] as const;
// `signal` and `dispatcher`: an HTTP helper (rules/http.ts) that bounds fetch its own way.
const TIMEOUT_TEXT = /requestHandler|httpOptions|[tT]imeout|\bsignal\b|\bdispatcher\b/;
/** Expressions optionsShape can read; any other return value is out of sight anyway. */
const OPTIONS_LIKE = new Set([
  'ObjectExpression',
  'CallExpression',
  'Identifier',
  'ConditionalExpression',
  'LogicalExpression',
]);

const empty = (): OptionsShape => ({ props: new Map(), unknown: false, deferred: [] });
const unknown = (): OptionsShape => ({ props: new Map(), unknown: true, deferred: [] });

function merge(into: OptionsShape, from: OptionsShape): void {
  for (const [k, v] of from.props) into.props.set(k, v);
  if (from.unknown) into.unknown = true;
  into.deferred.push(...from.deferred);
}

/** The import a callee or identifier stands for, as a project reference (`utils.getOptions` -> getOptions). */
export function importRefOf(ctx: ModuleContext, node: Node): ImportRef | undefined {
  const n = unwrap(node);
  if (n?.type === 'Identifier') {
    const imp = ctx.importOf(n.name as string, n);
    if (imp === undefined || imp.imported === '*') return undefined;
    return { from: ctx.file, source: imp.source, name: imp.imported };
  }
  const path = memberPath(n);
  if (n?.type === 'MemberExpression' && path?.length === 2) {
    const root = rootIdentifier(n);
    const imp = root === undefined ? undefined : ctx.importOf(root, n);
    if (imp !== undefined && (imp.imported === '*' || imp.imported === 'default'))
      return { from: ctx.file, source: imp.source, name: path[1] as string };
  }
  return undefined;
}

/**
 * `Stage.assumeRole` where `Stage` is a named import from the project: the member of what the module
 * exports under that name (a namespace re-export, `export * as Stage from './stage'`, exportLookup.ts).
 */
function memberImportRef(ctx: ModuleContext, node: Node): ImportRef | undefined {
  const n = unwrap(node);
  const path = n?.type === 'MemberExpression' ? memberPath(n) : undefined;
  if (path?.length !== 2 || !ctx.projectImports.has(path[0] as string)) return undefined;
  const imp = ctx.importOf(path[0] as string, n as Node);
  if (imp === undefined || imp.imported === '*' || imp.imported === 'default') return undefined;
  return { from: ctx.file, source: imp.source, name: `${imp.imported}.${path[1]}` };
}

/**
 * `const { awsConfig } = appConfig`: the object a name was destructured from, and the key it took (a
 * plain key, not nested, no default: a default may be the timed value).
 * @example
 * // const { eventSource } = settings().sender
 * destructuredFrom(ctx, eventSourceId); // { object: <settings().sender>, key: 'eventSource' }
 */
export function destructuredFrom(
  ctx: ModuleContext,
  id: Node,
): { object?: Node | undefined; key?: string | undefined } | undefined {
  const b = ctx.resolve(id.name as string, id);
  const d = b?.declaration;
  if (b?.kind !== 'const' || d?.type !== 'VariableDeclarator' || d.id?.type !== 'ObjectPattern') return;
  const prop = (d.id.properties as Node[]).find(
    (p) => p.type !== 'RestElement' && p.value?.type === 'Identifier' && p.value.name === id.name,
  );
  if (prop === undefined || d.init === null || d.init === undefined) return undefined;
  return { object: d.init as Node, key: propertyName(prop.key as Node, prop.computed as boolean) };
}

/**
 * Options that are a property of an object imported from the project (`appConfig.awsConfig`): judged by
 * its module. Only the project's own modules: a package's config object is not read, and is no finding.
 */
function importedProp(
  ctx: ModuleContext,
  at: { object?: Node | undefined; key?: string | undefined },
): OptionsShape | undefined {
  if (at.object === undefined || at.key === undefined) return undefined;
  const object = unwrap(at.object);
  if (object?.type !== 'Identifier' || !ctx.projectImports.has(object.name as string)) return undefined;
  const ref = importRefOf(ctx, object);
  if (ref === undefined) return undefined;
  return { props: new Map(), unknown: false, deferred: [{ ref, argSeen: true, prop: at.key }] };
}

/** The index of the parameter `node` names in `fn`, when it is a plain parameter. */
function paramIndex(ctx: ModuleContext, fn: Node, node: Node): number | undefined {
  const n = unwrap(node);
  if (n?.type !== 'Identifier') return undefined;
  const b = ctx.resolve(n.name as string, n);
  if (b?.kind !== 'param' || b.scope !== fn) return undefined;
  const i = (fn.params as Node[]).findIndex((p) => p === b.declaration || unwrap(p.left) === b.declaration);
  return i === -1 ? undefined : i;
}

/**
 * What a helper function returns as options: a shape, or `param` when it hands back (and perhaps adds to)
 * one of its arguments; `timeout` when its own code may add a timeout key.
 */
export function returnFact(ctx: ModuleContext, fn: Node, depth = 1): OptionsFact | undefined {
  if (depth > 5) return undefined;
  // `if (!result) return;` before `return { credentials, region }`: `new X(undefined)` runs on the
  // defaults, so an exit answering undefined adds nothing to the options the other return builds.
  const values = returnedValues(fn, 'skip')?.filter((v) => !isUndefined(v));
  if (values === undefined || values.length !== 1) return undefined;
  const value = values[0] as Node;
  // Most exported functions return something else entirely: settle those before reading any text.
  const param = paramIndex(ctx, fn, value);
  if (param === undefined && !OPTIONS_LIKE.has(ctx.valueOf(value)?.type ?? '')) return undefined;
  const addsTimeout = TIMEOUT_TEXT.test(ctx.source.slice(fn.start, fn.end));
  if (param !== undefined) return { timeout: addsTimeout, unknown: false, param };
  const shape = optionsShape(ctx, value, depth + 1);
  if (shape.deferred.length > 0) return undefined;
  // The local side's timeout text does not bound the deployed side; one the helper writes elsewhere does.
  if (shape.untimedSide !== undefined && !TIMEOUT_TEXT.test(textOutside(ctx, fn, shape.untimedSide.bounding)))
    return { timeout: false, unknown: shape.untimedSide.shape.unknown };
  return { timeout: addsTimeout || TIMEOUT_KEYS.some((k) => shape.props.has(k)), unknown: shape.unknown };
}

/** The source of `fn` with `cut` left out (when it lies inside `fn`). */
function textOutside(ctx: ModuleContext, fn: Node, cut: Node): string {
  if (cut.start < fn.start || cut.end > fn.end) return ctx.source.slice(fn.start, fn.end);
  return ctx.source.slice(fn.start, cut.start) + ctx.source.slice(cut.end, fn.end);
}

/** `undefined`, `void 0`: a return answering nothing. */
function isUndefined(n: Node): boolean {
  const v = unwrap(n);
  return (
    (v?.type === 'Identifier' && v.name === 'undefined') ||
    (v?.type === 'UnaryExpression' && v.operator === 'void')
  );
}

function callShape(ctx: ModuleContext, call: Node, depth: number): OptionsShape {
  const fn = ctx.functionOf(call.callee as Node);
  const arg = call.arguments[0] as Node | undefined;
  if (fn !== undefined) {
    const fact = returnFact(ctx, fn, depth + 1);
    if (fact === undefined || fact.unknown || fact.timeout) return unknown();
    if (fact.param === undefined) {
      const values = (returnedValues(fn, 'skip') as Node[]).filter((v) => !isUndefined(v));
      return optionsShape(ctx, values[0], depth + 1);
    }
    const passed = call.arguments[fact.param] as Node | undefined;
    return passed === undefined ? empty() : optionsShape(ctx, passed, depth + 1);
  }
  const ref = importRefOf(ctx, call.callee as Node) ?? memberImportRef(ctx, call.callee as Node);
  if (ref === undefined || arg?.type === 'SpreadElement') return unknown();
  const argShape = arg === undefined ? empty() : optionsShape(ctx, arg, depth + 1);
  const argSeen =
    !argShape.unknown && argShape.deferred.length === 0 && !TIMEOUT_KEYS.some((k) => argShape.props.has(k));
  return { props: new Map(), unknown: false, deferred: [{ ref, argSeen }] };
}

/** The values a `let` declared without one is given, when the module assigns it plainly (lateAssigned.ts). */
function branchValues(ctx: ModuleContext, id: Node): readonly Node[] | undefined {
  const binding = ctx.resolve(id.name as string, id);
  if ((binding?.kind !== 'let' && binding?.kind !== 'var') || binding.init !== undefined) return undefined;
  const values = assignedValues(ctx, binding);
  return values === undefined || values.length === 0 ? undefined : values;
}

/** The shape of an options expression as far as this module (and the helpers it imports) show it. */
export function optionsShape(ctx: ModuleContext, node: Node | undefined, depth = 0): OptionsShape {
  if (node === undefined) return empty();
  if (depth > 5) return unknown();
  const n = ctx.valueOf(node);
  if (n === undefined) return empty();
  switch (n.type) {
    case 'ObjectExpression': {
      const shape = empty();
      for (const p of n.properties as Node[]) {
        if (p.type === 'SpreadElement') merge(shape, optionsShape(ctx, p.argument as Node, depth + 1));
        else {
          const key = propertyName(p.key as Node, p.computed as boolean);
          if (key === undefined) shape.unknown = true;
          else shape.props.set(key, p.shorthand ? (p.key as Node) : (p.value as Node));
        }
      }
      return shape;
    }
    case 'CallExpression':
      return callShape(ctx, n, depth);
    case 'Identifier': {
      const ref = importRefOf(ctx, n);
      if (ref !== undefined) return { props: new Map(), unknown: false, deferred: [{ ref, argSeen: true }] };
      // `let params; if (process.env.IS_OFFLINE) params = {...}; else params = {...}`: read as the ternary it
      // spells, every value merged (a timeout key on either side counts; untimedSide.ts has no sides here).
      const branches = branchValues(ctx, n);
      if (branches !== undefined)
        return branches.reduce((shape, v) => {
          merge(shape, optionsShape(ctx, v, depth + 1));
          return shape;
        }, empty());
      return importedProp(ctx, destructuredFrom(ctx, n) ?? {}) ?? unknown();
    }
    case 'MemberExpression': {
      // `import * as config` then `config.awsConfig`: the export itself; `appConfig.awsConfig`: its property.
      const root = rootIdentifier(n);
      const ref = root !== undefined && ctx.projectImports.has(root) ? importRefOf(ctx, n) : undefined;
      if (ref !== undefined) return { props: new Map(), unknown: false, deferred: [{ ref, argSeen: true }] };
      return (
        importedProp(ctx, { object: n.object as Node, key: propertyName(n.property, n.computed) }) ??
        unknown()
      );
    }
    case 'ConditionalExpression':
    case 'LogicalExpression': {
      // `...(region ? { region } : {})`, `options || {}`: a timeout key on either side counts. `flag && {...}`
      // answers the object or the falsy flag, and a falsy value (false, '', 0, undefined) carries no key, so
      // only the right side can add options (`process.env.ENDPOINT && { endpoint }` adds no timeout).
      const shape = empty();
      const shapes: OptionsShape[] = [];
      const seen: Node[] = [];
      const sides =
        n.type === 'ConditionalExpression'
          ? [n.consequent, n.alternate]
          : n.operator === '&&'
            ? [n.right]
            : [n.left, n.right];
      for (const side of sides) {
        const v = ctx.valueOf(side as Node);
        if (v?.type === 'Literal' || (v?.type === 'Identifier' && v.name === 'undefined')) continue;
        shapes.push(optionsShape(ctx, side as Node, depth + 1));
        seen.push(side as Node);
      }
      for (const s of shapes) merge(shape, s);
      const open = n.type === 'ConditionalExpression' ? untimedSide(ctx, seen, shapes) : undefined;
      return open === undefined ? shape : { ...shape, untimedSide: open };
    }
    case 'AwaitExpression':
      // `new X(await assumeRole(id))`: awaiting a helper's options yields what its returns resolve to, so
      // the call is read as if not awaited; anything else awaited stays out of sight.
      return unwrap(n.argument as Node)?.type === 'CallExpression'
        ? optionsShape(ctx, n.argument as Node, depth + 1)
        : unknown();
    case 'ArrayExpression':
      // `new EC2Client([])`: the client reads its configuration's keys, and an empty array has none, so it
      // runs on the defaults like `new EC2Client({})`. An array with elements is not a shape we can read.
      return (n.elements as unknown[]).length === 0 ? empty() : unknown();
    default:
      return unknown();
  }
}
