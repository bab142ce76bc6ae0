// Whether a CDK event source's `reportBatchItemFailures` option is on. Projects often keep it in a settings
// object and hand it on by shorthand: `const { batchSize, reportBatchItemFailures } = settings.LambdaSQS`,
// then `new SqsEventSource(queue, { batchSize, reportBatchItemFailures })`. A literal, a module constant or
// the module's own settings object (cdkSourceOptions.ts settingOf) is read; a value the module cannot show
// (an imported settings object, a parameter, an expression) is `unread`, and like spread options
// (cdk.ts) it is not reported as absent: the option is written, only its value is out of sight.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { settingOf } from './cdkSourceOptions.js';

export type ReportFlag = 'on' | 'off' | 'unread';

function booleanOf(node: Node | undefined): boolean | undefined {
  const n = unwrap(node);
  return n?.type === 'Literal' && typeof n.value === 'boolean' ? n.value : undefined;
}

/** `on` when the option reads as `true`, `off` when absent or `false`, `unread` when written but unreadable. */
export function reportFlag(ctx: ModuleContext, node: Node | undefined): ReportFlag {
  if (node === undefined) return 'off';
  const value = booleanOf(node) ?? booleanOf(ctx.valueOf(node)) ?? booleanOf(settingOf(ctx, node));
  if (value !== undefined) return value ? 'on' : 'off';
  // `undefined` and `null` written out are the option left unset.
  const n = unwrap(ctx.valueOf(node));
  if (n?.type === 'Identifier' && n.name === 'undefined') return 'off';
  if (n?.type === 'Literal' && n.value === null) return 'off';
  return 'unread';
}
