// Whether a handler's event reaches a project function that reads a queue or stream batch from it: an
// exported decoder, a member of an exported class or object, or a method handing the event on to one
// (js/rules/batchDecoders.ts, js/rules/batchDecoderMembers.ts). Followed a few hops, as a controller
// hands the event to a model that hands it to a dto.
import type { ImportRef } from './js/Candidate.js';
import type { Project } from './project.js';

type DecoderRef = ImportRef & { readonly method?: string };

/** Hops followed through forwarding methods: controller -> model -> dto, with room for one more. */
const MAX_HOPS = 3;

/**
 * @example
 * readsBatchThrough(project, { from: '/app/index.ts', source: './dto', name: 'default', method: 'getRecords' }) // -> true when Dto.getRecords maps event.Records[].body
 */
export function readsBatchThrough(project: Project, ref: DecoderRef, hops = 0): boolean {
  if (hops > MAX_HOPS) return false;
  const target = project.resolveModule(ref.from, ref.source);
  if (target === undefined) return false;
  const key = ref.method ?? ref.name;
  const fact = project.exportFactWhere(
    target,
    ref.name,
    (text) => text.includes('Records') || text.includes(key),
  );
  if (fact === undefined) return false;
  if (ref.method === undefined) return fact.batchEvent === true;
  if (fact.batchEventMembers?.includes(ref.method) === true) return true;
  const onward = fact.batchEventForwards?.[ref.method] ?? [];
  return onward.some((next) => readsBatchThrough(project, next, hops + 1));
}
