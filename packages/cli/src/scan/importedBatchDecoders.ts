// Whether a handler's event reaches a project function that reads a queue or stream batch from it: an
// exported decoder, a member of an exported class or object, or a method handing the event on to one
// (js/rules/batchDecoders.ts, js/rules/batchDecoderMembers.ts). Followed a few hops, as a controller
// hands the event to a model that hands it to a dto.
import type { DecoderRef } from './js/Candidate.js';
import type { Project } from './project.js';

/** Hops followed through forwarding methods: controller -> model -> dto, with room for one more. */
const MAX_HOPS = 3;

/**
 * Whether the project function or member `ref` names reads a queue or stream batch from the event handed
 * to it, itself or through forwarding members at most MAX_HOPS further (a cycle ends there too).
 *
 * @example
 * readsBatchThrough(project, { from: '/app/index.ts', source: './dto', name: 'default', method: 'getRecords' }) // -> true when Dto.getRecords maps event.Records[].body
 */
export function readsBatchThrough(project: Project, ref: DecoderRef, hops = 0): boolean {
  if (hops > MAX_HOPS) return false;
  const target = project.resolveModule(ref.from, ref.source);
  if (target === undefined) return false;
  // Only a module spelling Records reads a batch, and only one importing another can hand it on: not every
  // module defining the name a handler hands its event to (validate(event), Audit.note(event)).
  const fact = project.exportFactWhere(
    target,
    ref.name,
    (text) => text.includes('Records') || (ref.method !== undefined && /\bimport\b|require\(/.test(text)),
  );
  if (fact === undefined) return false;
  // The event handed inside an options object under another key than `event`: only a member destructuring
  // that key is known to read it (batchEventMembers' `messages.sqsEvent`).
  const keyed = ref.key !== undefined && ref.key !== 'event';
  if (ref.method === undefined) return !keyed && fact.batchEvent === true;
  if (fact.batchEventMembers?.includes(keyed ? `${ref.method}.${ref.key}` : ref.method) === true) return true;
  if (keyed) return false;
  const onward = fact.batchEventForwards?.[ref.method] ?? [];
  return onward.some((next) => readsBatchThrough(project, next, hops + 1));
}
