// swallowed-error for ECS RunTask: a task ECS could not place (no capacity, a quota, a missing image or
// subnet) is not an error of the call. RunTask answers 200 with the task in `failures` (`{ arn, reason }`)
// and without it in `tasks`; the SDK throws nothing. A caller that reads neither goes on as if the task
// runs: a job marked started never starts, and nothing retries it. Judged as a batch API's answer is
// (answerSends.ts, partialBatch.ts), with `failures` as its failure field.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { type AnswerApi, answerSendsRule } from './answerSends.js';
import type { Report } from './Report.js';

/** `tasks` read as a field or taken apart (`out.tasks`, `out?.tasks`, `{ tasks }`, `['tasks']`). */
const TASKS_READ = /(?:\?\.|\.)\s*tasks\b|\{[^}]*\btasks\b[^}]*\}\s*=|\[\s*['"]tasks['"]\s*\]/;

/**
 * The answer's `tasks` is read after the send, in the function that sends it: with one task asked for
 * (the default `count`) an unplaced task leaves `tasks` empty, so a test of `tasks.length` or a read of
 * `tasks[0].taskArn` fails as a test of `failures` would. A read of `failures` itself is judged by
 * judgeBatch (a branch that only logs it is reported).
 */
function tasksRead(ctx: ModuleContext, sent: Node): boolean {
  const fn = ctx.enclosingFunction(sent);
  const scope = (fn?.body as Node | undefined) ?? ctx.program;
  // From the start of the statement holding the send: `const { tasks } = await ecs.send(...)` names it first.
  const from = Math.min(sent.start, ctx.parentOf(sent)?.start ?? sent.start);
  return TASKS_READ.test(ctx.source.slice(from, scope.end));
}

/** ECS RunTask (`RunTaskCommand`, v2 or aggregated `ecs.runTask({ taskDefinition, ... })`). */
const RUN_TASK: AnswerApi = {
  command: 'RunTaskCommand',
  method: 'runTask',
  param: 'taskDefinition',
  field: 'failures',
  what: 'RunTask',
  applies: () => true,
  checked: tasksRead,
};

/**
 * Reports a RunTask whose answer is dropped, only printed, or read without `failures` or `tasks`.
 *
 * @example
 * await ecs.send(new RunTaskCommand({ cluster, taskDefinition })); // reported
 */
export function runTaskResultRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('RunTask') && !ctx.spells('runTask')) return;
  answerSendsRule(ctx, report, RUN_TASK);
}
