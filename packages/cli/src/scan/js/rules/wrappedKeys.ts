// Deduplication keys behind a project's own wrappers. Projects put SQS behind a client class whose FIFO send
// takes the deduplication id from the caller (`queue.sendFifo(body, url, group, uuid())`), and ids behind an
// adapter class (`new UuidAdapter().generate()`): the random value and the key it becomes are then in two
// modules. The wrapper's module says which parameters it writes as a key and which methods return a random
// value (ExportFact.keyParams, keyParamMethods, randomMethods); the caller's module reports the random
// argument or call, kept by the project pass when the wrapper's fact says so.
import {
  calleeName,
  isClass,
  isFunction,
  type Node,
  paramName,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { classNamed } from '../classNamed.js';
import type { ExportFact } from '../ExportFact.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isProjectSource } from '../ModuleContext.js';
import { type MemberClass, memberCall, methodOf } from '../memberClass.js';
import { RANDOM_ARGUMENT_TEXT } from '../randomKeyGate.js';
import { contextMemo } from '../textMemo.js';
import type { ConsumerView } from '../wiredConsumer.js';
import type { Report } from './Report.js';
import { mayCallRandom, randomCallIn, randomReturn } from './randomValues.js';

/** Properties a receiving service deduplicates a request on. */
export const KEY_FIELD =
  /^(idempotency[-_]?key|x-idempotency-key|MessageDeduplicationId|ClientToken|ClientRequestToken|dedup(e|lication)?[-_]?(id|key)|deduplicationId)$/i;

/**
 * The indexes of `fn`'s parameters written, as they are, as a deduplication key
 * (`MessageDeduplicationId: dedupId`, or the shorthand `{ MessageDeduplicationId }`).
 */
export function keyParamsOf(ctx: ModuleContext, fn: Node): number[] | undefined {
  const names = new Map<string, number>();
  (fn.params as Node[]).forEach((p, i) => {
    const name = paramName(p);
    if (name !== undefined) names.set(name, i);
  });
  if (names.size === 0) return undefined;
  const found = new Set<number>();
  someDescendant(fn.body as Node, (n) => {
    if (n.type !== 'Property') return false;
    const key = propertyName(n.key, n.computed as boolean);
    const v = unwrap(n.value as Node);
    if (key === undefined || !KEY_FIELD.test(key) || v?.type !== 'Identifier') return false;
    const at = names.get(v.name as string);
    // The binding must be this function's own parameter, not an inner callback's of the same name
    // (`items.map((trace) => ({ MessageDeduplicationId: trace }))` inside `send(trace, items)`).
    const binding = ctx.resolve(v.name as string, v);
    if (at !== undefined && binding?.kind === 'param' && binding.scope === fn) found.add(at);
    return false;
  });
  return found.size > 0 ? [...found].sort((a, b) => a - b) : undefined;
}

/** The instance methods of a class node. */
function methodsOf(cls: Node): [string, Node][] {
  const out: [string, Node][] = [];
  for (const el of (cls.body as Node).body as Node[]) {
    const name = propertyName(el.key as Node | undefined, el.computed as boolean);
    const fn = name === undefined ? undefined : methodOf(cls, name);
    if (name !== undefined && fn !== undefined) out.push([name, fn]);
  }
  return out;
}

/** A class's methods that write a parameter as a deduplication key, with the parameters' indexes. */
export function keyParamMethodsOf(ctx: ModuleContext, cls: Node): Record<string, number[]> | undefined {
  const out: Record<string, number[]> = {};
  for (const [name, fn] of methodsOf(cls)) {
    const params = keyParamsOf(ctx, fn);
    if (params !== undefined) out[name] = params;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A class's methods that return a random or clock value (`generate() { return uuidv4(); }`). */
export function randomMethodsOf(ctx: ModuleContext, cls: Node): string[] | undefined {
  const out = methodsOf(cls)
    .filter(([, fn]) => randomWhatever(ctx, fn))
    .map(([name]) => name);
  return out.length > 0 ? out : undefined;
}

/**
 * A method whose answer is random whatever it is given. One that takes any parameter may return it
 * (`generate(seed?: string) { return seed ?? randomUUID() }`), so it is not counted as random.
 */
function randomWhatever(ctx: ModuleContext, fn: Node): boolean {
  return (fn.params as Node[]).length === 0 && randomReturn(ctx, fn) !== undefined;
}

/** The class and method a call names: `this.ids.generate()`, `ids.generate()`, `new Ids().generate()`. */
function methodTarget(ctx: ModuleContext, call: Node): { owner: MemberClass; method: string } | undefined {
  const member = memberCall(ctx, call);
  if (member !== undefined) return member;
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const made = unwrap(callee.object);
  const cls = made?.type === 'NewExpression' ? unwrap(made.callee) : undefined;
  const method = propertyName(callee.property, callee.computed as boolean);
  if (cls?.type !== 'Identifier' || method === undefined) return undefined;
  const owner = classNamed(ctx, cls.name as string, cls);
  return owner === undefined ? undefined : { owner, method };
}

/** What a call reaches: a function or method of this module, or a project import's (and the method). */
type Target =
  | { readonly kind: 'local'; readonly fn: Node }
  | { readonly kind: 'import'; readonly source: string; readonly name: string; readonly method?: string };

function callTarget(ctx: ModuleContext, call: Node): Target | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type === 'Identifier') {
    const local = ctx.functionOf(callee);
    if (local !== undefined) return { kind: 'local', fn: local };
    const imp = ctx.importOf(callee.name as string, callee);
    return imp !== undefined && imp.imported !== '*'
      ? { kind: 'import', source: imp.source, name: imp.imported }
      : undefined;
  }
  const target = methodTarget(ctx, call);
  if (target?.owner.kind === 'local') {
    const fn = methodOf(target.owner.cls, target.method);
    return fn === undefined ? undefined : { kind: 'local', fn };
  }
  if (target?.owner.kind === 'import')
    return { kind: 'import', source: target.owner.source, name: target.owner.name, method: target.method };
  // `queue.sendFifo(...)` of an exported instance (`export const queue = new QueueClient()`), or
  // `ns.publish(...)` of a namespace import.
  const object = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
  const name =
    callee?.type === 'MemberExpression' ? propertyName(callee.property, callee.computed) : undefined;
  if (object?.type !== 'Identifier' || name === undefined) return undefined;
  const imp = ctx.importOf(object.name as string, object);
  if (imp === undefined) return undefined;
  return imp.imported === '*'
    ? { kind: 'import', source: imp.source, name }
    : { kind: 'import', source: imp.source, name: imp.imported, method: name };
}

/**
 * A deduplication key that is a method's answer (`MessageDeduplicationId: new UuidAdapter().generate()`):
 * the random call when the method is this module's, the import to ask when it is another module's.
 */
export function randomMethodCall(
  ctx: ModuleContext,
  value: Node | undefined,
):
  | { readonly local: Node }
  | { readonly source: string; readonly name: string; readonly method: string }
  | undefined {
  const v = unwrap(ctx.valueOf(value));
  // `fifo ? ids.generate() : undefined`, `given ?? ids.generate()`: either branch may be the key.
  if (v?.type === 'ConditionalExpression')
    return randomMethodCall(ctx, v.consequent as Node) ?? randomMethodCall(ctx, v.alternate as Node);
  if (v?.type === 'LogicalExpression')
    return randomMethodCall(ctx, v.left as Node) ?? randomMethodCall(ctx, v.right as Node);
  if (v?.type !== 'CallExpression' || unwrap(v.callee)?.type !== 'MemberExpression') return undefined;
  const target = callTarget(ctx, v);
  if (target?.kind === 'local') {
    return randomWhatever(ctx, target.fn) ? { local: v } : undefined;
  }
  if (target?.method === undefined || !isProjectSource(target.source)) return undefined;
  return { source: target.source, name: target.name, method: target.method };
}

/**
 * `queue.sendFifo(body, url, group, uuid())`: a random argument a wrapper writes as the deduplication key.
 * A redelivered webhook or message sends again under a new key, which the FIFO queue cannot drop.
 */
export function wrappedKeyRule(ctx: ModuleContext, report: Report, view: ConsumerView): void {
  // Only where a message or webhook comes again: a consumer's handler path, or, in a module with no
  // handler, code a retried consumer reaches. A seed script or an unsigned HTTP route is not redelivered.
  const shared = ctx.handlers.size === 0;
  if (!shared && !view.consumer) return;
  for (const call of ctx.of('CallExpression')) {
    if (!shared && ctx.handlerKindAt(call) === undefined) continue;
    const args = call.arguments as Node[];
    // A key parameter takes a string: the argument is the random call itself (`uuid()`), not an object
    // or a value that merely carries one (`{ ...body, traceId: uuid() }`).
    const random = args.map((a) =>
      RANDOM_ARGUMENT_TEXT.test(ctx.source.slice(a.start as number, a.end as number))
        ? randomCallIn(ctx, a)
        : undefined,
    );
    if (random.every((r) => r === undefined)) continue;
    const target = callTarget(ctx, call);
    if (target === undefined) continue;
    const extra = (at: Node) => (shared ? { onlyIfConsumerCaller: sharedRequest(ctx, at) } : view.extra);
    const what = `${calleeName(call) ?? 'the call'}() writes a random argument as its deduplication key`;
    const message = `${what}: a retry or redelivery sends under a new key and runs twice`;
    if (target.kind === 'local') {
      const params = keyParamsOf(ctx, target.fn) ?? [];
      const at = params.find((i) => random[i] !== undefined);
      if (at !== undefined) report('random-id-nondeterministic', args[at] as Node, message, extra(call));
      continue;
    }
    if (!isProjectSource(target.source)) continue;
    random.forEach((made, index) => {
      if (made === undefined) return;
      const ref = { from: ctx.file, source: target.source, name: target.name };
      const keyParam = target.method === undefined ? { index } : { index, method: target.method };
      report('random-id-nondeterministic', args[index] as Node, message, {
        onlyIfImportKeyParam: { ...ref, ...keyParam },
        ...extra(call),
      });
    });
  }
}

/** Words of a module that may name a key parameter. */
export const KEY_TEXT = /dedup|idempoten|ClientToken|ClientRequestToken/i;
/** KEY_TEXT's words, one in every alternative (spelledWords.test.ts holds them together). */
export const KEY_TEXT_WORDS: readonly string[] = ['dedup', 'idempoten', 'ClientToken', 'ClientRequestToken'];
/**
 * Whether a module may name a key: asked once per export of the module (a whole-text search each time,
 * a module of many exports paid it many times), answered once per context and on its own word index.
 */
const namesKeys = contextMemo((ctx) => ctx.testSpelled(KEY_TEXT, KEY_TEXT_WORDS));

/**
 * What an export tells its importers about keys (ExportFact.keyParams, keyParamMethods, randomMethods): a
 * function, a class, or an instance made from a class of this module.
 */
export function wrapperKeyFacts(
  ctx: ModuleContext,
  value: Node,
  made: Node | undefined,
): Pick<ExportFact, 'keyParams' | 'keyParamMethods' | 'randomMethods'> | undefined {
  const keys = namesKeys(ctx);
  const random = mayCallRandom(ctx);
  if (!keys && !random) return undefined;
  if (isFunction(value)) {
    const keyParams = keys ? keyParamsOf(ctx, value) : undefined;
    return keyParams === undefined ? undefined : { keyParams };
  }
  const cls = isClass(value) ? value : made;
  if (cls === undefined) return undefined;
  const keyParamMethods = keys ? keyParamMethodsOf(ctx, cls) : undefined;
  const randomMethods = random ? randomMethodsOf(ctx, cls) : undefined;
  if (keyParamMethods === undefined && randomMethods === undefined) return undefined;
  return { ...(keyParamMethods ? { keyParamMethods } : {}), ...(randomMethods ? { randomMethods } : {}) };
}
