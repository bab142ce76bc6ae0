// swallowed-error in a function a workflow engine runs. Inngest (`inngest.createFunction(config, { event:
// 'story.finish' }, handler)`) retries a step or a run only when it throws: whatever the handler returns is
// recorded as the run's successful output. A handler that turns a step's error into a value (an error-first
// or error-second tuple, `const [url, uploadError] = await step.run('upload', () => handleAsync(...))`),
// tests it and answers `return { status: 'failed', error }` ends the run as a success: no retry, no failed
// run to alert on, and the steps after it never happen. The invoker reads no answer, as a schedule does for
// a Lambda handler (unreadFailureAnswer.ts). A branch around a live WebSocket push is left alone, as a catch
// around one is (livePush.ts): the screen update comes after the work is stored.
import {
  calleeName,
  forEachDescendant,
  isFunction,
  type Node,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';
import { failureObject } from './failureResult.js';
import type { Report } from './Report.js';

/** Trigger keys of a workflow engine's function: Inngest's `{ event: 'name' }` and `{ cron: '...' }`. */
const TRIGGER_KEY = /^(event|cron)$/;
/** A name for the error half of a result tuple (`uploadError`, `err`, `error`). */
const ERROR_NAME = /err/i;
const LIVE_PUSH = /^(postToConnection|PostToConnectionCommand)$/;

/** `{ event: 'x' }`, `{ cron: '0 * * * *' }`, or a list of them: a trigger, not a config. */
function isTrigger(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type === 'ArrayExpression')
    return (n.elements as Node[]).length > 0 && (n.elements as Node[]).every(isTrigger);
  return (
    n?.type === 'ObjectExpression' &&
    (n.properties as Node[]).some(
      (p) => p.type === 'Property' && TRIGGER_KEY.test(propertyName(p.key, p.computed as boolean) ?? ''),
    )
  );
}

/**
 * The handlers of `x.createFunction(config, trigger, handler)`: a workflow engine's functions, whose
 * returned value is recorded as a successful run.
 */
export function workflowFunctions(ctx: ModuleContext): Node[] {
  if (!ctx.spells('createFunction')) return [];
  return ctx.of('CallExpression').flatMap((call) => {
    const args = call.arguments as Node[];
    const handler = unwrap(args[2]);
    return calleeName(call) === 'createFunction' &&
      args.length === 3 &&
      isTrigger(args[1]) &&
      isFunction(handler)
      ? [handler as Node]
      : [];
  });
}

/** The error names a `const [value, error] = await ...` declaration in `fn`'s own body binds, with its call. */
function tupleErrors(fn: Node): { name: string; init: Node; end: number }[] {
  const out: { name: string; init: Node; end: number }[] = [];
  forEachDescendant(
    fn.body as Node,
    (d) => {
      if (d.type !== 'VariableDeclarator' || d.id?.type !== 'ArrayPattern') return true;
      if (unwrap(d.init)?.type !== 'AwaitExpression') return true;
      for (const e of d.id.elements as (Node | null)[])
        if (e?.type === 'Identifier' && ERROR_NAME.test(e.name as string))
          out.push({ name: e.name as string, init: d.init as Node, end: d.end });
      return true;
    },
    true,
  );
  return out;
}

/** `if (error)` or `if (error != null)` after the declaration, in `fn`'s own body. */
function testsOf(ctx: ModuleContext, fn: Node, name: string, from: number): Node[] {
  const tests: Node[] = [];
  someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'IfStatement' || n.start < from) return false;
      const test = ctx.source.slice(n.test.start, n.test.end).replace(/\s+/g, '');
      if (test === name || new RegExp(`^${name}!==?(null|undefined)$`).test(test)) tests.push(n);
      return false;
    },
    true,
  );
  return tests;
}

/** The branch only observes the error and answers a failure object (`{ status: 'failed', error }`). */
function answersFailure(branch: Node): boolean {
  const body = branch.type === 'BlockStatement' ? (branch.body as Node[]) : [branch];
  const last = body.at(-1);
  return (
    last?.type === 'ReturnStatement' &&
    failureObject(last.argument as Node | null, true) &&
    body.slice(0, -1).every((s) => isObservation(s))
  );
}

/**
 * Reports, at its `if`, a workflow function's branch that answers a tuple's tested error as a failure value.
 *
 * @example
 * // createFunction({ id: 'finish' }, { event: 'finish' }, async ({ step }) => {
 * //   const [, err] = await step.run('mark', () => handleAsync(done(id))); if (err) return { status: 'failed' } })
 * workflowFailureAnswers(ctx, report) // -> swallowed-error at `if (err)`
 */
export function workflowFailureAnswers(ctx: ModuleContext, report: Report): void {
  for (const fn of workflowFunctions(ctx))
    for (const { name, init, end } of tupleErrors(fn)) {
      if (someDescendant(init, (n) => n.type === 'CallExpression' && LIVE_PUSH.test(calleeName(n) ?? '')))
        continue;
      for (const test of testsOf(ctx, fn, name, end))
        if (answersFailure(test.consequent as Node))
          report(
            'swallowed-error',
            test,
            `the workflow function answers ${name} as a returned value instead of throwing: the engine records any return as a successful run, so the step is never retried and the steps after it never run`,
          );
    }
}
