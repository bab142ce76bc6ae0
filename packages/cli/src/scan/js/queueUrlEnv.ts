// A queue's URL handed to code through an environment variable: the infrastructure writes
// `environment: { EXPORT_QUEUE_URL: queue.queueUrl }` and the producer sends to
// `process.env.EXPORT_QUEUE_URL`, often from another package of a monorepo. The variable's name is the one
// thing both sides spell the same, so it ties a FIFO queue to the message groups its producers write.
import { type Node, propertyName, stringValue, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { environmentEntries } from './rules/cdkEnvHanded.js';

/** The variable `process.env.NAME` / `process.env['NAME']` reads, or undefined for anything else. */
export function envName(node: Node | undefined): string | undefined {
  if (node?.type !== 'MemberExpression') return undefined;
  const env = unwrap(node.object as Node);
  if (
    env?.type !== 'MemberExpression' ||
    propertyName(env.property as Node, env.computed as boolean) !== 'env'
  )
    return undefined;
  const proc = unwrap(env.object as Node);
  if (proc?.type !== 'Identifier' || proc.name !== 'process') return undefined;
  return node.computed === true
    ? stringValue(node.property as Node)
    : propertyName(node.property as Node, false);
}

/**
 * The environment variables a CDK module sets to the URL of the queue `queueExpr` names: an `environment`
 * entry (`{ EXPORT_QUEUE_URL: jobs.queueUrl }`) or `fn.addEnvironment('EXPORT_QUEUE_URL', jobs.queueUrl)`.
 * The queue is matched by its source text (`jobs`, `this.exportQueue`).
 * @example
 * queueUrlEnvNames(ctx, jobsIdentifier) // `environment: { JOBS_URL: jobs.queueUrl }` -> ['JOBS_URL']
 */
export function queueUrlEnvNames(ctx: ModuleContext, queueExpr: Node | undefined): string[] {
  const target = unwrap(queueExpr);
  if (target === undefined) return [];
  const text = ctx.source.slice(target.start, target.end);
  const urlOfQueue = (v: Node | undefined): boolean => {
    const u = unwrap(v);
    if (u?.type !== 'MemberExpression' || propertyName(u.property as Node, false) !== 'queueUrl')
      return false;
    const o = unwrap(u.object as Node);
    return o !== undefined && ctx.source.slice(o.start, o.end) === text;
  };
  return environmentEntries(ctx)
    .filter((e) => urlOfQueue(e.value))
    .map((e) => e.variable);
}
