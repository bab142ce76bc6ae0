// SST v3's app-wide `$transform(sst.aws.Queue | sst.aws.Function, (args) => ...)` changes every queue or
// function the app builds after it. A module's own transforms settle its findings here; the app's
// `sst.config.ts` writes its transforms in `run()` before it imports the infra modules, so those are recorded
// as ModuleFacts.sstTransforms and settle every module's findings in the project pass (importedSstQueues.ts).
import { memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** What an app-wide transform settles: every queue's redrive policy, or every function's concurrency. */
export type SstTransform = 'queue-dlq' | 'function-cap';

/** The component each transform is written on, and the words its callback must hold to settle it. */
const SETTLES: Readonly<Record<SstTransform, { readonly component: string; readonly words: RegExp }>> = {
  // A queue transform setting only its visibility or retention leaves the redrive policy unset.
  'queue-dlq': { component: 'sst.aws.Queue', words: /\b(?:dlq|redrivePolicy)\b/ },
  'function-cap': {
    component: 'sst.aws.Function',
    words: /\b(?:concurrency|reservedConcurrentExecutions)\b/,
  },
};

/**
 * The transforms written in this module that settle a rule app-wide.
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
    for (const [kind, { component: on, words }] of Object.entries(SETTLES) as [
      SstTransform,
      (typeof SETTLES)[SstTransform],
    ][])
      if (component === on && words.test(ctx.source.slice(change.start, change.end))) found.add(kind);
  }
  return [...found];
}
