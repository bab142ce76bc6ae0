// A mapping instantiated once per resource of a collection: `for_each = aws_sqs_queue.queues` with
// `event_source_arn = each.value.arn` polls every queue of that resource's own `for_each`. `each.value` there
// is one instance of the resource, not a module input, so the source's kind (and which queues are polled) is
// read from the resource it names. A map written out of resources (`{ a = aws_sqs_queue.a, b = ... }`), or a
// `local` holding either, reads the same way; a variable or a projection keeps `each.value` unbound.
import type { HclBlock } from './hcl.js';
import { entriesOf } from './terraformEntries.js';

const RESOURCE = /^aws_\w+\.[\w-]+$/;

/** The local a `local.x` names in the file's `locals` blocks, as written. */
function localValue(blocks: readonly HclBlock[], name: string): string | undefined {
  for (const b of blocks)
    if (b.type === 'locals') {
      const raw = b.attrs.get(name)?.raw;
      if (raw !== undefined) return raw.trim();
    }
  return undefined;
}

/** The resources a `for_each` iterates, when each of its values is one resource instance. */
function iteratedResources(blocks: readonly HclBlock[], forEach: string): string[] | undefined {
  let text = forEach.trim();
  const local = /^local\.([\w-]+)$/.exec(text)?.[1];
  if (local !== undefined) text = localValue(blocks, local) ?? text;
  if (RESOURCE.test(text)) return [text];
  const entries = entriesOf(text)?.map((e) => e.value.trim());
  return entries !== undefined && entries.length > 0 && entries.every((v) => RESOURCE.test(v))
    ? entries
    : undefined;
}

/**
 * A block attribute with `each.value` read through the block's own `for_each` over resources; the text as
 * written otherwise. Several resources give one reference each, side by side.
 * @example
 * // for_each = aws_sqs_queue.queues, event_source_arn = each.value.arn
 * eachResourceRaw(blocks, mapping, 'event_source_arn') // 'aws_sqs_queue.queues.arn'
 */
export function eachResourceRaw(blocks: readonly HclBlock[], b: HclBlock, attr: string): string | undefined {
  const raw = b.attrs.get(attr)?.raw;
  const forEach = b.attrs.get('for_each')?.raw;
  if (raw === undefined || forEach === undefined || !/\beach\.value\b/.test(raw)) return raw;
  const resources = iteratedResources(blocks, forEach);
  if (resources === undefined) return raw;
  return resources.map((r) => raw.replace(/\beach\.value\b/g, r)).join(' ');
}
