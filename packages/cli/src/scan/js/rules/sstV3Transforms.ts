// SST v3's `$transform(sst.aws.Queue | sst.aws.Function | aws.lambda.EventSourceMapping, (args) => ...)`
// changes every queue, function or event source mapping the app builds after it. A module's own transforms settle its findings here. The app's `sst.config.ts` may
// write transforms in `run()`; those recorded in ModuleFacts.sstTransforms (only the ones written before
// its first `await import(...)`, as the modules built after them) settle the findings of the modules under
// that config in the project pass (importedSstQueues.ts).
import { basename } from 'node:path';
import {
  isFunction,
  memberPath,
  type Node,
  objectProps,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * What an app-wide transform settles: every queue's redrive policy, every function's concurrency, or every
 * event source mapping's response types (partial batch responses read) or on-failure destination.
 */
export type SstTransform = 'queue-dlq' | 'function-cap' | 'mapping-responses' | 'mapping-destination';

/** The component each transform is written on. */
const COMPONENT: Readonly<Record<SstTransform, string>> = {
  'queue-dlq': 'sst.aws.Queue',
  'function-cap': 'sst.aws.Function',
  'mapping-responses': 'aws.lambda.EventSourceMapping',
  'mapping-destination': 'aws.lambda.EventSourceMapping',
};

/**
 * Does the assignment `args.<path> = value` settle `kind`? A queue's `dlq` or its raw `redrivePolicy`; a
 * function's reserved concurrency (`concurrency.reserved`, `reservedConcurrentExecutions`), and not
 * `concurrency: { provisioned }`, which caps nothing.
 */
function settles(kind: SstTransform, path: readonly string[], value: Node | undefined): boolean {
  const at = path.join('.');
  if (kind === 'queue-dlq') return at === 'dlq' || at === 'transform.queue.redrivePolicy';
  if (kind === 'mapping-responses') return at === 'functionResponseTypes';
  if (kind === 'mapping-destination') return /^destinationConfig(?:\.onFailure)?$/.test(at);
  if (at === 'concurrency.reserved' || at === 'transform.function.reservedConcurrentExecutions') return true;
  return at === 'concurrency' && objectProps(unwrap(value))?.props.has('reserved') === true;
}

/** `name !== 'FailedMessages'`: the test of an `if` that leaves out one named component (its dead-letter queue). */
function excludesOne(test: Node | undefined, name: string | undefined): boolean {
  const t = unwrap(test);
  if (name === undefined || t?.type !== 'BinaryExpression' || (t.operator !== '!==' && t.operator !== '!='))
    return false;
  const [l, r] = [unwrap(t.left as Node), unwrap(t.right as Node)];
  const isName = (n: Node | undefined) => n?.type === 'Identifier' && n.name === name;
  return (isName(l) && stringValue(r) !== undefined) || (isName(r) && stringValue(l) !== undefined);
}

/**
 * The expressions a callback body runs for every component: its top-level expression statements, and those
 * of an `if (name !== 'X')` with no `else` (all but one named component, which is how an app keeps its
 * dead-letter queue out of its own transform).
 */
function topLevel(body: Node, name: string | undefined): Node[] {
  if (body.type !== 'BlockStatement') return [body];
  return (body.body as Node[]).flatMap((s) => {
    if (s.type === 'ExpressionStatement') return [s.expression as Node];
    if (s.type !== 'IfStatement' || s.alternate || !excludesOne(s.test as Node, name)) return [];
    const then = s.consequent as Node;
    if (then.type === 'ExpressionStatement') return [then.expression as Node];
    return then.type === 'BlockStatement' ? topLevel(then, undefined) : [];
  });
}

/**
 * Does the callback assign, unconditionally at its top level, what settles `kind` on its first parameter
 * (`args.dlq ??= ...`)? A statement inside an `if`, a comment or a word elsewhere does not count.
 */
function callbackSettles(kind: SstTransform, callback: Node | undefined): boolean {
  const fn = unwrap(callback);
  if (fn === undefined || !isFunction(fn)) return false;
  const param = unwrap((fn.params as Node[])[0]);
  if (param?.type !== 'Identifier') return false;
  const name = unwrap((fn.params as Node[])[2]);
  const statements = topLevel(
    fn.body as Node,
    name?.type === 'Identifier' ? (name.name as string) : undefined,
  );
  return statements.some((e) => {
    const assign = unwrap(e);
    if (assign?.type !== 'AssignmentExpression') return false;
    const path = memberPath(assign.left as Node);
    return path !== undefined && path[0] === param.name && settles(kind, path.slice(1), assign.right as Node);
  });
}

/** In `sst.config.ts`, is the call after an `await import(...)` of its function (so the imports come first)? */
function afterImports(ctx: ModuleContext, call: Node): boolean {
  if (basename(ctx.file) !== 'sst.config.ts') return false;
  const fn = ctx.enclosingFunction(call);
  return someDescendant(fn, (n) => n.type === 'ImportExpression' && n.start < call.start);
}

/**
 * The transforms written in this module that settle a rule for what it builds after them.
 * @example
 * sstTransforms(ctx) // ['function-cap'] for `$transform(sst.aws.Function, (args) => { args.concurrency = { reserved: 5 } })`
 */
export function sstTransforms(ctx: ModuleContext): SstTransform[] {
  if (!ctx.spells('$transform')) return [];
  const found = new Set<SstTransform>();
  for (const call of ctx.of('CallExpression')) {
    const [target, change] = call.arguments as Node[];
    if (unwrap(call.callee)?.name !== '$transform' || change === undefined) continue;
    const component = memberPath(target)?.join('.');
    for (const kind of Object.keys(COMPONENT) as SstTransform[])
      if (component === COMPONENT[kind] && callbackSettles(kind, change) && !afterImports(ctx, call))
        found.add(kind);
  }
  return [...found];
}

/**
 * May a callback transform (`queue: (args) => { args.visibilityTimeoutSeconds = 900; }`) set `prop`? Only
 * when its body is nothing but assignments to its first parameter's own keys (`args.<key> = value`) can the
 * scan tell which keys it sets: then only an assignment under `prop` sets it. Any other statement (a call, an
 * `if`, `Object.assign(args, ...)`, an assignment to something else) may set anything.
 */
function callbackMaySet(fn: Node, prop: string): boolean {
  const param = unwrap((fn.params as Node[])[0]);
  if (param?.type !== 'Identifier') return true;
  const body = fn.body as Node;
  const statements =
    body.type === 'BlockStatement'
      ? (body.body as Node[]).map((s) => (s.type === 'ExpressionStatement' ? (s.expression as Node) : s))
      : [body];
  return statements.some((e) => {
    const assign = unwrap(e);
    if (assign?.type !== 'AssignmentExpression') return true;
    const path = memberPath(assign.left as Node);
    if (path === undefined || path.length < 2 || path[0] !== param.name || path[1] === prop) return true;
    // The value may itself set keys: `args.a = args.redrivePolicy = p`, `args.a = Object.assign(args, shared)`.
    const setsMore = (n: Node) =>
      n.type === 'AssignmentExpression' ||
      (n.type === 'CallExpression' &&
        (n.arguments as Node[]).some(
          (a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === param.name,
        ));
    const right = unwrap(assign.right as Node);
    return right !== undefined && (setsMore(right) || someDescendant(right, setsMore));
  });
}

/**
 * May a component's `transform` (`{ queue: {...} }`, `{ eventSourceMapping: {...} }`) set `prop` on the
 * resource `component` names? Read as written, not as text: a value the scan cannot read, a spread (at either
 * level) or a callback doing more than assign its args' keys may set it; a component left out, or read in
 * full (an object, or a callback only assigning other keys, callbackMaySet) without `prop`, does not.
 * @example
 * transformMaySet(ctx, node, 'queue', 'redrivePolicy') // false for `{ queue: { messageRetentionSeconds: 60 } }`
 */
export function transformMaySet(
  ctx: ModuleContext,
  transform: Node,
  component: string,
  prop: string,
): boolean {
  const outer = objectProps(ctx.valueOf(transform) ?? transform);
  if (outer === undefined || outer.spread) return true;
  const inner = outer.props.get(component);
  if (inner === undefined) return false;
  const value = unwrap(ctx.valueOf(inner) ?? inner);
  if (value !== undefined && isFunction(value)) return callbackMaySet(value, prop);
  const props = objectProps(value);
  return props === undefined || props.spread || props.props.has(prop);
}
