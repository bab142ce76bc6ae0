// Libraries that answer batchItemFailures for a batch handler, so batch-no-partial-failure has nothing
// to say about it: middy's partial-batch middleware and Powertools' batch processors.
import { unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * middy's `sqs-partial-batch-failure` middleware applied in the module (`.use(sqsPartialBatchFailure())`):
 * it turns the handler's settled results (`Promise.allSettled`) into batchItemFailures.
 */
export function middyPartialBatch(ctx: ModuleContext): boolean {
  if (!ctx.spells('@middy/sqs-partial-batch-failure')) return false;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    if (ctx.importOf(callee.name as string, callee)?.source === '@middy/sqs-partial-batch-failure')
      return true;
  }
  return false;
}

/**
 * Module-level Powertools processors (`const processor = new BatchProcessor(EventType.SQS)`): a handler that
 * drives one itself (`processor.register(records, fn); await processor.process(); return processor.response()`)
 * answers batchItemFailures through it.
 */
export function powertoolsProcessors(ctx: ModuleContext): RegExp | undefined {
  if (!ctx.spells('@aws-lambda-powertools/batch')) return undefined;
  const names: string[] = [];
  for (const node of ctx.of('NewExpression')) {
    if (ctx.importRoot(node.callee)?.source !== '@aws-lambda-powertools/batch') continue;
    const holder = ctx.parentOf(node);
    if (holder?.type === 'VariableDeclarator' && holder.id?.type === 'Identifier')
      names.push((holder.id.name as string).replace(/\$/g, '\\$'));
  }
  return names.length > 0
    ? new RegExp(`\\b(?:${names.join('|')})\\s*\\.\\s*(?:response|process)\\b`)
    : undefined;
}
