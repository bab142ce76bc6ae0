// iac-missing-dlq for a project's own queue class: `class FifoQueue extends sqs.Queue { constructor(s, id,
// props?) { super(s, id, { ...props, fifo: true }) } }` in one module, `new FifoQueue(this, 'Jobs')` in
// another. The CDK `Queue` takes its redrive only from the `deadLetterQueue` prop (aws-cdk-lib/aws-sqs
// QueueProps), so a subclass whose `super` call sets none builds a queue without one unless its caller
// passes it: the finding goes at the caller's `new`, kept once the project pass sees the class.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mayBeWorkspaceImport } from '../workspaceImports.js';
import type { Report } from './Report.js';

/** The CDK SQS module paths, v2 and v1. */
function sqsModule(source: string | undefined): boolean {
  return source === 'aws-cdk-lib/aws-sqs' || source === '@aws-cdk/aws-sqs' || source === 'aws-cdk-lib';
}

/** The `super(...)` call of a class's constructor, when it has one. */
function superCall(cls: Node): Node | undefined {
  const ctor = ((cls.body?.body ?? []) as Node[]).find(
    (m) => m.type === 'MethodDefinition' && m.kind === 'constructor',
  );
  for (const statement of (ctor?.value?.body?.body ?? []) as Node[]) {
    const expr = unwrap(statement.expression);
    if (expr?.type === 'CallExpression' && unwrap(expr.callee)?.type === 'Super') return expr;
  }
  return undefined;
}

/**
 * A class of this module extending the CDK `Queue` whose constructor hands `super` props with no
 * `deadLetterQueue` of its own (the caller's spread props may still carry one).
 *
 * @example
 * queueSubclassWithoutDlq(ctx, cls) // class FifoQueue extends sqs.Queue { ... super(s, id, { ...props, fifo: true }) } -> true
 */
export function queueSubclassWithoutDlq(ctx: ModuleContext, cls: Node): boolean {
  const base = unwrap(cls.superClass as Node | undefined);
  if (base == null) return false;
  const path = memberPath(base);
  if (path?.[path.length - 1] !== 'Queue' || !sqsModule(ctx.importRoot(base)?.source)) return false;
  const call = superCall(cls);
  // No constructor: the caller's props reach `Queue` as they are.
  if (call === undefined) return true;
  const props = objectProps(ctx.valueOf((call.arguments as Node[])[2]));
  if (props === undefined) return (call.arguments as Node[])[2] !== undefined;
  return !props.props.has('deadLetterQueue');
}

/**
 * `new Sub(scope, id, props?)` of a class imported from the project, with no `deadLetterQueue` in the props
 * written here: a candidate kept only if that class extends `Queue` without one (queueSubclassWithoutDlq).
 */
export function importedQueueSubclasses(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('Queue')) return;
  for (const node of ctx.of('NewExpression')) {
    const callee = unwrap(node.callee);
    if (callee?.type !== 'Identifier' || !/Queue$/.test(callee.name as string)) continue;
    const imp = ctx.importOf(callee.name as string, callee);
    // A sibling module's class or a workspace package's (a shared constructs package): resolved there.
    if (imp === undefined || sqsModule(imp.source) || !mayBeWorkspaceImport(imp.source)) continue;
    const args = node.arguments as Node[];
    const arg = args[2];
    if (arg !== undefined) {
      const props = objectProps(ctx.valueOf(arg));
      if (props === undefined || props.spread || props.props.has('deadLetterQueue')) continue;
    }
    const id = args[1]?.type === 'Literal' ? String(args[1].value) : '';
    // A queue named as a dead-letter queue is one; its own alarm is another question.
    if (/dlq|dead/i.test(id)) continue;
    report(
      'iac-missing-dlq',
      node,
      `queue ${id || (callee.name as string)} (a ${callee.name as string}, which extends the CDK Queue) has no deadLetterQueue: a poison message is retried until retention deletes it`,
      { onlyIfImportQueueSubclass: { from: ctx.file, source: imp.source, name: imp.imported } },
    );
  }
}
