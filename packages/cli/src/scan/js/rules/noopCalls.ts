// swallowed-error: a catch whose only step beyond logging is a call of a helper that does nothing. A
// notifier switched off by a `return` on its first line (`export function sendSlackMessage() { return; ... }`,
// kept while the integration is paused) reaches no one: the catch that calls it only logs, and is judged so.
// A helper in the module is read here; an imported one is settled by the project pass
// (`onlyIfImportsDoNothing`, ExportFact.doesNothing), since only its own module shows its body.

import { reachedStatements } from '../afterExit.js';
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mayBeProjectSource } from '../projectSource.js';
import { assumingObservations, isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

/**
 * Does the function do nothing when called: every statement it reaches (those after an unconditional
 * `return` or `throw` never run) is a log line, a local declaration or a `return` of nothing?
 *
 * @example
 * doesNothing(fn) // true for `function notify(m) { return; const web = new WebClient(t); return web.chat.postMessage(m) }`
 */
export function doesNothing(fn: Node): boolean {
  if (!isFunction(fn) || fn.generator === true) return false;
  const body = fn.body as Node | undefined;
  // An arrow's expression body returns its value: `() => undefined` alone does nothing.
  if (body?.type !== 'BlockStatement')
    return unwrap(body)?.type === 'Identifier' && body?.name === 'undefined';
  return reachedStatements(body.body as Node[]).every((s) => emptyReturn(s) || isObservation(s));
}

/** `return;` or `return undefined;`. */
function emptyReturn(s: Node): boolean {
  if (s.type !== 'ReturnStatement') return false;
  const value = unwrap(s.argument as Node | undefined);
  return value === undefined || (value.type === 'Identifier' && value.name === 'undefined');
}

/** The call a statement makes, awaited or not: `notify(x);`, `await notify(x);`, `void notify(x);`. */
function statementCall(s: Node): Node | undefined {
  if (s.type !== 'ExpressionStatement') return undefined;
  let n = unwrap(s.expression as Node);
  if (n?.type === 'AwaitExpression' || (n?.type === 'UnaryExpression' && n.operator === 'void'))
    n = unwrap(n.argument as Node);
  return n?.type === 'CallExpression' ? n : undefined;
}

/** A catch's calls of helpers that may do nothing: the statements, and the imports the project pass must confirm. */
export interface NoopSteps {
  readonly statements: readonly Node[];
  readonly imports: readonly ImportRef[];
}

/**
 * The catch's statements that call, by name, a function of the module that does nothing or a project
 * import that may; undefined when there is none.
 *
 * @example
 * noopSteps(ctx, statements) // `await sendSlackMessage(ctx, {...})` with `import { sendSlackMessage } from '@lib/slack'`
 */
export function noopSteps(ctx: ModuleContext, statements: readonly Node[]): NoopSteps | undefined {
  const steps: Node[] = [];
  const imports: ImportRef[] = [];
  for (const s of statements) {
    const callee = unwrap(statementCall(s)?.callee as Node | undefined);
    if (callee?.type !== 'Identifier') continue;
    const name = callee.name as string;
    const imp = ctx.importOf(name, callee);
    if (imp !== undefined) {
      if (!mayBeProjectSource(imp.source) || imp.imported === '*') continue;
      steps.push(s);
      imports.push({ from: ctx.file, source: imp.source, name: imp.imported });
      continue;
    }
    const binding = ctx.resolve(name, callee);
    const fn = binding?.kind === 'function' || binding?.kind === 'const' ? unwrap(binding.init) : undefined;
    if (fn !== undefined && doesNothing(fn)) steps.push(s);
  }
  return steps.length === 0 ? undefined : { statements: steps, imports };
}

/**
 * Judges the catch again with its calls of helpers that may do nothing read as log lines, when the first
 * judgement found nothing to report. An imported helper's findings are kept only if the project pass finds
 * that each import named does nothing (`onlyIfImportsDoNothing`).
 *
 * @example
 * judgeWithoutNoops(ctx, handler, report, judge) // `catch (e) { console.error(e); await sendSlackMessage(e) }`
 */
export function judgeWithoutNoops(
  ctx: ModuleContext,
  handler: Node,
  report: Report,
  judge: (report: Report) => void,
): void {
  const steps = noopSteps(ctx, (handler.body as Node).body as Node[]);
  if (steps === undefined) return;
  const conditioned: Report =
    steps.imports.length === 0
      ? report
      : (rule, node, message, extra) =>
          report(rule, node, message, { ...extra, onlyIfImportsDoNothing: steps.imports });
  assumingObservations(steps.statements, () => judge(conditioned));
}
