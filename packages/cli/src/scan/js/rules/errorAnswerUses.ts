// swallowed-error's "caught error as data" judgement across modules (caughtErrorAsData.ts judges the callers
// in the function's own module). A service module's `catch (e) { log(e); return e; }` is mostly called from
// another module (`const intent = await stripe.createPaymentIntent(p); save(intent.id)`): whether the Error
// passes there for the data, or is tested as an error, is a fact of the calling module, joined to the
// catch's candidate in the project pass (importerUses.ts `usedAsData`).
import { type Node, unwrap } from '../ast.js';
import type { DroppedAwaits } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { callerUse } from './caughtErrorAsData.js';
import { projectSources } from './errorValues.js';

/** The awaited calls whose answer this module goes on with as data, and those whose answer it tests. */
export interface ErrorAnswerUses {
  readonly data?: DroppedAwaits;
  readonly checked?: DroppedAwaits;
}

/** Names gathered the way errorValues.ts gathers dropped awaits: imported bare calls kept with their import. */
class Gathered {
  readonly names = new Set<string>();
  readonly imported = new Map<string, { source: string; name: string }>();

  facts(ctx: ModuleContext): DroppedAwaits | undefined {
    if (this.names.size === 0 && this.imported.size === 0) return undefined;
    return {
      sources: this.names.size === 0 ? [] : projectSources(ctx),
      names: [...this.names],
      ...(this.imported.size > 0 ? { imported: [...this.imported.values()] } : {}),
    };
  }
}

/**
 * How this module uses the awaited answers of calls defined elsewhere: a method of a project object
 * (`await stripe.createPaymentIntent(p)`) or an imported function (`await sendEmail(...)`). Kept and
 * printed only, or read as data, marks `data`; tested as an error (`instanceof Error`, `.message`) marks
 * `checked`, which the project pass lets win over any other caller.
 *
 * @example
 * errorAnswerUses(ctx).data?.names // ['createPaymentIntent'] for `const i = await s.createPaymentIntent(p); save(i.id)`
 */
export function errorAnswerUses(ctx: ModuleContext): ErrorAnswerUses {
  if (!ctx.spells('await')) return {};
  const data = new Gathered();
  const checked = new Gathered();
  for (const call of ctx.of('CallExpression')) {
    if (ctx.parentOf(call)?.type !== 'AwaitExpression') continue;
    const callee = unwrap(call.callee as Node);
    let into: ((g: Gathered) => void) | undefined;
    if (callee?.type === 'Identifier') {
      const binding = ctx.imports.get(callee.name as string);
      if (binding === undefined || binding.imported === 'default' || binding.imported === '*') continue;
      const { source, imported } = binding;
      into = (g) => g.imported.set(`${source}#${imported}`, { source, name: imported });
    } else if (callee?.type === 'MemberExpression' && callee.computed !== true) {
      const property = callee.property as Node;
      if (property.type !== 'Identifier') continue;
      into = (g) => g.names.add(property.name as string);
    }
    if (into === undefined) continue;
    const use = callerUse(ctx, call);
    if (use === 'checked') into(checked);
    else if (use === 'data' || use === 'printed') into(data);
  }
  const d = data.facts(ctx);
  const c = checked.facts(ctx);
  return { ...(d !== undefined ? { data: d } : {}), ...(c !== undefined ? { checked: c } : {}) };
}
