// The members of a project class or object that decode a queue or stream event: a static or instance
// method (`static parseEvent(event)`, `getRecords(event)`), or a function of a default-exported object
// (`export default { getRecords }`). Handlers written as controller + dto + model hand their event to
// one of these and never name a record themselves; with no IaC in the repository, the decoder reading
// `event.Records[].body` is the only sign the handler consumes a batch (batchDecoders.ts). A method that
// hands its event on to another module's decoder (`getPhones(event) { return Dto.getRecords(event) }`)
// is recorded with where it hands it, for the project pass to follow.
import { isFunction, type Node, propertyName, unwrap } from '../ast.js';
import type { DecoderRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { instanceClass } from '../memberClass.js';
import { someBelow } from '../subtreeIndex.js';
import { carriesEvent, eventDecoders, eventParam, PARTIAL_ANSWER, readsBatchEvent } from './batchDecoders.js';

/** What a class or object export says about its members as event decoders (ExportFact). */
export interface DecoderMembers {
  /**
   * Members reading a batch from their event: `getRecords`, or `messages.sqsEvent` for one reading it from
   * the `sqsEvent` field of the options object it destructures (`({ sqsEvent }) => sqsEvent.Records...`).
   */
  readonly batchEventMembers?: readonly string[];
  /** Members handing their event on to these project functions, by member name. */
  readonly batchEventForwards?: Readonly<Record<string, readonly DecoderRef[]>>;
}

/** The keys other than `event` of the options object a function destructures first (`({ sqsEvent, context })`). */
function optionKeys(fn: Node): string[] {
  const first = (fn.params as Node[])[0];
  if (first?.type !== 'ObjectPattern') return [];
  return (first.properties as Node[])
    .filter((p) => p.type === 'Property' && p.computed !== true && p.key?.name !== 'event')
    .map((p) => p.key.name as string);
}

/** The functions a class (static, instance, arrow-valued fields) or an object literal holds, by name. */
function membersOf(ctx: ModuleContext, value: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const binding = value.type === 'Identifier' ? ctx.resolve(value.name as string, value) : undefined;
  // `export default new Model()`: the singleton's class holds the members its importers call.
  const holder = binding?.kind === 'class' ? binding.declaration : (instanceClass(ctx, value) ?? value);
  if (holder.type === 'ClassDeclaration' || holder.type === 'ClassExpression') {
    for (const m of (holder.body as Node).body as Node[]) {
      const name = propertyName(m.key, m.computed as boolean);
      const fn = unwrap(m.value as Node | undefined);
      if (name === undefined || fn === undefined || !isFunction(fn)) continue;
      if (m.type === 'MethodDefinition' ? m.kind === 'method' : m.type === 'PropertyDefinition')
        out.set(name, fn);
    }
  } else if (holder.type === 'ObjectExpression') {
    for (const p of holder.properties as Node[]) {
      if (p.type !== 'Property') continue;
      const name = propertyName(p.key, p.computed as boolean);
      const v = unwrap(p.value as Node);
      const fn = v !== undefined && isFunction(v) ? v : ctx.functionOf(v);
      if (name !== undefined && fn !== undefined && isFunction(fn)) out.set(name, fn);
    }
  }
  return out;
}

/**
 * The members of an exported class or object that read a batch from their event, and those that hand
 * their event to another module's function; undefined when there are none.
 *
 * @example
 * decoderMembers(ctx, cls) // class Dto { static getRecords(event) { return event.Records.map((r) => JSON.parse(r.body)) } } -> { batchEventMembers: ['getRecords'] }
 */
export function decoderMembers(
  ctx: ModuleContext,
  value: Node,
  ask: { readonly reads: boolean; readonly forwards: boolean } = { reads: true, forwards: true },
): DecoderMembers | undefined {
  const reads: string[] = [];
  const forwards: Record<string, DecoderRef[]> = {};
  const members = membersOf(ctx, value);
  for (const [name, fn] of members) {
    // A member answering failed records itself (`batchItemFailures`): whatever it decodes or forwards, a
    // handler returning its answer answers them (r42 batch review).
    if (PARTIAL_ANSWER.test(ctx.source.slice(fn.start, fn.end))) continue;
    if (ask.reads)
      for (const key of optionKeys(fn)) if (readsBatchEvent(ctx, fn, key)) reads.push(`${name}.${key}`);
    if (eventParam(fn) === undefined) continue;
    if (ask.reads && readsBatchEvent(ctx, fn)) reads.push(name);
    else if (ask.forwards) {
      const refs = eventDecoders(ctx, fn, true);
      if (refs.length > 0) forwards[name] = refs;
    }
  }
  // `static parseEvent(event) { return this.records(event) }`: a member handing its event to one of the
  // same class that reads it reads it too (one pass per member, as far as a chain goes).
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, fn] of members) {
      const event = eventParam(fn);
      if (reads.includes(name) || event === undefined) continue;
      if (PARTIAL_ANSWER.test(ctx.source.slice(fn.start, fn.end))) continue;
      const hands = someBelow(fn.body as Node, ['CallExpression'], (n) => {
        const callee = unwrap(n.callee);
        if (callee?.type !== 'MemberExpression' || unwrap(callee.object)?.type !== 'ThisExpression')
          return false;
        const m = propertyName(callee.property, callee.computed as boolean);
        return (
          m !== undefined &&
          reads.includes(m) &&
          (n.arguments as Node[]).some((a) => carriesEvent(a, event) === '')
        );
      });
      if (hands) {
        reads.push(name);
        grew = true;
      }
    }
  }
  if (reads.length === 0 && Object.keys(forwards).length === 0) return undefined;
  return {
    ...(reads.length > 0 ? { batchEventMembers: reads } : {}),
    ...(Object.keys(forwards).length > 0 ? { batchEventForwards: forwards } : {}),
  };
}
