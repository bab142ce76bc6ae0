// swallowed-error for ECS RunTask: a task ECS could not place (no capacity, a quota, a missing image or
// subnet) is not an error of the call. RunTask answers 200 with the task in `failures` (`{ arn, reason }`)
// and without it in `tasks`; the SDK throws nothing. A caller that reads neither goes on as if the task
// runs: a job marked started never starts, and nothing retries it. Judged as a batch API's answer is
// (answerSends.ts, partialBatch.ts), with `failures` as its failure field.
import { isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { type AnswerApi, answerSendsRule } from './answerSends.js';
import { printedReference } from './batchResultUse.js';
import type { Report } from './Report.js';

/** The call asks for one task: its params set no `count`, or a literal 1 (unknown params: the default). */
function oneTask(params: Node | undefined): boolean {
  if (params?.type !== 'ObjectExpression') return true;
  const count = (params.properties as Node[]).find(
    (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === 'count',
  );
  if (count === undefined) return true;
  const value = unwrap(count.value as Node);
  return value?.type === 'Literal' && value.value === 1;
}

/**
 * A later reference in `scope` (after `after`) to the binding `id` declares reads the answer's `tasks`
 * (`out.tasks`, `out['tasks']`, or `tasks` itself when `id` takes it apart: `{ tasks }`), and is not only
 * printed (batchResultUse.ts printedReference): a log line is no look.
 */
function tasksReadThrough(ctx: ModuleContext, scope: Node, id: Node | undefined, after: number): boolean {
  const target = unwrap(id);
  let name: Node | undefined;
  let field = true;
  if (target?.type === 'Identifier') name = target;
  else if (target?.type === 'ObjectPattern') {
    const prop = (target.properties as Node[]).find(
      (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === 'tasks',
    );
    if (prop === undefined) return false;
    let value = unwrap(prop.value as Node);
    if (value?.type === 'AssignmentPattern') value = unwrap(value.left as Node);
    // `{ tasks: [first] }`: taken apart again, which reads it.
    if (value?.type !== 'Identifier') return true;
    name = value;
    field = false;
  }
  if (name === undefined) return false;
  const binding = ctx.resolve(name.name as string, name);
  return someDescendant(scope, (n) => {
    if (n.type !== 'Identifier' || n.name !== name.name || n.start < after || n === name) return false;
    if (ctx.resolve(n.name as string, n) !== binding) return false;
    const member = ctx.parentOf(n);
    if (
      field &&
      (member?.type !== 'MemberExpression' ||
        member.object !== n ||
        propertyName(member.property as Node, member.computed as boolean) !== 'tasks')
    )
      return false;
    return !printedReference(ctx, scope, n);
  });
}

/**
 * The answer's `tasks` is read after the send: with one task asked for (the default `count`) an unplaced
 * task leaves `tasks` empty, so a test of `tasks.length` or a read of `tasks[0].taskArn` fails as a test of
 * `failures` would. Read through the answer's binding (`const out = await ...`, `const { tasks } = await
 * ...`) or a `.then` callback's parameter. With more tasks asked for (`count: 5`, or a count not written
 * out) some may sit in `failures` while `tasks` is not empty, so only `failures` counts. A read of
 * `failures` itself is judged by judgeBatch (a branch that only logs it is reported).
 */
function tasksRead(ctx: ModuleContext, sent: Node, params: Node | undefined): boolean {
  if (!oneTask(params)) return false;
  const parent = ctx.parentOf(sent);
  if (parent?.type === 'VariableDeclarator' && parent.init === sent) {
    const scope = (ctx.enclosingFunction(sent)?.body as Node | undefined) ?? ctx.program;
    return tasksReadThrough(ctx, scope, parent.id as Node, parent.end);
  }
  if (parent?.type !== 'MemberExpression' || parent.object !== sent) return false;
  if (propertyName(parent.property as Node, parent.computed as boolean) !== 'then') return false;
  const then = ctx.parentOf(parent);
  if (then?.type !== 'CallExpression') return false;
  const callback = unwrap((then.arguments as Node[])[0]);
  if (callback === undefined || !isFunction(callback)) return false;
  const body = callback.body as Node;
  return tasksReadThrough(ctx, body, (callback.params as Node[])[0], body.start);
}

/** ECS RunTask (`RunTaskCommand`, or `runTask({ taskDefinition, ... })` of a v2 `new AWS.ECS()` or v3 `new ECS()`). */
const RUN_TASK: AnswerApi = {
  command: 'RunTaskCommand',
  method: 'runTask',
  param: 'taskDefinition',
  field: 'failures',
  what: 'RunTask',
  client: 'ECS',
  applies: () => true,
  checked: tasksRead,
};

/**
 * Reports a RunTask whose answer is dropped, only printed, or (through its binding or a `.then`) read
 * for neither `failures` nor, with one task asked for, `tasks`; a read of any other field (`out.$metadata`)
 * counts as a look. The v2 callback form (`ecs.runTask(params, (err, data) => ...)`) is not judged.
 *
 * @example
 * await ecs.send(new RunTaskCommand({ cluster, taskDefinition })); // reported
 */
export function runTaskResultRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('RunTask') && !ctx.spells('runTask')) return;
  answerSendsRule(ctx, report, RUN_TASK);
}
