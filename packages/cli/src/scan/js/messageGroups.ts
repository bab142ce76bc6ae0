// How a module groups the messages it sends to FIFO queues. Lambda runs at most one batch per message group
// of a FIFO queue at a time, so a consumer whose producers all write a constant `MessageGroupId` (one group,
// or the few constants they name) cannot scale out with a backlog: its concurrency is bounded already
// (iac-no-reserved-concurrency). A group id read from the message (a customer, an issue) makes as many
// groups as there are values, and a backlog fans out again.
import { type Node, propertyName, unwrap } from './ast.js';
import { boundedGroup } from './boundedGroups.js';
import type { ModuleContext } from './ModuleContext.js';

/** Property names of the group id: the SDK's and the camel-cased ones of wrappers (`messageGroupId`). */
const GROUP_KEYS = new Set(['MessageGroupId', 'messageGroupId']);

/** Does the text write a message group id at all (the cheap gate before the parse is asked)? */
export const writesMessageGroups = (text: string): boolean => /\bmessageGroupId\s*[:,}]/i.test(text);

/** A string fixed when the module is written: a literal, a template with no expression, a constant naming one. */
function constantString(ctx: ModuleContext, node: Node | undefined): boolean {
  const v = unwrap(ctx.valueOf(node) ?? node);
  if (v?.type === 'Literal') return typeof v.value === 'string';
  return v?.type === 'TemplateLiteral' && (v.expressions as Node[]).length === 0;
}

/**
 * `constant` when every message group id the module writes is a constant or one of a fixed few values it
 * keeps it to (js/boundedGroups.ts: `(index++ % 10).toString()`), `varying` when one is not,
 * undefined when it writes none.
 * @example
 * messageGroupsOf(ctx) // `MessageGroupId: MESSAGE_GROUP_ID` of `const MESSAGE_GROUP_ID = 'cost-requests'` -> 'constant'
 */
export function messageGroupsOf(ctx: ModuleContext): 'constant' | 'varying' | undefined {
  if (!writesMessageGroups(ctx.source)) return undefined;
  let out: 'constant' | undefined;
  for (const p of ctx.of('Property')) {
    if (!GROUP_KEYS.has(propertyName(p.key as Node, p.computed as boolean) ?? '')) continue;
    if (!constantString(ctx, p.value as Node) && !boundedGroup(ctx, p.value as Node)) return 'varying';
    out = 'constant';
  }
  return out;
}
