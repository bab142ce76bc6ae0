// An id-like query parameter of a request URL that interpolates a name, not a call (`?publishId=${id}`):
// the id was made once in a consumer (`const publishId = uuidv4()`) and handed down to the helper that
// sends the request. Each place it is made is reported, the line to change (the helper only forwards it).
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { ConsumerView } from '../wiredConsumer.js';
import { emittedIdKey, QUERY_PARAM, reportQueryId, requestUrl } from './emittedIds.js';
import { argumentValues } from './paramArguments.js';
import type { Report } from './Report.js';
import { randomCallIn } from './randomValues.js';

/** The random calls a named query value holds: its const's value, or what the module's calls pass its parameter. */
function madeFor(ctx: ModuleContext, id: Node): Node[] {
  const binding = ctx.resolve(id.name as string, id);
  const values = binding?.kind === 'param' ? argumentValues(ctx, id) : binding?.kind === 'const' ? [id] : [];
  const made = new Set<Node>();
  for (const v of values) {
    const call = randomCallIn(ctx, v);
    if (call !== undefined) made.add(call);
  }
  return [...made];
}

/** The const a random call initialises (`const publishId = uuidv4()`), else the call. */
function madeAt(ctx: ModuleContext, call: Node): Node {
  const p = ctx.parentOf(call);
  return p?.type === 'VariableDeclarator' && p.init === call ? p : call;
}

/**
 * Reports where a random id is made when a helper sends it as an id-like query parameter: in
 * `const publishId = uuidv4(); await notify(publishId)` with `notify = (id) => fetch(`${base}?publishId=${id}`)`,
 * the `const publishId` line (the helper only forwards it).
 */
export function passedQueryIdRule(
  ctx: ModuleContext,
  report: Report,
  view: ConsumerView,
  shared: boolean,
): void {
  if (!shared && !view.consumer) return;
  for (const template of ctx.of('TemplateLiteral')) {
    const quasis = template.quasis as Node[];
    (template.expressions as Node[]).forEach((e, index) => {
      const id = unwrap(e);
      if (id?.type !== 'Identifier') return;
      const before = quasis[index]?.value?.cooked as string | undefined;
      const param = before !== undefined ? QUERY_PARAM.exec(before)?.[1] : undefined;
      if (param === undefined || !emittedIdKey(param)) return;
      // The cheap tests first: madeFor follows the module's calls of the helper.
      if (!requestUrl(ctx, template)) return;
      const made = madeFor(ctx, id);
      if (made.length === 0) return;
      for (const call of made)
        reportQueryId(ctx, report, view, shared, madeAt(ctx, call), param, 'is made randomly');
    });
  }
}
